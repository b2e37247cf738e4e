//! `TestApp`: the whole application on a fresh database per test, driven
//! through its router without a socket. The database is SQLite in a temporary
//! folder, or, when `TEST_DATABASE_URL` names a PostgreSQL server, a new
//! database on that server.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use backend::app::{App, AppState, KeySource};
use backend::clock::now_secs;
use backend::config::{
    AuthConfig, Config, EdsConfig, PaymentConfig, RegistryConfig, SmtpConfig, StorageConfig,
};
use backend::demo::pki::KEYSTORE_PASSWORD;
use backend::demo::pki::keystore_path;
use backend::pki::ca::Issued;
use backend::pki::cert::KeyPurpose;
use backend::pki::{keystore, sign};
use base64::Engine as _;
use http_body_util::BodyExt;
use sea_orm::{ConnectionTrait, Database};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use shared::account::SessionDto;
use tower::ServiceExt;

pub struct TestApp {
    pub state: AppState,
    router: Router,
    _dir: tempfile::TempDir,
}

pub struct TestAppBuilder {
    auth: AuthConfig,
    demo: bool,
    serve: bool,
    storage: Option<StorageConfig>,
    smtp: Option<SmtpConfig>,
    registries: Option<RegistryConfig>,
}

impl Default for TestAppBuilder {
    fn default() -> Self {
        TestAppBuilder {
            auth: AuthConfig::default(),
            demo: true,
            serve: false,
            storage: None,
            smtp: None,
            registries: None,
        }
    }
}

impl TestAppBuilder {
    pub fn auth(mut self, f: impl FnOnce(&mut AuthConfig)) -> Self {
        f(&mut self.auth);
        self
    }

    /// Keep attached files there instead of a temporary folder.
    pub fn storage(mut self, storage: StorageConfig) -> Self {
        self.storage = Some(storage);
        self
    }

    /// Send e-mail through this server.
    pub fn smtp(mut self, smtp: SmtpConfig) -> Self {
        self.smtp = Some(smtp);
        self
    }

    /// Look visitors up in these registries instead of the embedded demo one.
    pub fn registries(mut self, registries: RegistryConfig) -> Self {
        self.registries = Some(registries);
        self
    }

    /// Also listen on a loopback port (for parts that call the portal over
    /// HTTP, like the payment gateway's notices).
    pub fn serve(mut self) -> Self {
        self.serve = true;
        self
    }

    pub async fn build(self) -> TestApp {
        let dir = tempfile::tempdir().expect("temp dir");
        let listener = if self.serve {
            Some(
                tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("bind"),
            )
        } else {
            None
        };
        let database_url = match std::env::var("TEST_DATABASE_URL") {
            Ok(url) if url.starts_with("postgres") => fresh_postgres_database(&url).await,
            _ => format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("test.sqlite3").display()
            ),
        };
        let public_url = match &listener {
            Some(l) => format!("http://{}", l.local_addr().expect("address")),
            None => "http://127.0.0.1".to_owned(),
        };
        let config = Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            database_url,
            max_db_readers: 2,
            data_dir: dir.path().to_path_buf(),
            dist_dir: None,
            catalog_dir: std::env::var_os("TEST_CATALOG_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/catalog")),
            public_url: public_url.clone(),
            auth: self.auth,
            eds: EdsConfig::default(),
            payments: PaymentConfig::local(&public_url, b"test-merchant-secret".to_vec()),
            calendar_file: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/calendar/kz.json"),
            storage: self
                .storage
                .unwrap_or_else(|| StorageConfig::Local(dir.path().join("files"))),
            smtp: self.smtp,
            limits: backend::config::Limits::default(),
            registries: self.registries.unwrap_or_else(|| {
                RegistryConfig::embedded(
                    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/registry"),
                )
            }),
            font_file: PathBuf::from("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
            seed_demo: self.demo,
        };
        if config.seed_demo {
            backend::demo::pki::seed(&config, backend::clock::now_secs())
                .expect("the demo certification center");
        }
        let app = App::build(config, KeySource::Ephemeral)
            .await
            .expect("app builds");
        if app.config.seed_demo {
            backend::demo::accounts::seed(&app)
                .await
                .expect("the demo accounts");
        }
        let state = AppState(Arc::new(app));
        let router = backend::router::build(state.clone());
        if let Some(listener) = listener {
            let served = router
                .clone()
                .into_make_service_with_connect_info::<SocketAddr>();
            tokio::spawn(async move {
                axum::serve(listener, served).await.expect("serve");
            });
        }
        TestApp {
            state,
            router,
            _dir: dir,
        }
    }
}

