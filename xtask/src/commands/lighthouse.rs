//! `cargo xtask bench --lighthouse`: Lighthouse 12 (npm) in Debian's
//! Chromium, mobile with its default throttling, on the release build with
//! the demo data: each public page's performance, accessibility and best
//! practices scores, LCP, CLS and TBT, as a table (and each report's JSON in
//! the cache folder).

use std::path::Path;
use std::process::Command;

use crate::base::{Res, cache_dir, root};
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

pub fn run(_tools: &Tools) -> Res {
    let dir = cache_dir().join("lighthouse");
    ensure_npm_dir(&root().join("xtask").join("lighthouse"), &dir, &[])?;
    let portal = Portal::start_with("portal-lighthouse", &[], None)?;
    let reports = cache_dir().join("bench").join("lighthouse");
    std::fs::create_dir_all(&reports).map_err(|e| format!("{}: {e}", reports.display()))?;
    println!("\nLighthouse 12, mobile (default throttling), release build:\n");
    println!("| page | performance | accessibility | best practices | LCP | CLS | TBT |");
    println!("|---|---|---|---|---|---|---|");
    for page in pages()? {
        let name = page.trim_matches('/').replace('/', "_");
        let json = reports.join(format!(
            "{}.json",
            if name.is_empty() { "catalog" } else { &name }
        ));
        audit(&dir, &format!("{}{page}", portal.url), &json)?;
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

/// One Lighthouse run of `url` into `json`.
fn audit(dir: &Path, url: &str, json: &Path) -> Res {
    let status = Command::new(dir.join("node_modules/.bin/lighthouse"))
        .arg(url)
        .args([
            "--quiet",
            "--output=json",
            "--only-categories=performance,accessibility,best-practices",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic \
             --no-first-run --disable-background-networking --disable-component-update \
             --disable-sync",
        ])
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
