//! Crash safety: the `portal` binary is killed with SIGKILL while
//! `CRASH_CLIENTS` (32) clients write, `CRASH_ROUNDS` (100) times on the same
//! data. After each kill: `PRAGMA integrity_check` is `ok` (SQLite), every
//! request has a history whose last event is the request's status, every
//! request whose creation was answered with a success exists, and every save
//! answered with a success is there (or the one after it, sent but not
//! answered before the kill); then the portal must start again and answer.
//!
//! Not part of `cargo test`'s default run: `cargo xtask crash` runs it fully
//! (SQLite, then PostgreSQL), `cargo xtask test` a short version. By hand:
//! `CRASH_ROUNDS=10 cargo test -p backend --test crash`, with
//! `CRASH_DATABASE_URL=postgres://…` for a PostgreSQL server (a fresh database
//! is made on it).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Database};

#[path = "support/ledger.rs"]
mod ledger;
mod support;

use ledger::{Ledger, check, client_loop};
use support::{APPLICANT, HttpClient, call, env_or, free_port, login};

struct Portal {
    child: Child,
    base: String,
}

fn start(data: &Path, database_url: &str, port: u16) -> Portal {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data.join("portal.log"))
        .expect("log file");
    let child = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("--data-dir")
        .arg(data)
        .args(["--database-url", database_url])
        .args(["--port", &port.to_string()])
        .args(["--public-url", &format!("http://127.0.0.1:{port}")])
        .arg("--demo")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .expect("the portal starts");
    Portal {
        child,
        base: format!("http://127.0.0.1:{port}"),
    }
}

/// Waits until the portal answers its health check; the time it took.
async fn healthy(client: &HttpClient, portal: &mut Portal) -> Result<Duration, String> {
    let began = Instant::now();
    while began.elapsed() < Duration::from_secs(60) {
        if let Ok(Some(status)) = portal.child.try_wait() {
            return Err(format!("the portal exited at start: {status}"));
        }
        let url = format!("{}/api/health", portal.base);
        if let Ok((StatusCode::OK, _)) = call(client, Method::GET, &url, None, None).await {
            return Ok(began.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err("the portal did not become healthy within 60 s".into())
}

/// SQLite in `dir`, or a fresh database on `CRASH_DATABASE_URL`'s server.
async fn database_url(dir: &Path) -> String {
    match std::env::var("CRASH_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            let name = format!("crash_{}", uuid::Uuid::new_v4().simple());
            let db = Database::connect(&admin)
                .await
                .expect("connect to PostgreSQL");
            db.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create the database");
            db.close().await.expect("close");
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}?mode=rwc", dir.join("portal.sqlite3").display()),
    }
}

async fn run(dir: PathBuf) -> Result<String, String> {
    let rounds: u32 = env_or("CRASH_ROUNDS", 100);
    let clients: usize = env_or("CRASH_CLIENTS", 32);
    let database_url = database_url(&dir).await;
    let port = free_port()?;
    let http = support::client();
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let mut slowest_start = Duration::ZERO;
    for round in 0..rounds {
        let mut portal = start(&dir, &database_url, port);
        slowest_start = slowest_start.max(
            healthy(&http, &mut portal)
                .await
                .map_err(|e| format!("round {round}: {e}"))?,
        );
        let token = login(&http, &portal.base, APPLICANT).await?;
        let stop = Arc::new(AtomicBool::new(false));
        let workers: Vec<_> = (0..clients)
            .map(|_| {
                tokio::spawn(client_loop(
                    portal.base.clone(),
                    token.clone(),
                    Arc::clone(&ledger),
                    Arc::clone(&stop),
                    None,
                ))
            })
            .collect();
        // Kill at a different moment each round: 0.3 to 1.5 s into the load.
        let after = Duration::from_millis(300 + u64::from(round * 7_919 % 1_200));
        tokio::time::sleep(after).await;
        portal.child.kill().map_err(|e| format!("kill: {e}"))?;
        portal.child.wait().map_err(|e| format!("wait: {e}"))?;
        stop.store(true, Ordering::Relaxed);
        for w in workers {
            let _ = w.await;
        }
        let snapshot: Ledger = ledger.lock().map_err(|_| "ledger poisoned")?.clone();
        check(&database_url, &snapshot)
            .await
            .map_err(|e| format!("round {round}: {e}"))?;
    }
    // Once more: it starts cleanly after the last kill.
    let mut portal = start(&dir, &database_url, port);
    healthy(&http, &mut portal).await?;
    let _ = portal.child.kill();
    let _ = portal.child.wait();
    let l = ledger.lock().map_err(|_| "ledger poisoned")?;
    let saves = l.saved.values().filter(|(a, _)| a.is_some()).count();
    Ok(format!(
        "{rounds} kills under {clients} clients: {} requests created, {saves} saved with an answer, none lost; integrity and histories ok; slowest restart {:.1} s",
        l.created.len(),
        slowest_start.as_secs_f64()
    ))
}

fn main() -> ExitCode {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    match runtime.block_on(run(dir.path().to_path_buf())) {
        Ok(summary) => {
            println!("crash test: {summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("crash test FAILED: {e}");
            if let Ok(log) = std::fs::read_to_string(dir.path().join("portal.log")) {
                let tail: Vec<&str> = log.lines().rev().take(20).collect();
                eprintln!("portal log (last lines):");
                for line in tail.into_iter().rev() {
                    eprintln!("  {line}");
                }
            }
            ExitCode::FAILURE
        }
    }
}