/// Makes `test_<random>` on the server of `admin_url` and gives its URL.
async fn fresh_postgres_database(admin_url: &str) -> String {
    let name = format!("test_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(admin_url)
        .await
        .expect("connect to PostgreSQL");
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("create database");
    admin.close().await.expect("close");
    let base = admin_url.rsplit_once('/').map_or(admin_url, |(b, _)| b);
    format!("{base}/{name}")
}

/// What came back.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not the expected JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn value(&self) -> Value {
        self.json()
    }

    /// The error code of an error body.
    pub fn code(&self) -> String {
        self.value()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The refresh token set by this response, if any.
    pub fn refresh_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix("portal_refresh="))
            .map(|v| v.split(';').next().unwrap_or_default().to_owned())
            .filter(|v| !v.is_empty())
    }

    pub fn set_cookie_header(&self) -> String {
        self.headers
            .get(header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

/// A request under construction.
pub struct Call<'a> {
    app: &'a TestApp,
    method: Method,
    path: String,
    body: Option<Value>,
    raw: Option<Vec<u8>>,
    headers: Vec<(String, String)>,
    token: Option<String>,
    cookie: Option<String>,
    app_header: bool,
    client: IpAddr,
}

impl<'a> Call<'a> {
    pub fn token(mut self, t: &str) -> Self {
        self.token = Some(t.to_owned());
        self
    }

    pub fn refresh(mut self, raw: &str) -> Self {
        self.cookie = Some(format!("portal_refresh={raw}"));
        self
    }

    pub fn json(mut self, v: Value) -> Self {
        self.body = Some(v);
        self
    }

    /// A body of raw bytes (an upload).
    pub fn bytes(mut self, b: Vec<u8>) -> Self {
        self.raw = Some(b);
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn without_app_header(mut self) -> Self {
        self.app_header = false;
        self
    }

    pub fn client(mut self, ip: [u8; 4]) -> Self {
        self.client = IpAddr::V4(Ipv4Addr::from(ip));
        self
    }

    pub async fn send(self) -> TestResponse {
        let mut req = Request::builder().method(self.method).uri(&self.path);
        if let Some(t) = &self.token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        if self.app_header {
            req = req.header("x-requested-with", "portal-app");
        }
        for (name, value) in &self.headers {
            req = req.header(name.as_str(), value.as_str());
        }
        let body = match (&self.body, self.raw) {
            (Some(v), _) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(serde_json::to_vec(v).expect("json"))
            }
            (None, Some(raw)) => {
                req = req
                    .header(header::CONTENT_TYPE, "application/octet-stream")
                    .header(header::CONTENT_LENGTH, raw.len());
                Body::from(raw)
            }
            (None, None) => Body::empty(),
        };
        let mut req = req.body(body).expect("request");
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(self.client, 40_000)));
        let res = self
            .app
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestAppBuilder::default().build().await
    }

    pub fn builder() -> TestAppBuilder {
        TestAppBuilder::default()
    }

    pub fn call(&self, method: Method, path: &str) -> Call<'_> {
        Call {
            app: self,
            method,
            path: path.to_owned(),
            body: None,
            raw: None,
            headers: Vec::new(),
            token: None,
            cookie: None,
            app_header: true,
            client: IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)),
        }
    }

    pub fn get(&self, path: &str) -> Call<'_> {
        self.call(Method::GET, path)
    }

    pub fn post(&self, path: &str) -> Call<'_> {
        self.call(Method::POST, path)
    }

    /// Registers an individual with `iin` and gives the session and refresh token.
    pub async fn register_individual(&self, iin: &str, password: &str) -> (SessionDto, String) {
        let res = self
            .post("/api/auth/register")
            .json(json!({
                "kind": "individual", "id_number": iin, "name": "Тест Тестов",
                "phone": "+7 701 000 00 00", "email": "test@example.kz", "password": password
            }))
            .send()
            .await;
        assert_eq!(
            res.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&res.body)
        );
        let cookie = res.refresh_cookie().expect("refresh cookie");
        (res.json(), cookie)
    }

    pub async fn login(&self, id_number: &str, password: &str) -> TestResponse {
        self.post("/api/auth/login")
            .json(json!({ "id_number": id_number, "password": password }))
            .send()
            .await
    }

    /// Logs a demo account in and gives its access token.
    pub async fn login_token(&self, id_number: &str, password: &str) -> String {
        let res = self.login(id_number, password).await;
        assert_eq!(
            res.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&res.body)
        );
        res.json::<SessionDto>().access_token
    }
}

