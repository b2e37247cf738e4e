//! The API under load: requests per second and p50/p99 latency at 16 and 64
//! keep-alive connections over loopback TCP, on SQLite (or on PostgreSQL when
//! `LOAD_DATABASE_URL` names a server: a fresh database is made on it),
//! beside a bare axum server measured in the same run. The portal runs
//! in-process as `portal` runs it (`App::build`, `router::build`,
//! `axum::serve`, its default back-pressure limits), without a log
//! subscriber. Before it is measured, a realistic data set goes straight
//! into its database (`support/dataset.rs`): `LOAD_APPLICANTS` (50,000)
//! applicants and `LOAD_REQUESTS` (200,000) requests over every service,
//! provider and status, with their histories. Scenarios:
//!
//! - bare axum: `GET /` answering a small JSON body, no layers (the baseline);
//! - «История получения услуг»: `GET /api/requests` as the demo company,
//!   whose history holds 50 requests;
//! - a signed request: `POST /api/requests/{id}/submit`, each call registering
//!   one request prepared beforehand (a complete, free PHC attachment, its
//!   application signed with the demo applicant's signing key just before the
//!   timed part), so only the submit is timed;
//! - the reviewer's queue with filters: `GET /api/review/requests` as the
//!   polyclinic's staff, PHC attachments submitted and due soon (the
//!   requests the submit scenario registered), at 16 connections;
//! - public verification by license number: `GET /api/registry/{number}`,
//!   no login, at 64 connections;
//! - a burst: 200 connections opened within one second and held for
//!   `LOAD_BURST_SECS` (60), each sending a mix of the history, the queue,
//!   the verification and the catalog; every answer must be a 200 or a
//!   controlled 503 with `Retry-After` (counted as "shed").
//!
//! The two GET scenarios run for `LOAD_WARMUP_SECS` (1) then are measured for
//! `LOAD_SECS` (5); the submit scenario sends `LOAD_SUBMITS` (2,000) timed
//! requests per connection level after a short warm-up, and its rate is their
//! number over the time from the first one sent to the last one answered.
//! `LOAD_ONLY` (a comma list of `history`, `submit`, `queue`, `registry`,
//! `burst`) runs only those scenarios beside the bare line, to profile one;
//! the queue reads what the submits registered, so alone it is empty.
//! Exits non-zero when any request failed (a 503 counts as a failure
//! everywhere but in the burst). The table is printed, and written as JSON
//! to `LOAD_JSON` when set. Run by `cargo xtask bench`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::http::{HeaderValue, Method, Request, StatusCode, Uri, header};
use axum::routing::get;
use backend::app::{App, AppState, KeySource};
use backend::clock::now_secs;
use backend::config::{
    AuthConfig, Config, EdsConfig, Limits, PaymentConfig, RegistryConfig, StorageConfig,
};
use backend::demo::pki::KEYSTORE_PASSWORD;
use backend::demo::pki::keystore_path;
use backend::pki::ca::Issued;
use backend::pki::cert::KeyPurpose;
use backend::pki::{keystore, sign};
use base64::Engine as _;
use bytes::Bytes;
use futures_util::StreamExt as _;
use http_body_util::{BodyExt as _, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use shared::account::SessionDto;
use shared::request::{Application, RequestDto};

#[path = "support/dataset.rs"]
mod dataset;

type HttpClient = Client<HttpConnector, Full<Bytes>>;
/// Makes the request numbered `index` (a pool's item, or a loop's turn).
type MakeRequest = Arc<dyn Fn(usize) -> Request<Full<Bytes>> + Send + Sync>;

const CONNECTIONS: [usize; 2] = [16, 64];
const APPLICANT: (&str, &str) = ("900101300007", "demo-applicant-2026");
/// Whose «История получения услуг» is read: not the applicant, whose
/// history the submit scenario fills with thousands.
const HISTORY_OWNER: (&str, &str) = ("050440000002", "demo-company-2026");
const HISTORY_SIZE: usize = 50;
/// Requests prepared at once while filling the submit pool.
const PREPARE_CONCURRENCY: usize = 8;
/// Untimed submits per connection before the timed ones.
const SUBMIT_WARMUP_PER_CONNECTION: usize = 2;
/// The polyclinic's staff, whose queue the submits fill.
const CLINIC_STAFF: (&str, &str) = ("950304300129", "demo-clinic-2026");
/// A page of the dashboard: the 50 most urgent.
const QUEUE_PATH: &str =
    "/api/review/requests?service=phc-attachment&status=submitted&due=soon&limit=50";
/// A demo license, for the public verification.
const LICENSE: &str = "KZ-L-2023-00000058";
const BURST: &str = "burst: mixed GETs";
const BURST_CONNECTIONS: usize = 200;

/// Whether `LOAD_ONLY` leaves `scenario` in (every scenario when unset).
fn wanted(scenario: &str) -> bool {
    std::env::var("LOAD_ONLY").map_or(true, |only| only.split(',').any(|s| s.trim() == scenario))
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v}: not a number")),
        Err(_) => default,
    }
}

