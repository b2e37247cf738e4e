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

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};

mod support;

use support::{APPLICANT, HttpClient, call, env_or, free_port, login};

/// The answer each save changes.
const FIELD: &str = "premises_area";

/// What the clients were told, and what they sent last.
#[derive(Default)]
struct Ledger {
    /// Requests whose creation was answered 201.
    created: Vec<i64>,
    /// Per request: the last value a save of it was answered 200 for, and
    /// the last value sent (answered or not).
    saved: HashMap<i64, (Option<u64>, u64)>,
}

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

/// One client: creates a draft, saves it a few times, again, until stopped
/// (or until the server is gone).
async fn client_loop(
    base: String,
    token: String,
    ledger: Arc<Mutex<Ledger>>,
    stop: Arc<AtomicBool>,
) {
    let client = support::client();
    let create = json!({ "service": "med-license", "request_type": "issuance" });
    let mut value: u64 = 0;
    while !stop.load(Ordering::Relaxed) {
        let url = format!("{base}/api/requests");
        let id = match call(&client, Method::POST, &url, Some(&token), Some(&create)).await {
            Ok((StatusCode::CREATED, v)) => match v["id"].as_i64() {
                Some(id) => id,
                None => return,
            },
            _ => return,
        };
        if let Ok(mut l) = ledger.lock() {
            l.created.push(id);
        }
        for _ in 0..3 {
            value += 1;
            if let Ok(mut l) = ledger.lock() {
                let entry = l.saved.entry(id).or_insert((None, value));
                entry.1 = value;
            }
            let url = format!("{base}/api/requests/{id}");
            let body = json!({ "answers": { FIELD: value.to_string() } });
            match call(&client, Method::PUT, &url, Some(&token), Some(&body)).await {
                Ok((StatusCode::OK, _)) => {
                    if let Ok(mut l) = ledger.lock()
                        && let Some(entry) = l.saved.get_mut(&id)
                    {
                        entry.0 = Some(value);
                    }
                }
                _ => return,
            }
        }
    }
}

async fn rows(db: &DatabaseConnection, sql: &str) -> Result<Vec<sea_orm::QueryResult>, String> {
    db.query_all(Statement::from_string(
        db.get_database_backend(),
        sql.to_owned(),
    ))
    .await
    .map_err(|e| format!("{sql}: {e}"))
}

/// The checks after a kill, on the database itself.
async fn check(database_url: &str, ledger: &Ledger) -> Result<(), String> {
    let db = Database::connect(database_url)
        .await
        .map_err(|e| format!("open the database: {e}"))?;
    if database_url.starts_with("sqlite") {
        let r = rows(&db, "PRAGMA integrity_check").await?;
        let verdict: String = r
            .first()
            .and_then(|r| r.try_get_by_index(0).ok())
            .unwrap_or_default();
        if verdict != "ok" {
            return Err(format!("integrity_check: {verdict}"));
        }
    }
    // Every request has a history, and its last event is its status.
    let broken = rows(
        &db,
        "SELECT r.id FROM requests r WHERE NOT EXISTS (SELECT 1 FROM request_events e WHERE e.request_id = r.id) \
         OR r.status <> (SELECT e.status FROM request_events e WHERE e.request_id = r.id ORDER BY e.id DESC LIMIT 1)",
    )
    .await?;
    if !broken.is_empty() {
        return Err(format!(
            "{} requests with an inconsistent history",
            broken.len()
        ));
    }
    // Nothing answered is lost.
    let mut stored: HashMap<i64, String> = HashMap::new();
    for r in rows(&db, "SELECT id, answers FROM requests").await? {
        let id: i32 = r.try_get_by_index(0).map_err(|e| e.to_string())?;
        let answers: String = r.try_get_by_index(1).map_err(|e| e.to_string())?;
        stored.insert(i64::from(id), answers);
    }
    for id in &ledger.created {
        if !stored.contains_key(id) {
            return Err(format!("request {id} was created (201) and is lost"));
        }
    }
    for (id, (acked, sent)) in &ledger.saved {
        let Some(acked) = acked else { continue };
        let answers: Value = serde_json::from_str(&stored[id]).unwrap_or(Value::Null);
        let kept: Option<u64> = answers[FIELD].as_str().and_then(|v| v.parse().ok());
        if kept != Some(*acked) && kept != Some(*sent) {
            return Err(format!(
                "request {id}: the save of {acked} was answered 200, the database has {kept:?}"
            ));
        }
    }
    db.close().await.map_err(|e| e.to_string())?;
    Ok(())
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
        let snapshot = {
            let l = ledger.lock().map_err(|_| "ledger poisoned")?;
            Ledger {
                created: l.created.clone(),
                saved: l.saved.clone(),
            }
        };
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
