//! A soak: the `portal` binary under a steady mixed load — «История
//! получения услуг» (50 requests), public verification, the catalog, and a
//! draft created every tenth call — at `SOAK_RATE` requests per second
//! (500, about half what this machine answers at most) for `SOAK_MINUTES`
//! (30). Every `SOAK_SAMPLE_SECS` (60) it reads the process's resident
//! memory and open file descriptors from `/proc`; after the first sample
//! (the warm-up) memory must grow by less than 10 %, and descriptors may
//! rise only while the database pools fill: the second half of the run
//! may not go past the most the first half reached (plus a few). Any
//! answer but a 200/201 fails it.
//!
//! A command, not part of CI: `cargo xtask soak [--minutes N] [--rate R]`.

use std::process::{Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use serde_json::json;

mod support;

use support::{APPLICANT, call, env_or, free_port, login};

const COMPANY: (&str, &str) = ("050440000002", "demo-company-2026");
const LICENSE: &str = "KZ-L-2023-00000058";
const CLIENTS: u64 = 16;
/// How often the soak logs its two accounts in again: well inside the
/// access token's 10 minutes.
const RENEW_EVERY: Duration = Duration::from_secs(4 * 60);
/// Descriptors the second half of the run may open past the most the
/// first half had (a pool connection opened late, the log).
const FD_SLACK: usize = 4;

/// Resident memory (KiB) and open descriptors of process `pid`.
fn usage(pid: u32) -> (u64, usize) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, Iterator::count);
    (rss, fds)
}