/// How a scenario is driven.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// Loop for `warmup`, then record what starts within `measure`.
    Timed { warmup: Duration, measure: Duration },
    /// Send items `0..warmup + count` once each; record the last `count`.
    Pool { warmup: usize, count: usize },
}

/// What an answer was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Ok,
    /// `503` with `Retry-After`: the server's back-pressure.
    Shed,
    Failed,
}

#[derive(Debug, Clone, Copy)]
struct Sample {
    start: Instant,
    latency: Duration,
    answer: Answer,
}

#[derive(Debug)]
struct Outcome {
    /// Answers `200` per second.
    per_sec: f64,
    p50: Duration,
    p99: Duration,
    shed: usize,
    errors: usize,
    first_error: Option<String>,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// One keep-alive connection's client (its pool holds a single connection).
fn connection() -> HttpClient {
    let mut http = HttpConnector::new();
    http.set_nodelay(true);
    Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(1)
        .build(http)
}

async fn send(
    client: &HttpClient,
    request: Request<Full<Bytes>>,
) -> Result<(StatusCode, Bytes), String> {
    send_checked(client, request)
        .await
        .map(|(status, _, body)| (status, body))
}

/// The answer, and whether it said when to retry.
async fn send_checked(
    client: &HttpClient,
    request: Request<Full<Bytes>>,
) -> Result<(StatusCode, bool, Bytes), String> {
    let response = client.request(request).await.map_err(|e| e.to_string())?;
    let status = response.status();
    let retry_after = response.headers().contains_key(header::RETRY_AFTER);
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok((status, retry_after, body))
}

/// `connections` workers, each on its own connection, sending what `make`
/// makes until `plan` says stop; each answer must be 200.
async fn drive(connections: usize, plan: Plan, make: &MakeRequest) -> Outcome {
    drive_ramped(connections, plan, make, Duration::ZERO).await
}

/// As [`drive`], the workers starting evenly over `ramp`.
async fn drive_ramped(
    connections: usize,
    plan: Plan,
    make: &MakeRequest,
    ramp: Duration,
) -> Outcome {
    let next = Arc::new(AtomicUsize::new(0));
    let began = Instant::now();
    let (measure_from, until) = match plan {
        Plan::Timed { warmup, measure } => (began + warmup, began + warmup + measure),
        Plan::Pool { .. } => (began, began),
    };
    let workers: Vec<_> = (0..connections)
        .map(|n| {
            let next = Arc::clone(&next);
            let make = Arc::clone(make);
            let delay = ramp.mul_f64(n as f64 / connections.max(1) as f64);
            tokio::spawn(async move {
                tokio::time::sleep(delay).await;
                let client = connection();
                let mut samples = Vec::new();
                let mut first_error = None;
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let recorded = match plan {
                        Plan::Timed { .. } => {
                            let now = Instant::now();
                            if now >= until {
                                break;
                            }
                            now >= measure_from
                        }
                        Plan::Pool { warmup, count } => {
                            if index >= warmup + count {
                                break;
                            }
                            index >= warmup
                        }
                    };
                    let request = make(index);
                    let start = Instant::now();
                    let result = send_checked(&client, request).await;
                    let latency = start.elapsed();
                    let answer = match &result {
                        Ok((StatusCode::OK, _, _)) => Answer::Ok,
                        Ok((StatusCode::SERVICE_UNAVAILABLE, true, _)) => Answer::Shed,
                        _ => Answer::Failed,
                    };
                    if answer == Answer::Failed && first_error.is_none() {
                        first_error = Some(match result {
                            Ok((status, _, body)) => {
                                format!("{status}: {}", String::from_utf8_lossy(&body))
                            }
                            Err(e) => e,
                        });
                    }
                    if recorded {
                        samples.push(Sample {
                            start,
                            latency,
                            answer,
                        });
                    }
                }
                (samples, first_error)
            })
        })
        .collect();
    let mut samples = Vec::new();
    let mut first_error = None;
    for worker in workers {
        let (mine, error) = worker.await.expect("worker finishes");
        samples.extend(mine);
        first_error = first_error.or(error);
    }
    let elapsed = match plan {
        Plan::Timed { measure, .. } => measure,
        Plan::Pool { .. } => {
            let first = samples.iter().map(|s| s.start).min();
            let last = samples.iter().map(|s| s.start + s.latency).max();
            match (first, last) {
                (Some(first), Some(last)) => last - first,
                _ => Duration::ZERO,
            }
        }
    };
    let count = |a: Answer| samples.iter().filter(|s| s.answer == a).count();
    let (ok, shed, errors) = (
        count(Answer::Ok),
        count(Answer::Shed),
        count(Answer::Failed),
    );
    let mut latencies: Vec<Duration> = samples.iter().map(|s| s.latency).collect();
    latencies.sort_unstable();
    Outcome {
        per_sec: ok as f64 / elapsed.as_secs_f64().max(1e-9),
        p50: percentile(&latencies, 0.50),
        p99: percentile(&latencies, 0.99),
        shed,
        errors,
        first_error,
    }
}

