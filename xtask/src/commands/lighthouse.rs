//! `cargo xtask bench --lighthouse`: Lighthouse 12 (npm) in Debian's
//! Chromium, mobile with its default throttling, on the release build with
//! the demo data: each public page's performance, accessibility and best
//! practices scores, LCP, CLS and TBT, as a table (and each report's JSON in
//! the cache folder). The portal is measured as it is served: behind
//! Debian's HAProxy terminating TLS (a throwaway self-signed certificate,
//! which the browser is told to accept) and speaking HTTP/2 to the browser;
//! `--direct` measures the portal's own HTTP/1.1 instead.

use std::path::Path;
use std::process::Command;

use crate::base::{Res, TempDir, cache_dir, free_port, root};
use crate::commands::cluster::ensure_haproxy;
use crate::portal::Portal;
use crate::tools::{Tools, ensure_npm_dir};

/// The public pages a citizen may land on first, every passport among them.
fn pages() -> Res<Vec<String>> {
    let dir = root().join("backend/data/catalog/services");
    let mut codes: Vec<String> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".json").map(str::to_owned)
        })
        .collect();
    codes.sort();
    let mut pages = vec!["/".to_owned()];
    pages.extend(codes.iter().map(|c| format!("/services/{c}")));
    pages.extend(
        [
            "/registry",
            "/stats",
            "/login",
            "/register",
            "/verify/KZ-L-0000-000000",
        ]
        .map(str::to_owned),
    );
    Ok(pages)
}

/// Prints one row of a report: the scores and the three timings.
const ROW: &str = "const r = require(process.argv[1]); const a = r.audits; \
const s = (k) => Math.round(r.categories[k].score * 100); \
console.log([s('performance'), s('accessibility'), s('best-practices'), \
(a['largest-contentful-paint'].numericValue / 1000).toFixed(2) + ' s', \
a['cumulative-layout-shift'].numericValue.toFixed(3), \
Math.round(a['total-blocking-time'].numericValue) + ' ms'].join(' | '));";

/// HAProxy in front of the portal: TLS with a self-signed certificate for
/// 127.0.0.1, HTTP/2 (ALPN) to the browser, HTTP/1.1 to the portal.
struct TlsFront {
    child: std::process::Child,
    url: String,
    _dir: TempDir,
}

impl TlsFront {
    fn start(backend: &str) -> Res<TlsFront> {
        let haproxy = ensure_haproxy()?;
        let dir = TempDir::new("lighthouse-tls")?;
        let (key, cert, both) = (
            dir.0.join("key.pem"),
            dir.0.join("cert.pem"),
            dir.0.join("both.pem"),
        );
        let made = Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
            ])
            .args(["-nodes", "-days", "2", "-subj", "/CN=127.0.0.1"])
            .args(["-addext", "subjectAltName=IP:127.0.0.1", "-keyout"])
            .arg(&key)
            .arg("-out")
            .arg(&cert)
            .output()
            .map_err(|e| format!("openssl: {e}"))?;
        if !made.status.success() {
            return Err(format!(
                "openssl: {}",
                String::from_utf8_lossy(&made.stderr)
            ));
        }
        let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
        let mut pem = read(&cert)?;
        pem.extend(read(&key)?);
        std::fs::write(&both, pem).map_err(|e| format!("{}: {e}", both.display()))?;
        let port = free_port()?;
        let server = backend.trim_start_matches("http://");
        let config = format!(
            "global\n  maxconn 1000\n\
             defaults\n  mode http\n  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n\
             frontend portal\n  bind 127.0.0.1:{port} ssl crt {} alpn h2,http/1.1\n  default_backend app\n\
             backend app\n  server portal {server}\n",
            both.display()
        );
        let file = dir.0.join("haproxy.cfg");
        std::fs::write(&file, config).map_err(|e| format!("haproxy.cfg: {e}"))?;
        let child = Command::new(haproxy)
            .args(["-db", "-f"])
            .arg(&file)
            .stdout(std::process::Stdio::null())
            .spawn()
            .map_err(|e| format!("{haproxy}: {e}"))?;
        let url = format!("https://127.0.0.1:{port}");
        for _ in 0..50 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(TlsFront {
                    child,
                    url,
                    _dir: dir,
                });
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Err("HAProxy did not start listening".into())
    }
}

impl Drop for TlsFront {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn run(_tools: &Tools, direct: bool) -> Res {
    let dir = cache_dir().join("lighthouse");
    ensure_npm_dir(&root().join("xtask").join("lighthouse"), &dir, &[])?;
    let portal = Portal::start_with("portal-lighthouse", &[], None)?;
    let front = if direct {
        None
    } else {
        Some(TlsFront::start(&portal.url)?)
    };
    let base = front
        .as_ref()
        .map_or(portal.url.as_str(), |f| f.url.as_str());
    let reports = cache_dir().join("bench").join("lighthouse");
    std::fs::create_dir_all(&reports).map_err(|e| format!("{}: {e}", reports.display()))?;
    println!(
        "\nLighthouse 12, mobile (default throttling), release build, {}:\n",
        if direct {
            "the portal's own HTTP/1.1"
        } else {
            "behind HAProxy (TLS, HTTP/2)"
        }
    );
    println!("| page | performance | accessibility | best practices | LCP | CLS | TBT |");
    println!("|---|---|---|---|---|---|---|");
    for page in pages()? {
        let name = page.trim_matches('/').replace('/', "_");
        let json = reports.join(format!(
            "{}.json",
            if name.is_empty() { "catalog" } else { &name }
        ));
        audit(&dir, &format!("{base}{page}"), &json, front.is_some())?;
        let out = Command::new("node")
            .args(["-e", ROW])
            .arg(&json)
            .output()
            .map_err(|e| format!("node: {e}"))?;
        if !out.status.success() {
            return Err(format!("{page}: {}", String::from_utf8_lossy(&out.stderr)));
        }
        println!(
            "| `{page}` | {} |",
            String::from_utf8_lossy(&out.stdout).trim()
        );
    }
    println!("\nreports: {}", reports.display());
    Ok(())
}

/// One Lighthouse run of `url` into `json`; `self_signed`: the browser
/// accepts the throwaway certificate of the TLS front.
fn audit(dir: &Path, url: &str, json: &Path, self_signed: bool) -> Res {
    let mut flags = "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic \
         --no-first-run --disable-background-networking --disable-component-update \
         --disable-sync"
        .to_owned();
    if self_signed {
        flags.push_str(" --ignore-certificate-errors");
    }
    let status = Command::new(dir.join("node_modules/.bin/lighthouse"))
        .arg(url)
        .args([
            "--quiet",
            "--output=json",
            "--only-categories=performance,accessibility,best-practices",
        ])
        .arg(flags)
        .arg(format!("--output-path={}", json.display()))
        .env("CHROME_PATH", "/usr/bin/chromium")
        .status()
        .map_err(|e| format!("lighthouse: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("lighthouse failed on {url}"))
    }
}