async fn run() -> Result<String, String> {
    let minutes: f64 = env_or("SOAK_MINUTES", 30.0);
    let rate: u64 = env_or("SOAK_RATE", 500);
    let sample = Duration::from_secs_f64(env_or("SOAK_SAMPLE_SECS", 60.0));
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_portal"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--port", &port.to_string(), "--public-url", &base, "--demo"])
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("the portal starts: {e}"))?;
    let pid = child.id();
    let http = support::client();
    let began = Instant::now();
    loop {
        if let Ok((StatusCode::OK, _)) = call(
            &http,
            Method::GET,
            &format!("{base}/api/health"),
            None,
            None,
        )
        .await
        {
            break;
        }
        if began.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            return Err("the portal did not start".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The two accounts' access tokens, renewed by logging in again well
    // before they expire (they live 10 minutes; the soak, 30).
    let tokens = Arc::new(RwLock::new((
        login(&http, &base, APPLICANT).await?,
        login(&http, &base, COMPANY).await?,
    )));
    let reader = tokens.read().map_err(|e| e.to_string())?.0.clone();
    let draft = json!({ "service": "med-license", "request_type": "issuance" });
    for _ in 0..50 {
        call(
            &http,
            Method::POST,
            &format!("{base}/api/requests"),
            Some(&reader),
            Some(&draft),
        )
        .await?;
    }
    let stop = Arc::new(AtomicBool::new(false));
    let renewer = {
        let (http, base, tokens, stop) = (
            http.clone(),
            base.clone(),
            Arc::clone(&tokens),
            Arc::clone(&stop),
        );
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                tokio::time::sleep(RENEW_EVERY).await;
                if let (Ok(r), Ok(w)) = (
                    login(&http, &base, APPLICANT).await,
                    login(&http, &base, COMPANY).await,
                ) && let Ok(mut t) = tokens.write()
                {
                    *t = (r, w);
                }
            }
        })
    };

    let sent = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let first_failure = Arc::new(std::sync::Mutex::new(None::<String>));
    let period = Duration::from_secs_f64(CLIENTS as f64 / rate.max(1) as f64);
    let workers: Vec<_> = (0..CLIENTS)
        .map(|w| {
            let (base, tokens) = (base.clone(), Arc::clone(&tokens));
            let (stop, sent, failed, first) = (
                Arc::clone(&stop),
                Arc::clone(&sent),
                Arc::clone(&failed),
                Arc::clone(&first_failure),
            );
            let draft = draft.clone();
            tokio::spawn(async move {
                let client = support::client();
                let mut tick = tokio::time::interval(period);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                let mut n: u64 = w;
                while !stop.load(Ordering::Relaxed) {
                    tick.tick().await;
                    n += CLIENTS;
                    let (reader, writer) = tokens.read().map(|t| t.clone()).unwrap_or_default();
                    let result = match n % 10 {
                        0 => {
                            call(
                                &client,
                                Method::POST,
                                &format!("{base}/api/requests"),
                                Some(&writer),
                                Some(&draft),
                            )
                            .await
                        }
                        1..=4 => {
                            call(
                                &client,
                                Method::GET,
                                &format!("{base}/api/requests"),
                                Some(&reader),
                                None,
                            )
                            .await
                        }
                        5..=7 => {
                            call(
                                &client,
                                Method::GET,
                                &format!("{base}/api/registry/{LICENSE}"),
                                None,
                                None,
                            )
                            .await
                        }
                        _ => {
                            call(
                                &client,
                                Method::GET,
                                &format!("{base}/api/catalog/services"),
                                None,
                                None,
                            )
                            .await
                        }
                    };
                    sent.fetch_add(1, Ordering::Relaxed);
                    let ok = matches!(result, Ok((StatusCode::OK | StatusCode::CREATED, _)));
                    if !ok {
                        failed.fetch_add(1, Ordering::Relaxed);
                        if let Ok(mut f) = first.lock()
                            && f.is_none()
                        {
                            *f = Some(format!("{result:?}"));
                        }
                    }
                }
            })
        })
        .collect();

    let until = Instant::now() + Duration::from_secs_f64(minutes * 60.0);
    let mut samples: Vec<(u64, usize)> = Vec::new();
    let started = Instant::now();
    while Instant::now() < until {
        tokio::time::sleep(sample.min(until.saturating_duration_since(Instant::now()))).await;
        let (rss, fds) = usage(pid);
        println!(
            "  {:>6.1} min  {:>8} req  RSS {:>7} KiB  fds {:>4}",
            started.elapsed().as_secs_f64() / 60.0,
            sent.load(Ordering::Relaxed),
            rss,
            fds
        );
        samples.push((rss, fds));
    }
    stop.store(true, Ordering::Relaxed);
    renewer.abort();
    for w in workers {
        let _ = w.await;
    }
    let _ = child.kill();
    let _ = child.wait();

    let total = sent.load(Ordering::Relaxed);
    let failures = failed.load(Ordering::Relaxed);
    if failures > 0 {
        let first = first_failure.lock().map(|f| f.clone()).unwrap_or_default();
        return Err(format!(
            "{failures} of {total} requests failed; first: {first:?}"
        ));
    }
    let (Some(&(rss0, fds0)), Some(&(rss1, fds1))) = (samples.first(), samples.last()) else {
        return Err("no samples: make the soak longer than one sample".into());
    };
    let growth = (rss1 as f64 - rss0 as f64) / rss0.max(1) as f64;
    let summary = format!(
        "{minutes} min at {rate} req/s: {total} requests, none failed; RSS {rss0} → {rss1} KiB ({:+.1} %), fds {fds0} → {fds1}",
        growth * 100.0
    );
    if growth >= 0.10 {
        return Err(format!("memory grew 10 % or more: {summary}"));
    }
    // The database pools open connections as the load needs them (up to
    // their bound: each SQLite reader holds the file, its WAL and the
    // shared memory), so descriptors may rise early in the run; a leak
    // keeps rising. The second half may not go past what the first reached.
    let half = samples.len() / 2;
    let early = samples[..=half].iter().map(|s| s.1).max().unwrap_or(fds0);
    let late = samples[half..].iter().map(|s| s.1).max().unwrap_or(fds1);
    let summary = format!("{summary} (at most {early} in the first half, {late} in the second)");
    if late > early + FD_SLACK {
        return Err(format!("file descriptors leak: {summary}"));
    }
    Ok(summary)
}

fn main() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    match runtime.block_on(run()) {
        Ok(summary) => {
            println!("soak: {summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("soak FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}