/// A request to the portal as the app sends it.
fn api_request(
    method: Method,
    uri: Uri,
    auth: Option<&HeaderValue>,
    body: Option<Bytes>,
) -> Request<Full<Bytes>> {
    let mut builder = Request::builder()
        .method(method)
        .uri(uri)
        .header("x-requested-with", "portal-app");
    if let Some(auth) = auth {
        builder = builder.header(header::AUTHORIZATION, auth.clone());
    }
    if body.is_some() {
        builder = builder.header(header::CONTENT_TYPE, "application/json");
    }
    builder
        .body(Full::new(body.unwrap_or_default()))
        .expect("a valid request")
}

/// The portal on a loopback port, and a client to prepare its data with.
struct Portal {
    base: String,
    client: HttpClient,
    data_dir: PathBuf,
    state: AppState,
}

impl Portal {
    fn uri(&self, path: &str) -> Uri {
        format!("{}{path}", self.base)
            .parse()
            .expect("a valid address")
    }

    /// Calls the portal and gives the JSON answer; anything but `expected`
    /// stops the bench.
    async fn call(
        &self,
        method: Method,
        path: &str,
        auth: Option<&HeaderValue>,
        body: Option<Value>,
        expected: StatusCode,
    ) -> Value {
        let body = body.map(|v| Bytes::from(serde_json::to_vec(&v).expect("JSON")));
        let request = api_request(method.clone(), self.uri(path), auth, body);
        let (status, body) = send(&self.client, request)
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert_eq!(
            status,
            expected,
            "{method} {path}: {}",
            String::from_utf8_lossy(&body)
        );
        serde_json::from_slice(&body).expect("a JSON answer")
    }

    /// Logs the demo applicant in; gives the `Authorization` header value.
    async fn login(&self) -> HeaderValue {
        self.login_as(APPLICANT).await
    }

    async fn login_as(&self, (id, password): (&str, &str)) -> HeaderValue {
        let body = json!({ "id_number": id, "password": password });
        let answer = self
            .call(
                Method::POST,
                "/api/auth/login",
                None,
                Some(body),
                StatusCode::OK,
            )
            .await;
        let session: SessionDto = serde_json::from_value(answer).expect("a session");
        HeaderValue::from_str(&format!("Bearer {}", session.access_token)).expect("a header value")
    }

    async fn draft(&self, auth: &HeaderValue, service: &str) -> i64 {
        let body = json!({ "service": service, "request_type": "issuance" });
        let answer = self
            .call(
                Method::POST,
                "/api/requests",
                Some(auth),
                Some(body),
                StatusCode::CREATED,
            )
            .await;
        serde_json::from_value::<RequestDto>(answer)
            .expect("a request")
            .id
    }

    /// A complete PHC attachment (free) ready to be signed: its id and the
    /// bytes to sign.
    async fn ready_to_sign(&self, auth: &HeaderValue) -> (i64, Vec<u8>) {
        let id = self.draft(auth, "phc-attachment").await;
        let path = format!("/api/requests/{id}");
        let answers = json!({
            "provider": "aktau-polyclinic-1",
            "answers": {
                "residence_address": "Ақтау, 5-шағын аудан, 12",
                "reason": "residence",
                "contact_phone": "+7 701 111 22 33",
                "consent": "true"
            }
        });
        self.call(
            Method::PUT,
            &path,
            Some(auth),
            Some(answers),
            StatusCode::OK,
        )
        .await;
        let answer = self
            .call(
                Method::GET,
                &format!("{path}/application"),
                Some(auth),
                None,
                StatusCode::OK,
            )
            .await;
        let application: Application = serde_json::from_value(answer).expect("an application");
        (id, application.to_signed_bytes())
    }
}

