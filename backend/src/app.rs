//! The application state, built once from [`Config`] at start and shared by
//! every handler as [`AppState`].

use std::ops::Deref;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::adapters::mail::Mailer;
use crate::adapters::state_registries::StateRegistries;
use crate::adapters::storage::BlobStore;
use crate::config::Config;
use crate::db::Db;
use crate::demo::center::Center;
use crate::error::{AppError, AppResult};
use crate::services::accounts::passwords::PasswordHashing;
use crate::services::accounts::session_memory::SessionMemory;
use crate::services::accounts::sessions;
use crate::services::accounts::throttle::Throttle;
use crate::services::accounts::tokens::TokenKeys;
use crate::services::catalog::data::CatalogData;
use crate::services::catalog::lookup::Catalog;
use crate::services::eds::trust::Trust;
use shared::calendar::{CalendarData, WorkCalendar};

#[derive(Debug)]
pub struct App {
    pub config: Config,
    pub db: Db,
    pub catalog: Catalog,
    pub keys: TokenKeys,
    pub passwords: PasswordHashing,
    pub throttle: Throttle,
    /// Sessions seen open a moment ago.
    pub sessions: SessionMemory,
    /// The trusted ЭЦП roots and the CRL and OCSP caches.
    pub trust: Trust,
    /// The demo certification center, when the data folder has one: its
    /// OCSP responder answers at `/pki/ocsp`.
    pub demo_center: Option<Arc<Center>>,
    /// Where attached files are kept.
    pub storage: BlobStore,
    /// E-mail to users, queued (disabled without an SMTP server).
    pub mailer: Mailer,
    /// Kazakhstan's working days, for due dates.
    pub calendar: WorkCalendar,
    /// The font of result documents.
    pub font: Arc<Vec<u8>>,
    /// ГБД ФЛ and ГБД ЮЛ, for the desks.
    pub registries: StateRegistries,
    /// A hash to verify against when the account does not exist, so that an
    /// unknown ИИН/БИН costs the same time as a wrong password.
    pub dummy_hash: String,
    /// Set when this process is shutting down: it answers what it holds
    /// but is no longer ready for more (`/api/health/ready`).
    pub draining: AtomicBool,
}

/// What handlers receive: a cheap handle on the one [`App`].
#[derive(Debug, Clone)]
pub struct AppState(pub Arc<App>);

impl Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

/// Where the token signing key comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySource {
    /// `<data_dir>/token-es256.pem`, made on first start.
    DataDir,
    /// A fresh key in memory (tests).
    Ephemeral,
}

impl App {
    /// Connects and migrates the database, loads the catalog data into it
    /// and reads the catalog back. The demo data is seeded by the caller
    /// (`crate::demo::pki::seed` before, `crate::demo::accounts::seed` after).
    pub async fn build(config: Config, keys: KeySource) -> AppResult<App> {
        let db = Db::connect(&config.database_url, config.max_db_readers).await?;
        let data = CatalogData::load(&config.catalog_dir).map_err(AppError::internal)?;
        data.seed(&db).await?;
        let catalog = Catalog::read(&db).await?;
        let keys = match keys {
            KeySource::DataDir => {
                TokenKeys::load_or_create(&config.data_dir.join("token-es256.pem"), &config.auth)?
            }
            KeySource::Ephemeral => TokenKeys::ephemeral(&config.auth)?,
        };
        let passwords = PasswordHashing::new(&config.auth)?;
        let dummy_hash = passwords.hash(uuid::Uuid::new_v4().to_string()).await?;
        let throttle = Throttle::new(config.auth.failure_window);
        let sessions = SessionMemory::new(config.auth.session_recheck);
        let mut trust = Trust::load(&config.eds, &config.data_dir, &config.public_url)?;
        let demo_center = Center::existing(
            &config.data_dir,
            &config.public_url,
            crate::clock::now_secs(),
        )?
        .map(Arc::new);
        let mut local: Vec<crate::adapters::pki_post::Local> = Vec::new();
        let mut tsa = config.eds.tsa_url.clone();
        if let Some(center) = &demo_center {
            // Its own services are answered in-process, not over the network.
            let (ocsp, stamps) = (center.clone(), center.clone());
            local.push((
                Center::service_url(&config.public_url, "ocsp"),
                Arc::new(move |request: &[u8]| ocsp.ocsp(request, crate::clock::now_secs())),
            ));
            local.push((
                Center::service_url(&config.public_url, "tsp"),
                Arc::new(move |request: &[u8]| stamps.tsp(request, crate::clock::now_secs())),
            ));
            tsa = tsa.or_else(|| Some(Center::service_url(&config.public_url, "tsp")));
        }
        trust = trust.with_services(local, tsa);
        let calendar_json = std::fs::read(&config.calendar_file).map_err(|e| {
            AppError::internal(format_args!("{}: {e}", config.calendar_file.display()))
        })?;
        let calendar_data: CalendarData = serde_json::from_slice(&calendar_json).map_err(|e| {
            AppError::internal(format_args!("{}: {e}", config.calendar_file.display()))
        })?;
        let calendar = WorkCalendar::new(&calendar_data);
        let font = Arc::new(std::fs::read(&config.font_file).map_err(|e| {
            AppError::internal(format_args!(
                "the font of result documents, {}: {e} (Debian: apt-get install fonts-dejavu-core)",
                config.font_file.display()
            ))
        })?);
        let storage = BlobStore::from_config(&config.storage).map_err(AppError::internal)?;
        let mailer = match &config.smtp {
            Some(smtp) => Mailer::start(smtp.clone(), db.clone(), &config.public_url)
                .map_err(AppError::internal)?,
            None => Mailer::disabled(),
        };
        let registries =
            StateRegistries::from_config(&config.registries).map_err(AppError::internal)?;
        let app = App {
            config,
            db,
            catalog,
            keys,
            passwords,
            throttle,
            sessions,
            trust,
            demo_center,
            storage,
            mailer,
            calendar,
            font,
            registries,
            dummy_hash,
            draining: AtomicBool::new(false),
        };
        let swept = sessions::sweep_expired(&app.db.write).await?;
        if swept > 0 {
            tracing::info!(swept, "expired refresh tokens removed");
        }
        Ok(app)
    }
}
