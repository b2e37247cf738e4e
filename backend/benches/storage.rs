//! Attached files through each store, in a `portal` process of its own:
//! a 10 MiB PDF uploaded and downloaded (the time, and how far the
//! process's resident memory rose above where it stood before: its peak,
//! `VmHWM`, reset through `/proc/<pid>/clear_refs` before each step), then
//! a request's whole 60 MiB (six such files, one after another), whose
//! growth must stay under 20 MiB. The local folder always; the S3 store
//! when `BENCH_S3_ENDPOINT` (with `BENCH_S3_ACCESS_KEY`,
//! `BENCH_S3_SECRET_KEY`, `BENCH_S3_BUCKET`) names a server with the bucket
//! made (`cargo xtask bench` starts moto's). Run by `cargo xtask bench`.

use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use axum::http::{Method, Request, StatusCode};
use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use serde_json::json;

#[path = "support/memory.rs"]
mod memory;
#[path = "../tests/support/mod.rs"]
mod support;

use memory::{reset_peak, status_bytes};
use support::{APPLICANT, HttpClient, call, env_or, free_port, login};

const MIB: usize = 1024 * 1024;
/// The largest file (`shared::files::MAX_FILE_BYTES`).
const FILE: usize = 10 * MIB;
/// The files of one request (`MAX_REQUEST_BYTES`): six of them.
const REQUEST_FILES: usize = 6;
/// The budget for the process's growth over a request's files.
const BUDGET: u64 = 20 * MIB as u64;

/// A PDF of exactly `size` bytes that passes the server's checks.
fn pdf(size: usize) -> Bytes {
    let head = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\n";
    let tail = b"\ntrailer<< /Root 1 0 R >>\n%%EOF\n";
    let mut v = head.to_vec();
    v.resize(size - tail.len(), b' ');
    v.extend_from_slice(tail);
    Bytes::from(v)
}

struct Portal {
    child: Child,
    base: String,
}

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(data: &Path, s3: &[(&str, String)]) -> Result<Portal, String> {
    let port = free_port()?;
    let mut c = Command::new(env!("CARGO_BIN_EXE_portal"));
    c.arg("--data-dir")
        .arg(data)
        .args(["--port", &port.to_string()])
        .args(["--public-url", &format!("http://127.0.0.1:{port}")])
        .arg("--demo")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    for (name, value) in s3 {
        c.env(name, value);
    }
    let child = c.spawn().map_err(|e| format!("the portal: {e}"))?;
    Ok(Portal {
        child,
        base: format!("http://127.0.0.1:{port}"),
    })
}

async fn healthy(client: &HttpClient, portal: &mut Portal) -> Result<(), String> {
    let began = Instant::now();
    while began.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(status)) = portal.child.try_wait() {
            return Err(format!("the portal exited at start: {status}"));
        }
        let url = format!("{}/api/health", portal.base);
        if let Ok((StatusCode::OK, _)) = call(client, Method::GET, &url, None, None).await {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    Err("the portal did not become healthy within 120 s".into())
}

/// Sends `body` as a request of `method`; the status, the number of bytes
/// answered (read chunk by chunk) and the JSON of a short answer.
async fn send(
    client: &HttpClient,
    method: Method,
    url: &str,
    token: &str,
    body: Bytes,
) -> Result<(StatusCode, u64, serde_json::Value), String> {
    let req = Request::builder()
        .method(method)
        .uri(url)
        .header("x-requested-with", "portal-app")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/octet-stream")
        .body(Full::new(body))
        .map_err(|e| e.to_string())?;
    let res = client.request(req).await.map_err(|e| e.to_string())?;
    let status = res.status();
    let mut body = res.into_body();
    let (mut n, mut short) = (0u64, Vec::new());
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.map_err(|e| e.to_string())?.into_data() {
            n += data.len() as u64;
            if short.len() < 64 * 1024 {
                short.extend_from_slice(&data);
            }
        }
    }
    let json = serde_json::from_slice(&short).unwrap_or(serde_json::Value::Null);
    Ok((status, n, json))
}

async fn draft(client: &HttpClient, base: &str, token: &str) -> Result<i64, String> {
    let create = json!({ "service": "med-license", "request_type": "issuance" });
    let url = format!("{base}/api/requests");
    match call(client, Method::POST, &url, Some(token), Some(&create)).await? {
        (StatusCode::CREATED, v) => v["id"].as_i64().ok_or_else(|| "no id".to_owned()),
        (s, v) => Err(format!("a draft: {s} {v}")),
    }
}