/// The demo applicant's signing key and its chain, as their holder opens them.
fn signing_key(portal: &Portal) -> (Issued, Vec<x509_cert::Certificate>) {
    let path = keystore_path(&portal.data_dir, APPLICANT.0, KeyPurpose::Signing);
    let bytes = std::fs::read(&path).expect("the demo signing keystore");
    let opened = keystore::open(&bytes, KEYSTORE_PASSWORD).expect("the keystore opens");
    let key = opened.p256_key().expect("a P-256 key");
    let spki = x509_cert::spki::SubjectPublicKeyInfoOwned::from_key(*key.verifying_key())
        .expect("the public key");
    let cert = opened
        .certificates
        .iter()
        .find(|c| c.tbs_certificate.subject_public_key_info == spki)
        .expect("the key's certificate")
        .clone();
    (Issued { cert, key }, opened.certificates)
}

/// SQLite in `dir`, or a fresh database on the PostgreSQL server of
/// `LOAD_DATABASE_URL`.
async fn database_url(dir: &std::path::Path) -> String {
    match std::env::var("LOAD_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            use sea_orm::ConnectionTrait as _;
            let name = format!("bench_{}", uuid::Uuid::new_v4().simple());
            let db = sea_orm::Database::connect(&admin)
                .await
                .expect("connect to PostgreSQL");
            db.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create the bench database");
            db.close().await.expect("close");
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}?mode=rwc", dir.join("bench.sqlite3").display()),
    }
}

async fn start_portal(dir: &std::path::Path) -> Portal {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let public_url = format!("http://{}", listener.local_addr().expect("an address"));
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let config = Config {
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        database_url: database_url(dir).await,
        // `portal`'s default unless `LOAD_DB_READERS` says.
        max_db_readers: env_or("LOAD_DB_READERS", 8),
        data_dir: dir.to_path_buf(),
        dist_dir: None,
        catalog_dir: manifest.join("data/catalog"),
        public_url: public_url.clone(),
        auth: AuthConfig {
            // One login per scenario; the submit pool takes a while to fill.
            access_ttl: Duration::from_secs(60 * 60),
            account_failures: 10_000,
            address_failures: 10_000,
            ..AuthConfig::default()
        },
        eds: EdsConfig::default(),
        hsts: None,
        payments: PaymentConfig::local(&public_url, b"bench-merchant-secret".to_vec()),
        calendar_file: manifest.join("data/calendar/kz.json"),
        uncollected_retention_days: 30,
        storage: StorageConfig::Local(dir.join("files")),
        font_file: PathBuf::from("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        smtp: None,
        registries: RegistryConfig::embedded(manifest.join("data/registry")),
        limits: Limits::default(),
        seed_demo: true,
    };
    if config.seed_demo {
        backend::demo::pki::seed(&config, backend::clock::now_secs())
            .expect("the demo certification center");
    }
    let app = App::build(config, KeySource::Ephemeral)
        .await
        .expect("the portal starts");
    if app.config.seed_demo {
        backend::demo::accounts::seed(&app)
            .await
            .expect("the demo accounts");
    }
    let state = AppState(Arc::new(app));
    let router = backend::router::build(state.clone());
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .expect("the portal serves");
    });
    Portal {
        base: public_url,
        client: Client::builder(TokioExecutor::new()).build_http(),
        data_dir: dir.to_path_buf(),
        state,
    }
}

/// A bare axum server: one route, a small JSON body, no layers.
async fn start_bare() -> Uri {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind a loopback port");
    let address = listener.local_addr().expect("an address");
    let router =
        axum::Router::new().route("/", get(|| async { axum::Json(json!({ "status": "ok" })) }));
    tokio::spawn(async move {
        axum::serve(listener, router)
            .await
            .expect("bare axum serves");
    });
    format!("http://{address}/")
        .parse()
        .expect("a valid address")
}