impl TestApp {
    /// Starts a draft of `service` / `kind` for the holder of `token`.
    pub async fn draft(
        &self,
        token: &str,
        service: &str,
        kind: &str,
    ) -> shared::request::RequestDto {
        let res = self
            .post("/api/requests")
            .token(token)
            .json(json!({ "service": service, "request_type": kind }))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
        res.json()
    }
}

/// A valid ИИН for a person born on `yymmdd` with serial `serial`.
pub fn iin(yymmdd: &str, serial: u32) -> String {
    (serial..serial + 20)
        .find_map(|s| shared::ids::complete_with_check_digit(&format!("{yymmdd}3{s:04}")))
        .expect("a serial with a check digit")
}

pub const DEMO_APPLICANT: (&str, &str) = ("900101300007", "demo-applicant-2026");
pub const DEMO_COMPANY: (&str, &str) = ("050440000002", "demo-company-2026");
pub const DEMO_REVIEWER: (&str, &str) = ("850615400006", "demo-reviewer-2026");
pub const DEMO_OPERATOR: (&str, &str) = ("920310300007", "demo-operator-2026");
pub const DEMO_ADMIN: (&str, &str) = ("800101300006", "demo-admin-2026");

/// Opens a P-256 keystore of the demo center as its holder would.
pub fn holder_key(path: &Path) -> (Issued, Vec<x509_cert::Certificate>) {
    let bytes = std::fs::read(path).expect("keystore");
    let opened = keystore::open(&bytes, KEYSTORE_PASSWORD).expect("opens");
    let key = opened.p256_key().expect("P-256");
    let spki =
        x509_cert::spki::SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).expect("spki");
    let cert = opened
        .certificates
        .iter()
        .find(|c| c.tbs_certificate.subject_public_key_info == spki)
        .expect("leaf")
        .clone();
    (Issued { cert, key }, opened.certificates)
}

/// A detached CMS signature over `content` by the keystore at `path`, base64.
pub fn sign_bytes(path: &Path, content: &[u8]) -> String {
    let (issued, chain) = holder_key(path);
    base64::engine::general_purpose::STANDARD
        .encode(sign::sign(content, &issued, &chain, now_secs() - 2, false).expect("sign"))
}

/// The demo keystore of `id_number` for `purpose`.
pub fn demo_keystore(app: &TestApp, id_number: &str, purpose: KeyPurpose) -> PathBuf {
    keystore_path(&app.state.config.data_dir, id_number, purpose)
}

pub fn wait(d: Duration) -> tokio::time::Sleep {
    tokio::time::sleep(d)
}
