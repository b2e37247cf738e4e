//! `TestApp`: the whole application on a fresh database per test, driven
//! through its router without a socket. The database is SQLite in a temporary
//! folder, or, when `TEST_DATABASE_URL` names a PostgreSQL server, a new
//! database on that server.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::Method;
use backend::app::{App, AppState, KeySource};
use backend::config::{
    AuthConfig, Config, EdsConfig, PaymentConfig, RegistryConfig, SmtpConfig, StorageConfig,
};
use sea_orm::{ConnectionTrait, Database};

use crate::helpers::call::Call;

pub struct TestApp {
    pub state: AppState,
    router: Router,
    /// The folder of the first process; a second one shares it.
    _dir: Option<tempfile::TempDir>,
}

pub struct TestAppBuilder {
    auth: AuthConfig,
    demo: bool,
    serve: bool,
    storage: Option<StorageConfig>,
    smtp: Option<SmtpConfig>,
    registries: Option<RegistryConfig>,
    hsts: Option<Duration>,
    dist: Option<PathBuf>,
    national_test: bool,
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
            hsts: None,
            dist: None,
            national_test: false,
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

    /// Send `Strict-Transport-Security` with this lifetime.
    pub fn hsts(mut self, max_age: Duration) -> Self {
        self.hsts = Some(max_age);
        self
    }

    /// Serve the built app from `dist` (a test's own).
    pub fn dist(mut self, dist: PathBuf) -> Self {
        self.dist = Some(dist);
        self
    }

    /// Trust the national center's TEST PKI (`--trust-national-test`).
    pub fn national_test(mut self) -> Self {
        self.national_test = true;
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
            dist_dir: self.dist,
            catalog_dir: std::env::var_os("TEST_CATALOG_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/catalog")),
            public_url: public_url.clone(),
            hsts: self.hsts,
            auth: self.auth,
            eds: EdsConfig {
                national_test: self.national_test.then(|| {
                    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nca-test-pki")
                }),
                ..EdsConfig::default()
            },
            payments: PaymentConfig::local(&public_url, b"test-merchant-secret".to_vec()),
            calendar_file: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/calendar/kz.json"),
            uncollected_retention_days: 30,
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
            _dir: Some(dir),
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

impl TestApp {
    pub async fn new() -> TestApp {
        TestAppBuilder::default().build().await
    }

    pub fn builder() -> TestAppBuilder {
        TestAppBuilder::default()
    }

    /// A second portal process on the same database and folder, as behind a
    /// load balancer: its own memory, its own token keys. Lives no longer
    /// than `self`, whose folder it uses.
    pub async fn another_process(&self) -> TestApp {
        let mut config = self.state.config.clone();
        config.seed_demo = false;
        let app = App::build(config, KeySource::Ephemeral)
            .await
            .expect("the second process builds");
        let state = AppState(Arc::new(app));
        let router = backend::router::build(state.clone());
        TestApp {
            state,
            router,
            _dir: None,
        }
    }

    pub fn call(&self, method: Method, path: &str) -> Call<'_> {
        Call::new(&self.router, method, path)
    }

    pub fn get(&self, path: &str) -> Call<'_> {
        self.call(Method::GET, path)
    }

    pub fn post(&self, path: &str) -> Call<'_> {
        self.call(Method::POST, path)
    }
}

pub fn wait(d: Duration) -> tokio::time::Sleep {
    tokio::time::sleep(d)
}