/// Fills the submit pool: `n` requests ready to be signed, then signed.
async fn submit_pool(portal: &Portal, auth: &HeaderValue, n: usize) -> Vec<(Uri, Bytes)> {
    let ready: Vec<(i64, Vec<u8>)> = futures_util::stream::iter(0..n)
        .map(|_| portal.ready_to_sign(auth))
        .buffer_unordered(PREPARE_CONCURRENCY)
        .collect()
        .await;
    // Signed last, so the signing time is seconds before the submit.
    let (issued, chain) = signing_key(portal);
    ready
        .into_iter()
        .map(|(id, content)| {
            let cms = sign::sign(&content, &issued, &chain, now_secs() - 2, false)
                .expect("the application is signed");
            let body = json!({ "cms": base64::engine::general_purpose::STANDARD.encode(cms) });
            (
                portal.uri(&format!("/api/requests/{id}/submit")),
                Bytes::from(serde_json::to_vec(&body).expect("JSON")),
            )
        })
        .collect()
}

struct Row {
    scenario: &'static str,
    connections: usize,
    outcome: Outcome,
}

/// Drives `make` at each connection level.
async fn at_each_level(
    rows: &mut Vec<Row>,
    scenario: &'static str,
    plan: Plan,
    make: &MakeRequest,
) {
    for connections in CONNECTIONS {
        let outcome = drive(connections, plan, make).await;
        rows.push(Row {
            scenario,
            connections,
            outcome,
        });
    }
}

async fn run(dir: &std::path::Path) -> Vec<Row> {
    let timed = Plan::Timed {
        warmup: Duration::from_secs_f64(env_or("LOAD_WARMUP_SECS", 1.0)),
        measure: Duration::from_secs_f64(env_or("LOAD_SECS", 5.0)),
    };
    let submits: usize = env_or("LOAD_SUBMITS", 2_000);
    let bare = start_bare().await;
    let portal = start_portal(dir).await;
    let seeded = dataset::seed(
        &portal.state,
        env_or("LOAD_APPLICANTS", 50_000),
        env_or("LOAD_REQUESTS", 200_000),
    )
    .await;
    eprintln!(
        "  data set: {} applicants, {} requests, {} history events written in {:.1} s",
        seeded.applicants, seeded.requests, seeded.events, seeded.seconds
    );
    let mut rows = Vec::new();

    let make: MakeRequest = Arc::new(move |_| {
        Request::get(bare.clone())
            .body(Full::default())
            .expect("a valid request")
    });
    at_each_level(&mut rows, "bare axum GET /", timed, &make).await;

    // «История получения услуг» with 50 requests in it.
    let auth = portal.login_as(HISTORY_OWNER).await;
    for _ in 0..HISTORY_SIZE {
        portal.draft(&auth, "med-license").await;
    }
    let history = portal
        .call(
            Method::GET,
            "/api/requests",
            Some(&auth),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        history.as_array().map(Vec::len),
        Some(HISTORY_SIZE),
        "the history holds the seeded requests"
    );
    let uri = portal.uri("/api/requests");
    let make: MakeRequest =
        Arc::new(move |_| api_request(Method::GET, uri.clone(), Some(&auth), None));
    if wanted("history") {
        at_each_level(&mut rows, "GET /api/requests (50)", timed, &make).await;
    }

    // A signed request registered per call.
    for connections in CONNECTIONS.into_iter().filter(|_| wanted("submit")) {
        let auth = portal.login().await;
        let warmup = connections * SUBMIT_WARMUP_PER_CONNECTION;
        let prepared = Instant::now();
        let pool = Arc::new(submit_pool(&portal, &auth, warmup + submits).await);
        eprintln!(
            "  {} signed requests prepared in {:.1} s",
            pool.len(),
            prepared.elapsed().as_secs_f64()
        );
        let make: MakeRequest = Arc::new(move |i| {
            let (uri, body) = &pool[i];
            api_request(Method::POST, uri.clone(), Some(&auth), Some(body.clone()))
        });
        let outcome = drive(
            connections,
            Plan::Pool {
                warmup,
                count: submits,
            },
            &make,
        )
        .await;
        rows.push(Row {
            scenario: "POST …/submit (signed)",
            connections,
            outcome,
        });
    }

    // The reviewer's queue, filtered: the PHC attachments just registered.
    let staff = portal.login_as(CLINIC_STAFF).await;
    let queue = portal.uri(QUEUE_PATH);
    let queued = portal
        .call(Method::GET, QUEUE_PATH, Some(&staff), None, StatusCode::OK)
        .await;
    eprintln!(
        "  the queue holds {} requests",
        queued.as_array().map_or(0, Vec::len)
    );
    let make: MakeRequest = {
        let (queue, staff) = (queue.clone(), staff.clone());
        Arc::new(move |_| api_request(Method::GET, queue.clone(), Some(&staff), None))
    };
    if wanted("queue") {
        rows.push(Row {
            scenario: "GET /api/review/requests",
            connections: 16,
            outcome: drive(16, timed, &make).await,
        });
    }

    // Public verification of a license by its number, no login.
    let verify = portal.uri(&format!("/api/registry/{LICENSE}"));
    let make: MakeRequest = {
        let verify = verify.clone();
        Arc::new(move |_| api_request(Method::GET, verify.clone(), None, None))
    };
    if wanted("registry") {
        rows.push(Row {
            scenario: "GET /api/registry/{number}",
            connections: 64,
            outcome: drive(64, timed, &make).await,
        });
    }

    // A burst: 200 connections within a second, held, mixed traffic.
    let auth = portal.login_as(HISTORY_OWNER).await;
    let history = portal.uri("/api/requests");
    let catalog = portal.uri("/api/catalog/services");
    let make: MakeRequest = Arc::new(move |i| match i % 4 {
        0 => api_request(Method::GET, history.clone(), Some(&auth), None),
        1 => api_request(Method::GET, queue.clone(), Some(&staff), None),
        2 => api_request(Method::GET, verify.clone(), None, None),
        _ => api_request(Method::GET, catalog.clone(), None, None),
    });
    let burst = Plan::Timed {
        warmup: Duration::from_secs(1),
        measure: Duration::from_secs_f64(env_or("LOAD_BURST_SECS", 60.0)),
    };
    if wanted("burst") {
        rows.push(Row {
            scenario: BURST,
            connections: BURST_CONNECTIONS,
            outcome: drive_ramped(BURST_CONNECTIONS, burst, &make, Duration::from_secs(1)).await,
        });
    }
    rows
}

