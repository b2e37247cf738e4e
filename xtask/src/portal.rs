//! The portal's server binary: built in the test build's profile, and
//! started on demo data for the browser tests and schemathesis.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::base::{Res, TempDir, dist_dir, free_port, root, target_dir};
use crate::process::run;
use crate::tools::system::terminate;
use crate::tools::{Tools, cmd};

pub fn build_server(tools: &Tools) -> Res {
    run(cmd(
        tools,
        "cargo",
        &["build", "--locked", "--release", "-p", "backend"],
    ))
}

/// The test build: the workspace's tests in the release profile, so the
/// server binary they start (`CARGO_BIN_EXE_portal`) is the one the
/// browser tests and schemathesis run too, and the dependencies are
/// compiled once for all of them (a debug test build beside a release
/// server build compiled them twice: 5 min on two cores). `--workspace`
/// everywhere: the same packages give the same features, hence the same
/// build (`-p backend` would rebuild ~160 crates).
pub fn cargo_test(tools: &Tools, extra: &[&str]) -> Command {
    let mut args = vec!["test", "--locked", "--release", "--workspace"];
    args.extend_from_slice(extra);
    cmd(tools, "cargo", &args)
}

pub fn server_binary() -> PathBuf {
    target_dir().join("release").join("portal")
}

/// A portal process started for browser tests, stopped on drop.
pub struct Portal {
    child: Child,
    pub url: String,
    pub data: TempDir,
}

impl Portal {
    /// The release portal on demo data, for the browser tests: trusting
    /// the national center's TEST PKI too (`e2e/tests/national.spec.ts`).
    pub fn start() -> Res<Portal> {
        Portal::start_with("portal-e2e", &["--trust-national-test"], None)
    }

    /// The release portal on demo data in a fresh folder, with `extra`
    /// arguments; its log to `log` when given, else to the console.
    pub fn start_with(prefix: &str, extra: &[&str], log: Option<&Path>) -> Res<Portal> {
        let port = free_port()?;
        let data = TempDir::new(prefix)?;
        let mut c = Command::new(server_binary());
        if let Some(path) = log {
            let file = std::fs::File::create(path)
                .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
            let copy = file
                .try_clone()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            c.stdout(file).stderr(copy);
        }
        let child = c
            .current_dir(root())
            .args(["--host", "127.0.0.1", "--port", &port.to_string(), "--demo"])
            .args(["--public-url", &format!("http://127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(&data.0)
            .arg("--dist")
            .arg(dist_dir())
            .arg("--catalog")
            .arg(root().join("backend/data/catalog"))
            .args(extra)
            .env("RUST_LOG", "warn")
            .spawn()
            .map_err(|e| format!("cannot start the portal: {e}"))?;
        let url = format!("http://127.0.0.1:{port}");
        let portal = Portal { child, url, data };
        portal.wait_healthy()?;
        Ok(portal)
    }

    fn wait_healthy(&self) -> Res {
        let deadline = Instant::now() + Duration::from_secs(60);
        let addr = self.url.trim_start_matches("http://").to_owned();
        while Instant::now() < deadline {
            if http_get_ok(&addr, "/api/health") {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err("the portal did not become healthy within 60 s".into())
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

/// A minimal HTTP/1.1 GET, enough for a health check without a client crate.
pub fn http_get_ok(addr: &str, path: &str) -> bool {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(addr) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
    if s.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .is_err()
    {
        return false;
    }
    let mut buf = String::new();
    let _ = s.read_to_string(&mut buf);
    buf.starts_with("HTTP/1.1 200")
}
