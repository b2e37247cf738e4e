//! The processes of the cluster: `portal` processes on one PostgreSQL
//! database and one shared data folder (the token key, the demo
//! certification center, the files), and HAProxy in front of them.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};

use crate::support::{HttpClient, call};

/// How long a draining process stays up answering "not ready": past
/// HAProxy's check interval, so it is out of rotation before it stops.
pub const DRAIN_DELAY_MS: u64 = 1_200;
/// HAProxy's health check interval.
const CHECK_INTERVAL_MS: u64 = 250;

/// What every portal process is started with.
#[derive(Debug, Clone)]
pub struct Setup {
    pub data: PathBuf,
    pub database_url: String,
    /// The address the citizens use: HAProxy's.
    pub public_url: String,
    pub smtp_port: u16,
}

pub struct Node {
    pub port: u16,
    pub base: String,
    child: Option<Child>,
}

impl Node {
    pub fn new(port: u16) -> Node {
        Node {
            port,
            base: format!("http://127.0.0.1:{port}"),
            child: None,
        }
    }

    /// Starts the process (it must not be running).
    pub fn start(&mut self, setup: &Setup) -> Result<(), String> {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(setup.data.join(format!("portal-{}.log", self.port)))
            .map_err(|e| format!("log file: {e}"))?;
        let child = Command::new(env!("CARGO_BIN_EXE_portal"))
            .arg("--data-dir")
            .arg(&setup.data)
            .args(["--database-url", &setup.database_url])
            .args(["--port", &self.port.to_string()])
            .args(["--public-url", &setup.public_url])
            .arg("--demo")
            // A revoked session is refused by every process at once.
            .args(["--session-recheck-ms", "0"])
            .args(["--drain-delay-ms", &DRAIN_DELAY_MS.to_string()])
            .args(["--smtp-host", "127.0.0.1"])
            .args(["--smtp-port", &setup.smtp_port.to_string()])
            .args(["--smtp-from", "noreply@egov.test"])
            .args(["--smtp-tls", "none"])
            // A letter a killed process held goes out from another after 9 s.
            .args(["--smtp-timeout-secs", "3"])
            .args(["--login-failures-per-address", "100000"])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("the portal starts: {e}"))?;
        self.child = Some(child);
        Ok(())
    }

    /// Waits until the process says it is ready; the time it took.
    pub async fn ready(&mut self, client: &HttpClient) -> Result<Duration, String> {
        let began = Instant::now();
        let url = format!("{}/api/health/ready", self.base);
        while began.elapsed() < Duration::from_secs(90) {
            if let Some(child) = &mut self.child
                && let Ok(Some(status)) = child.try_wait()
            {
                return Err(format!(
                    "the portal on {} exited at start: {status}",
                    self.port
                ));
            }
            if let Ok((StatusCode::OK, _)) = call(client, Method::GET, &url, None, None).await {
                return Ok(began.elapsed());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!(
            "the portal on {} was not ready within 90 s",
            self.port
        ))
    }

    /// SIGKILL: no warning, nothing finished.
    pub fn kill(&mut self) -> Result<(), String> {
        if let Some(mut child) = self.child.take() {
            child.kill().map_err(|e| format!("kill: {e}"))?;
            child.wait().map_err(|e| format!("wait: {e}"))?;
        }
        Ok(())
    }

    /// SIGTERM, and waits for the process to finish what it holds and exit.
    pub async fn stop(&mut self) -> Result<(), String> {
        let Some(mut child) = self.child.take() else {
            return Ok(());
        };
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .map_err(|e| format!("kill -TERM: {e}"))?;
        let began = Instant::now();
        loop {
            if let Ok(Some(status)) = child.try_wait() {
                return if status.success() {
                    Ok(())
                } else {
                    Err(format!("the portal on {} stopped with {status}", self.port))
                };
            }
            if began.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                return Err(format!(
                    "the portal on {} did not stop within 30 s",
                    self.port
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.kill();
    }
}

/// HAProxy in front of `nodes`, round robin, each checked on
/// `/api/health/ready`; a request whose connection fails is tried on
/// another.
pub struct Haproxy {
    child: Child,
    pub base: String,
}

impl Haproxy {
    pub fn start(program: &str, dir: &Path, port: u16, nodes: &[Node]) -> Result<Haproxy, String> {
        let mut config = format!(
            "global\n  maxconn 4096\n\
             defaults\n  mode http\n  timeout connect 2s\n  timeout client 30s\n  timeout server 30s\n\
             \x20 retries 3\n  option redispatch\n  retry-on conn-failure empty-response\n\
             frontend portal\n  bind 127.0.0.1:{port}\n  default_backend portals\n\
             backend portals\n  balance roundrobin\n\
             \x20 option httpchk GET /api/health/ready\n  http-check expect status 200\n\
             \x20 default-server inter {CHECK_INTERVAL_MS}ms fall 1 rise 1\n"
        );
        for node in nodes {
            config.push_str(&format!("  server p{0} 127.0.0.1:{0} check\n", node.port));
        }
        let file = dir.join("haproxy.cfg");
        std::fs::write(&file, config).map_err(|e| format!("haproxy.cfg: {e}"))?;
        let log = std::fs::File::create(dir.join("haproxy.log"))
            .map_err(|e| format!("haproxy.log: {e}"))?;
        let child = Command::new(program)
            .arg("-db")
            .arg("-f")
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .map_err(|e| format!("{program} starts (Debian: apt-get install haproxy): {e}"))?;
        Ok(Haproxy {
            child,
            base: format!("http://127.0.0.1:{port}"),
        })
    }
}

impl Drop for Haproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