/// Writes the rows as JSON, for machines.
fn write_json(path: &str, database: &str, rows: &[Row]) {
    let body = json!({
        "database": database,
        "threads": std::thread::available_parallelism().map_or(1, usize::from),
        "rows": rows.iter().map(|r| json!({
            "scenario": r.scenario,
            "connections": r.connections,
            "per_sec": r.outcome.per_sec,
            "p50_ms": r.outcome.p50.as_secs_f64() * 1e3,
            "p99_ms": r.outcome.p99.as_secs_f64() * 1e3,
            "shed": r.outcome.shed,
            "errors": r.outcome.errors,
        })).collect::<Vec<_>>(),
    });
    let text = serde_json::to_string_pretty(&body).expect("JSON");
    match std::fs::write(path, text) {
        Ok(()) => println!("  written to {path}"),
        Err(e) => eprintln!("{path}: {e}"),
    }
}

/// mimalloc: the system allocator's arenas and consolidation were a sixth
/// of a loaded portal's time (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let dir = tempfile::tempdir().expect("temp dir");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let rows = runtime.block_on(run(dir.path()));
    drop(runtime);

    let database = match std::env::var("LOAD_DATABASE_URL") {
        Ok(url) if url.starts_with("postgres") => "PostgreSQL",
        _ => "SQLite",
    };
    println!(
        "API under load, {database}, loopback TCP, keep-alive, {} worker threads (server and load generator share them):",
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!(
        "  {:<28} {:>5} {:>9} {:>8} {:>8} {:>6} {:>6}",
        "scenario", "conns", "req/s", "p50 ms", "p99 ms", "shed", "errors"
    );
    for row in &rows {
        let o = &row.outcome;
        println!(
            "  {:<28} {:>5} {:>9.0} {:>8.2} {:>8.2} {:>6} {:>6}",
            row.scenario,
            row.connections,
            o.per_sec,
            o.p50.as_secs_f64() * 1e3,
            o.p99.as_secs_f64() * 1e3,
            o.shed,
            o.errors,
        );
    }
    if let Ok(path) = std::env::var("LOAD_JSON") {
        write_json(&path, database, &rows);
    }
    let mut failed = false;
    for row in &rows {
        if let Some(error) = &row.outcome.first_error {
            failed = true;
            eprintln!(
                "{} at {} connections, first error: {error}",
                row.scenario, row.connections
            );
        }
        if row.scenario != BURST && row.outcome.shed > 0 {
            failed = true;
            eprintln!(
                "{} at {} connections: {} answers were 503",
                row.scenario, row.connections, row.outcome.shed
            );
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
