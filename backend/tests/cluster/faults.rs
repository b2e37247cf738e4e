//! The faults: kills under load, a rolling restart, and the throughput with
//! fewer and fewer processes.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use backend::adapters::mail::Letter;
use backend::adapters::mail::outbox::LetterState;
use backend::db::entities::{mail_outbox, users};
use sea_orm::{ColumnTrait, Database, DatabaseConnection, EntityTrait, QueryFilter};

use crate::ledger::{Ledger, check, client_loop};
use crate::load::{Stop, Tally, kill_every, micros, stopped};
use crate::nodes::{DRAIN_DELAY_MS, Node, Setup};
use crate::support::{APPLICANT, HttpClient, call, env_or, login};

/// The demo ЦОН operator.
const OPERATOR: (&str, &str) = ("920310300007", "demo-operator-2026");

pub async fn wait_for_balancer(client: &HttpClient, base: &str) -> Result<(), String> {
    let url = format!("{base}/api/health/ready");
    for _ in 0..200 {
        if let Ok((StatusCode::OK, _)) = call(client, Method::GET, &url, None, None).await {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err("HAProxy did not pass a request within 10 s".into())
}

/// A ЦОН operator asking the status of a request nobody has: each look-up
/// is an audit entry (and a 404).
async fn lookups(base: String, token: String, stop: Stop, tally: Arc<Tally>) {
    let client = crate::support::client();
    let url = format!(
        "{base}/api/desk/status?number=KZ-2026-99999999&id_number={}",
        APPLICANT.0
    );
    while !stopped(&stop) {
        match call(&client, Method::GET, &url, Some(&token), None).await {
            Ok((StatusCode::NOT_FOUND, _)) => tally.ok.fetch_add(1, Ordering::Relaxed),
            Ok((s, _)) if s.is_server_error() => {
                tally.server_errors.fetch_add(1, Ordering::Relaxed)
            }
            _ => tally.failed.fetch_add(1, Ordering::Relaxed),
        };
    }
}

/// Letters queued as a status change queues them, one every 20 ms.
async fn letters(db: DatabaseConnection, user: i32, stop: Stop, queued: Arc<Mutex<u32>>) {
    let mut i = 0u32;
    while !stopped(&stop) {
        let letter = Letter {
            user_id: user,
            request_id: None,
            subject: format!("Letter {i}"),
            body: "Сәлеметсіз бе!\n\nЗдравствуйте!\n".to_owned(),
        };
        if backend::adapters::mail::outbox::queue(&db, &letter)
            .await
            .is_ok()
            && let Ok(mut q) = queued.lock()
        {
            *q += 1;
        }
        i += 1;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

pub async fn kills_under_load(
    client: &HttpClient,
    base: &str,
    nodes: &mut [Node],
    setup: &Setup,
    sink: &crate::sink::Sink,
) -> Result<String, String> {
    let rounds: usize = env_or("CLUSTER_ROUNDS", 10);
    let clients: usize = env_or("CLUSTER_CLIENTS", 32);
    let db = Database::connect(&setup.database_url)
        .await
        .map_err(|e| e.to_string())?;
    let user = users::Entity::find()
        .filter(users::Column::IdNumber.eq(APPLICANT.0))
        .one(&db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no demo applicant")?;
    let token = login(client, base, APPLICANT).await?;
    let operator = login(client, base, OPERATOR).await?;
    let stop: Stop = Arc::new(AtomicBool::new(false));
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let tally = Arc::new(Tally::default());
    let queued = Arc::new(Mutex::new(0u32));
    let mut tasks: Vec<_> = (0..clients)
        .map(|_| {
            tokio::spawn(client_loop(
                base.to_owned(),
                token.clone(),
                ledger.clone(),
                stop.clone(),
                Some(Duration::from_millis(50)),
            ))
        })
        .collect();
    tasks.push(tokio::spawn(lookups(
        base.to_owned(),
        operator,
        stop.clone(),
        tally.clone(),
    )));
    tasks.push(tokio::spawn(letters(
        db.clone(),
        user.id,
        stop.clone(),
        queued.clone(),
    )));
    for round in 0..rounds {
        tokio::time::sleep(kill_every()).await;
        let node = &mut nodes[round % nodes.len()];
        node.kill()?;
        node.start(setup)?;
        node.ready(client)
            .await
            .map_err(|e| format!("round {round}: {e}"))?;
    }
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let snapshot: Ledger = ledger.lock().map_err(|_| "ledger poisoned")?.clone();
    check(&setup.database_url, &snapshot).await?;
    let chain = backend::services::core::audit::check(&db)
        .await
        .map_err(|e| format!("{e:?}"))?
        .map_err(|b| format!("the audit chain breaks at {}: {}", b.id, b.reason))?;
    let errors = tally.server_errors.load(Ordering::Relaxed);
    if errors > 0 {
        return Err(format!("{errors} audited look-ups answered 5xx"));
    }
    let queued = *queued.lock().map_err(|_| "poisoned")?;
    let (delivered, twice) = delivered(&db, sink, queued).await?;
    // At least once: a letter goes out twice only when a process is killed
    // between the server's acceptance and the row's settling — at most one
    // per SMTP connection (two) per kill.
    if twice > 2 * rounds {
        return Err(format!(
            "{twice} letters delivered twice after {rounds} kills"
        ));
    }
    let saves = snapshot.saved.values().filter(|(a, _)| a.is_some()).count();
    Ok(format!(
        "{rounds} kills under {clients} clients: {} requests created, {saves} saved with an answer, none lost, histories whole; \
         {chain} audit entries in one chain ({} look-ups, none 5xx); {queued} letters queued, {delivered} delivered, {twice} of them twice",
        snapshot.created.len(),
        tally.ok.load(Ordering::Relaxed),
    ))
}

/// Waits until every letter is settled and received; how many were
/// received, and how many more than once.
async fn delivered(
    db: &DatabaseConnection,
    sink: &crate::sink::Sink,
    queued: u32,
) -> Result<(usize, usize), String> {
    let began = Instant::now();
    loop {
        let rows = mail_outbox::Entity::find()
            .all(db)
            .await
            .map_err(|e| e.to_string())?;
        let pending = rows
            .iter()
            .filter(|r| LetterState::of(r).ok() != Some(LetterState::Sent))
            .count();
        let missing = rows
            .iter()
            .filter(|r| !sink.has(&format!("<outbox-{}.{}@egov.test>", r.id, r.created_ms)))
            .count();
        if pending == 0 && missing == 0 && rows.len() >= usize::try_from(queued).unwrap_or(0) {
            let (received, twice) = sink.counts();
            return Ok((received, twice));
        }
        if began.elapsed() > Duration::from_secs(120) {
            return Err(format!(
                "{pending} letters not sent, {missing} not received after 120 s"
            ));
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// `clients` readers through the balancer until stopped.
fn readers(
    base: &str,
    token: &str,
    clients: usize,
    stop: &Stop,
    tally: &Arc<Tally>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..clients)
        .map(|i| {
            let (stop, tally) = (stop.clone(), tally.clone());
            let url = if i % 2 == 0 {
                format!("{base}/api/catalog/services")
            } else {
                format!("{base}/api/me")
            };
            let token = token.to_owned();
            tokio::spawn(async move {
                let client = crate::support::client();
                while !stopped(&stop) {
                    let began = Instant::now();
                    match call(&client, Method::GET, &url, Some(&token), None).await {
                        Ok((StatusCode::OK, _)) => {
                            tally.ok.fetch_add(1, Ordering::Relaxed);
                            if let Ok(mut t) = tally.times.lock() {
                                t.push(micros(began));
                            }
                        }
                        _ => {
                            tally.failed.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                }
            })
        })
        .collect()
}

pub async fn rolling_restart(
    client: &HttpClient,
    base: &str,
    nodes: &mut [Node],
    setup: &Setup,
) -> Result<String, String> {
    let token = login(client, base, APPLICANT).await?;
    let stop: Stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Tally::default());
    let tasks = readers(base, &token, 8, &stop, &tally);
    for node in nodes.iter_mut() {
        node.stop().await?;
        node.start(setup)?;
        node.ready(client).await?;
        // HAProxy's check takes it back in.
        tokio::time::sleep(Duration::from_millis(DRAIN_DELAY_MS)).await;
    }
    stop.store(true, Ordering::Relaxed);
    for t in tasks {
        let _ = t.await;
    }
    let (ok, failed) = (
        tally.ok.load(Ordering::Relaxed),
        tally.failed.load(Ordering::Relaxed),
    );
    if failed > 0 {
        return Err(format!(
            "rolling restart: {failed} of {} requests failed",
            ok + failed
        ));
    }
    Ok(format!(
        "a rolling restart of {} processes under 8 readers: {ok} requests, none failed",
        nodes.len()
    ))
}

/// Requests per second and the 99th percentile through HAProxy with every
/// process, then one fewer, down to one.
pub async fn throughput(
    client: &HttpClient,
    base: &str,
    nodes: &mut [Node],
) -> Result<String, String> {
    let seconds: u64 = env_or("CLUSTER_MEASURE_SECS", 5);
    let token = login(client, base, APPLICANT).await?;
    let mut figures = Vec::new();
    for alive in (1..=nodes.len()).rev() {
        let stop: Stop = Arc::new(AtomicBool::new(false));
        let tally = Arc::new(Tally::default());
        let began = Instant::now();
        let tasks = readers(base, &token, 32, &stop, &tally);
        tokio::time::sleep(Duration::from_secs(seconds)).await;
        stop.store(true, Ordering::Relaxed);
        for t in tasks {
            let _ = t.await;
        }
        let elapsed = began.elapsed().as_secs_f64();
        let mut times = tally.times.lock().map_err(|_| "poisoned")?.clone();
        times.sort_unstable();
        let p99 = times
            .get(times.len().saturating_mul(99) / 100)
            .copied()
            .unwrap_or(0);
        let ok = tally.ok.load(Ordering::Relaxed);
        #[expect(
            clippy::cast_precision_loss,
            reason = "a request count, shown as a rate"
        )]
        let rate = ok as f64 / elapsed;
        figures.push(format!(
            "{alive} process(es): {rate:.0} requests/s, p99 {:.1} ms, {} failed",
            p99 as f64 / 1000.0,
            tally.failed.load(Ordering::Relaxed)
        ));
        if alive > 1 {
            nodes[alive - 1].stop().await?;
            tokio::time::sleep(Duration::from_millis(DRAIN_DELAY_MS)).await;
        }
    }
    Ok(format!(
        "32 readers for {seconds} s each: {}",
        figures.join("; ")
    ))
}