/// One store's figures, as a line of the table, and the 60 MiB growth.
async fn measure(store: &str, s3: &[(&str, String)]) -> Result<u64, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut portal = start(dir.path(), s3)?;
    let client = support::client();
    healthy(&client, &mut portal).await?;
    let pid = portal.child.id();
    let base = portal.base.clone();
    let token = login(&client, &base, APPLICANT).await?;
    let file = pdf(FILE);
    let upload_url = |id: i64, n: usize| {
        format!("{base}/api/requests/{id}/files?document=diplomas&name=file-{n}.pdf")
    };
    // A warm-up: the first upload's allocations are not the store's.
    let warm = draft(&client, &base, &token).await?;
    let (s, _, _) = send(
        &client,
        Method::POST,
        &upload_url(warm, 0),
        &token,
        pdf(64 * 1024),
    )
    .await?;
    if s != StatusCode::CREATED {
        return Err(format!("warm-up upload: {s}"));
    }

    let id = draft(&client, &base, &token).await?;
    let before = status_bytes(pid, "VmRSS")?;
    reset_peak(pid)?;
    let began = Instant::now();
    let (s, _, v) = send(
        &client,
        Method::POST,
        &upload_url(id, 1),
        &token,
        file.clone(),
    )
    .await?;
    let up_time = began.elapsed();
    let up_peak = status_bytes(pid, "VmHWM")?.saturating_sub(before);
    if s != StatusCode::CREATED {
        return Err(format!("upload: {s}"));
    }
    let file_id = v["id"].as_i64().ok_or_else(|| format!("no file in {v}"))?;
    let before = status_bytes(pid, "VmRSS")?;
    reset_peak(pid)?;
    let began = Instant::now();
    let url = format!("{base}/api/requests/{id}/files/{file_id}");
    let (s, n, _) = send(&client, Method::GET, &url, &token, Bytes::new()).await?;
    let down_time = began.elapsed();
    let down_peak = status_bytes(pid, "VmHWM")?.saturating_sub(before);
    if s != StatusCode::OK || n != FILE as u64 {
        return Err(format!("download: {s}, {n} bytes"));
    }

    let id = draft(&client, &base, &token).await?;
    let before = status_bytes(pid, "VmRSS")?;
    reset_peak(pid)?;
    let began = Instant::now();
    for n in 0..REQUEST_FILES {
        let (s, _, _) = send(
            &client,
            Method::POST,
            &upload_url(id, n),
            &token,
            file.clone(),
        )
        .await?;
        if s != StatusCode::CREATED {
            return Err(format!("file {n} of the request: {s}"));
        }
    }
    let all_time = began.elapsed();
    let growth = status_bytes(pid, "VmHWM")?.saturating_sub(before);
    let mib = |b: u64| b as f64 / MIB as f64;
    println!(
        "| {store} | {:.0} ms | {:.1} MiB | {:.0} ms | {:.1} MiB | {:.0} ms | {:.1} MiB |",
        up_time.as_secs_f64() * 1000.0,
        mib(up_peak),
        down_time.as_secs_f64() * 1000.0,
        mib(down_peak),
        all_time.as_secs_f64() * 1000.0,
        mib(growth),
    );
    Ok(growth)
}

async fn run() -> Result<bool, String> {
    println!(
        "attached files, 10 MiB PDF; memory: the portal's peak resident size above where it stood"
    );
    println!();
    println!(
        "| store | upload | its peak | download | its peak | 6 × 10 MiB, one request | its peak |"
    );
    println!("|---|---|---|---|---|---|---|");
    let mut growths = vec![measure("local folder", &[]).await?];
    if let Ok(endpoint) = std::env::var("BENCH_S3_ENDPOINT") {
        let var = |name: &str, default: &str| env_or(name, default.to_owned());
        let s3 = [
            ("PORTAL_S3_ENDPOINT", endpoint),
            ("PORTAL_S3_BUCKET", var("BENCH_S3_BUCKET", "portal-test")),
            ("PORTAL_S3_ACCESS_KEY", var("BENCH_S3_ACCESS_KEY", "test")),
            ("PORTAL_S3_SECRET_KEY", var("BENCH_S3_SECRET_KEY", "test")),
        ];
        growths.push(measure("S3 (moto)", &s3).await?);
    } else {
        println!("(S3: skipped, BENCH_S3_ENDPOINT names no server)");
    }
    let ok = growths.iter().all(|&g| g < BUDGET);
    println!();
    println!(
        "a request's 60 MiB: growth {} the 20 MiB budget",
        if ok { "within" } else { "OVER" }
    );
    Ok(ok)
}

fn main() -> ExitCode {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    match runtime.block_on(run()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("storage bench FAILED: {e}");
            ExitCode::FAILURE
        }
    }
}
