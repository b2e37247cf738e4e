//! The writing clients of the out-of-process suites (`crash`, `cluster`)
//! and what they check afterwards on the database: every request whose
//! creation was answered exists, every answered save is kept, every
//! request's history ends at its status.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::{Value, json};

use crate::support::call;

/// The answer each save changes.
const FIELD: &str = "premises_area";

/// What the clients were told, and what they sent last.
#[derive(Default, Clone)]
pub struct Ledger {
    /// Requests whose creation was answered 201.
    pub created: Vec<i64>,
    /// Per request: the last value a save of it was answered 200 for, and
    /// the last value sent (answered or not).
    pub saved: HashMap<i64, (Option<u64>, u64)>,
}

/// One client: creates a draft, saves it a few times, again, until stopped.
/// A failed call ends it, or, with `retry_after`, it goes on after that
/// pause (another server behind the balancer answers).
pub async fn client_loop(
    base: String,
    token: String,
    ledger: Arc<Mutex<Ledger>>,
    stop: Arc<AtomicBool>,
    retry_after: Option<Duration>,
) {
    let client = crate::support::client();
    let create = json!({ "service": "med-license", "request_type": "issuance" });
    let mut value: u64 = 0;
    while !stop.load(Ordering::Relaxed) {
        let url = format!("{base}/api/requests");
        let id = match call(&client, Method::POST, &url, Some(&token), Some(&create)).await {
            Ok((StatusCode::CREATED, v)) => match v["id"].as_i64() {
                Some(id) => id,
                None => return,
            },
            _ => match retry_after {
                Some(pause) => {
                    tokio::time::sleep(pause).await;
                    continue;
                }
                None => return,
            },
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
                _ => match retry_after {
                    Some(pause) => {
                        tokio::time::sleep(pause).await;
                        break;
                    }
                    None => return,
                },
            }
        }
    }
}

pub async fn rows(db: &DatabaseConnection, sql: &str) -> Result<Vec<sea_orm::QueryResult>, String> {
    db.query_all(Statement::from_string(
        db.get_database_backend(),
        sql.to_owned(),
    ))
    .await
    .map_err(|e| format!("{sql}: {e}"))
}

/// The checks after a kill, on the database itself.
pub async fn check(database_url: &str, ledger: &Ledger) -> Result<(), String> {
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
