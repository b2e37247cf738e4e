//! `portal`: runs the e-services portal.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use backend::app::{App, AppState, KeySource};
use backend::config::{
    AuthConfig, Config, EdsConfig, Limits, PaymentConfig, RegistryConfig, RegistrySource, Secret,
    SmtpConfig, SmtpTls, StorageConfig,
};
use clap::Parser;

/// The e-government services portal: the JSON API and the web app.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, env = "PORTAL_HOST", default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// Port to listen on.
    #[arg(long, env = "PORTAL_PORT", default_value_t = 8080)]
    port: u16,
    /// Folder for the server's files (SQLite database, token signing key).
    #[arg(long, env = "PORTAL_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// Database URL; the default is SQLite in the data folder. Example:
    /// postgres://portal:secret@127.0.0.1/portal
    #[arg(long, env = "PORTAL_DATABASE_URL")]
    database_url: Option<String>,
    /// Database connections for reading.
    #[arg(long, env = "PORTAL_DB_READERS", default_value_t = 8)]
    db_readers: u32,
    /// The built web app (Trunk's dist folder); omit to serve the API only.
    #[arg(long, env = "PORTAL_DIST")]
    dist: Option<PathBuf>,
    /// The catalog data folder.
    #[arg(long, env = "PORTAL_CATALOG", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/catalog"))]
    catalog: PathBuf,
    /// The public address of the portal; an https address marks cookies Secure.
    #[arg(
        long,
        env = "PORTAL_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    public_url: String,
    /// Create the demo accounts (see README). Never in production.
    #[arg(long, env = "PORTAL_DEMO", default_value_t = false)]
    demo: bool,
    /// Trusted root certificates for ЭЦП (PEM or DER files; comma-separated
    /// in the environment). None: the demo certification center's root.
    #[arg(long = "trust-root", env = "PORTAL_TRUST_ROOTS", value_delimiter = ',')]
    trust_roots: Vec<PathBuf>,
    /// Intermediate CA certificates for ЭЦП paths.
    #[arg(long = "trust-ca", env = "PORTAL_TRUST_CAS", value_delimiter = ',')]
    trust_cas: Vec<PathBuf>,
    /// CRL files used besides those fetched from distribution points.
    #[arg(long = "crl-file", env = "PORTAL_CRL_FILES", value_delimiter = ',')]
    crl_files: Vec<PathBuf>,
    /// Trust the demo certification center as well as the configured roots.
    #[arg(long, env = "PORTAL_TRUST_DEMO", default_value_t = false)]
    trust_demo: bool,
    /// The payment gateway's merchant secret (HMAC). None: a random one kept
    /// in `<data dir>/payment-gateway.key`.
    #[arg(long, env = "PORTAL_PAYMENT_SECRET", hide_env_values = true)]
    payment_secret: Option<String>,
    /// The payment gateway's address. None: the sandbox gateway inside the
    /// portal (`<public url>/gateway`).
    #[arg(long, env = "PORTAL_GATEWAY_URL")]
    gateway_url: Option<String>,
    /// Kazakhstan's calendar of holidays and moved working days.
    #[arg(long, env = "PORTAL_CALENDAR", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/calendar/kz.json"))]
    calendar: PathBuf,
    /// The TrueType font of result documents (must have every Kazakh letter).
    #[arg(
        long,
        env = "PORTAL_FONT",
        default_value = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    )]
    font: PathBuf,
    /// Where attached files are kept. None: `<data dir>/files`. Unused when
    /// an S3 endpoint is given.
    #[arg(long, env = "PORTAL_FILES_DIR")]
    files_dir: Option<PathBuf>,
    /// Keep attached files in an S3-compatible object store at this address
    /// (http://host:port or https://host) instead of a folder.
    #[arg(long, env = "PORTAL_S3_ENDPOINT")]
    s3_endpoint: Option<String>,
    /// The bucket for attached files (it must exist).
    #[arg(long, env = "PORTAL_S3_BUCKET", default_value = "portal-files")]
    s3_bucket: String,
    /// The region requests are signed for.
    #[arg(long, env = "PORTAL_S3_REGION", default_value = "us-east-1")]
    s3_region: String,
    /// Address the bucket by host name (bucket.endpoint/key) instead of by
    /// path (endpoint/bucket/key, the default, which MinIO and Ceph expect).
    #[arg(long, env = "PORTAL_S3_VIRTUAL_HOSTED", default_value_t = false)]
    s3_virtual_hosted: bool,
    /// The S3 access key id (the secret key: PORTAL_S3_SECRET_KEY, from the
    /// environment only).
    #[arg(long, env = "PORTAL_S3_ACCESS_KEY", hide_env_values = true)]
    s3_access_key: Option<String>,
    /// The S3 secret key: from the environment only.
    #[arg(skip = std::env::var("PORTAL_S3_SECRET_KEY").ok().map(Secret::new))]
    s3_secret_key: Option<Secret>,
    /// Send applicants e-mail through this SMTP server (AUTH PLAIN with
    /// PORTAL_SMTP_USER and PORTAL_SMTP_PASSWORD, from the environment only,
    /// when both are set).
    #[arg(long, env = "PORTAL_SMTP_HOST")]
    smtp_host: Option<String>,
    /// The SMTP port. None: 25, 587 or 465 by --smtp-tls.
    #[arg(long, env = "PORTAL_SMTP_PORT")]
    smtp_port: Option<u16>,
    /// The sender address of the portal's e-mail.
    #[arg(long, env = "PORTAL_SMTP_FROM")]
    smtp_from: Option<String>,
    /// starttls (required upgrade), tls (from the first byte) or none
    /// (plain: a relay on this host or network only).
    #[arg(long, env = "PORTAL_SMTP_TLS", default_value = "starttls")]
    smtp_tls: String,
    /// The SMTP user for AUTH PLAIN: from the environment only.
    #[arg(skip = std::env::var("PORTAL_SMTP_USER").ok())]
    smtp_user: Option<String>,
    /// The SMTP password: from the environment only.
    #[arg(skip = std::env::var("PORTAL_SMTP_PASSWORD").ok().map(Secret::new))]
    smtp_password: Option<Secret>,
    /// The embedded demo state registry (persons.json, organizations.json),
    /// used for each registry that has no address.
    #[arg(long, env = "PORTAL_REGISTRY_DIR", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/registry"))]
    registry_dir: PathBuf,
    /// ГБД ФЛ (individuals) over HTTP: `GET <address>/<ИИН>`. None: the
    /// embedded demo registry.
    #[arg(long, env = "PORTAL_GBD_FL_URL")]
    gbd_fl_url: Option<String>,
    /// ГБД ЮЛ (legal entities) over HTTP: `GET <address>/<БИН>`. None: the
    /// embedded demo registry.
    #[arg(long, env = "PORTAL_GBD_UL_URL")]
    gbd_ul_url: Option<String>,
    /// API requests served at once (back-pressure: beyond this and the
    /// waiting room, the answer is 503 with Retry-After).
    #[arg(long, env = "PORTAL_MAX_IN_FLIGHT", default_value_t = 64)]
    max_in_flight: usize,
    /// API requests that may wait for a turn.
    #[arg(long, env = "PORTAL_MAX_WAITING", default_value_t = 512)]
    max_waiting: usize,
    /// How long a request waits for a turn before the 503, in milliseconds.
    #[arg(long, env = "PORTAL_MAX_WAIT_MS", default_value_t = 2000)]
    max_wait_ms: u64,
    /// Failed logins allowed per account in 15 minutes, then 429.
    #[arg(long, env = "PORTAL_LOGIN_FAILURES_PER_ACCOUNT", default_value_t = 5)]
    login_failures_per_account: u32,
    /// Failed logins allowed per client address in 15 minutes, then 429.
    #[arg(long, env = "PORTAL_LOGIN_FAILURES_PER_ADDRESS", default_value_t = 30)]
    login_failures_per_address: u32,
    /// How long, in milliseconds, an open session is taken as open without
    /// asking the database again; another portal process on the same
    /// database refuses a revoked session within this time. 0: every call.
    #[arg(long, env = "PORTAL_SESSION_RECHECK_MS", default_value_t = 1000)]
    session_recheck_ms: u64,
    /// How long a registry lookup may take, in milliseconds.
    #[arg(long, env = "PORTAL_REGISTRY_TIMEOUT_MS", default_value_t = 5000)]
    registry_timeout_ms: u64,
    /// Log as JSON lines instead of text.
    #[arg(long, env = "PORTAL_LOG_JSON", default_value_t = false)]
    log_json: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once per run of the command"
)]
enum Command {
    /// The demo certification center in the data folder: issue keystores,
    /// revoke certificates, publish the CRL (served at /pki/demo-nca.crl).
    #[command(subcommand)]
    Pki(PkiCommand),
    /// Checks the audit log's hash chain; exits non-zero at the first
    /// edited, removed or reordered entry.
    AuditCheck,
}

#[derive(Debug, clap::Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once per run of the command"
)]
enum PkiCommand {
    /// Issues a certificate in the national convention and writes its
    /// password-protected PKCS#12 keystore.
    Issue {
        /// The holder's ИИН.
        #[arg(long)]
        iin: String,
        #[arg(long)]
        surname: String,
        #[arg(long)]
        given_name: String,
        /// For an employee of a legal entity: its БИН (goes to OU=BIN…).
        #[arg(long)]
        bin: Option<String>,
        /// The legal entity's name (O).
        #[arg(long)]
        organization: Option<String>,
        /// individual, head, signing-right or employee.
        #[arg(long, default_value = "individual")]
        role: String,
        /// auth or sign.
        #[arg(long, default_value = "sign")]
        purpose: String,
        /// p256 or rsa.
        #[arg(long, default_value = "p256")]
        key: String,
        #[arg(long)]
        password: String,
        /// Where to write the keystore.
        #[arg(long)]
        out: PathBuf,
    },
    /// Revokes (or with --hold suspends) a certificate and publishes the CRL.
    Revoke {
        /// The certificate's serial number, hex (as `issue` prints it).
        #[arg(long)]
        serial: String,
        #[arg(long, default_value_t = false)]
        hold: bool,
    },
    /// Publishes the CRL again (current for a week).
    Crl,
}

fn pki(args: &Args, command: &PkiCommand) -> Result<(), String> {
    use backend::demo::pki::Center;
    use backend::demo::pki::KeyKind;
    use backend::pki::ca::Holder;
    use backend::pki::cert::{HolderRole, KeyPurpose};
    let now = backend::clock::now_secs();
    let center =
        Center::open(&args.data_dir, &args.public_url, now).map_err(|e| format!("{e:?}"))?;
    match command {
        PkiCommand::Issue {
            iin,
            surname,
            given_name,
            bin,
            organization,
            role,
            purpose,
            key,
            password,
            out,
        } => {
            shared::Iin::parse(iin).map_err(|e| format!("--iin: {e:?}"))?;
            if let Some(bin) = bin {
                shared::Bin::parse(bin).map_err(|e| format!("--bin: {e:?}"))?;
            }
            let roles = match (role.as_str(), bin.is_some()) {
                ("individual", false) => vec![HolderRole::Individual],
                ("head", true) => vec![HolderRole::LegalEntity, HolderRole::Head],
                ("signing-right", true) => vec![HolderRole::LegalEntity, HolderRole::SigningRight],
                ("employee", true) => vec![HolderRole::LegalEntity, HolderRole::Employee],
                _ => {
                    return Err(format!(
                        "--role {role}: individual without --bin; head, signing-right or employee with --bin"
                    ));
                }
            };
            let purpose = match purpose.as_str() {
                "auth" => KeyPurpose::Authentication,
                "sign" => KeyPurpose::Signing,
                other => return Err(format!("--purpose {other}: auth or sign")),
            };
            let kind = match key.as_str() {
                "p256" => KeyKind::P256,
                "rsa" => KeyKind::Rsa2048,
                other => return Err(format!("--key {other}: p256 or rsa")),
            };
            let holder = Holder {
                iin: iin.clone(),
                surname: surname.clone(),
                given_name: given_name.clone(),
                bin: bin.clone(),
                organization: organization.clone(),
                roles,
            };
            let serial = center
                .issue(&holder, purpose, kind, password, out, now)
                .map_err(|e| format!("{e:?}"))?;
            println!("{serial}");
        }
        PkiCommand::Revoke { serial, hold } => {
            center
                .revoke(serial, *hold, now)
                .map_err(|e| format!("{e:?}"))?;
            println!(
                "{} {serial}; CRL published",
                if *hold { "suspended" } else { "revoked" }
            );
        }
        PkiCommand::Crl => {
            let path = center.publish_crl(now).map_err(|e| format!("{e:?}"))?;
            println!("{}", path.display());
        }
    }
    Ok(())
}

/// mimalloc: the system allocator's arenas and consolidation were a sixth
/// of a loaded portal's time (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    if let Some(Command::Pki(command)) = &args.command {
        return match pki(&args, command) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    if let Some(Command::AuditCheck) = &args.command {
        return match audit_check(&args).await {
            Ok(n) => {
                println!("the audit log is intact: {n} entries");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    init_logs(args.log_json);
    match run(args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "the portal stopped");
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The merchant secret kept in `path`, made (32 random bytes, hex) on first
/// start.
fn payment_secret(path: &std::path::Path) -> Result<Vec<u8>, String> {
    match std::fs::read_to_string(path) {
        Ok(s) if s.trim().len() >= 32 => Ok(s.trim().as_bytes().to_vec()),
        Ok(_) => Err(format!("{}: too short a secret", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            use rand::RngCore;
            let mut raw = [0u8; 32];
            rand::rngs::OsRng.fill_bytes(&mut raw);
            let hex = backend::pki::hex(&raw);
            write_private(path, hex.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            Ok(hex.into_bytes())
        }
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

/// Writes a file only its owner may read.
fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// A folder, or an S3 bucket when an endpoint is given.
fn storage_config(args: &Args) -> Result<StorageConfig, String> {
    let Some(endpoint) = &args.s3_endpoint else {
        return Ok(StorageConfig::Local(
            args.files_dir
                .clone()
                .unwrap_or_else(|| args.data_dir.join("files")),
        ));
    };
    let (Some(access_key), Some(secret_key)) = (&args.s3_access_key, &args.s3_secret_key) else {
        return Err("--s3-endpoint needs PORTAL_S3_ACCESS_KEY and PORTAL_S3_SECRET_KEY".into());
    };
    Ok(StorageConfig::S3 {
        endpoint: endpoint.clone(),
        bucket: args.s3_bucket.clone(),
        region: args.s3_region.clone(),
        access_key: access_key.clone(),
        secret_key: secret_key.clone(),
        path_style: !args.s3_virtual_hosted,
    })
}

/// E-mail when an SMTP host is given.
fn smtp_config(args: &Args) -> Result<Option<SmtpConfig>, String> {
    let Some(host) = &args.smtp_host else {
        return Ok(None);
    };
    let Some(from) = &args.smtp_from else {
        return Err("--smtp-host needs --smtp-from".into());
    };
    let tls = SmtpTls::parse(&args.smtp_tls)
        .ok_or_else(|| format!("--smtp-tls {}: starttls, tls or none", args.smtp_tls))?;
    if args.smtp_user.is_some() != args.smtp_password.is_some() {
        return Err("PORTAL_SMTP_USER and PORTAL_SMTP_PASSWORD go together".into());
    }
    if tls == SmtpTls::None && args.smtp_password.is_some() {
        tracing::warn!(host = %host, "SMTP credentials will cross the network unencrypted (--smtp-tls none)");
    }
    Ok(Some(SmtpConfig {
        host: host.clone(),
        port: args.smtp_port.unwrap_or(tls.default_port()),
        from: from.clone(),
        tls,
        user: args.smtp_user.clone(),
        password: args.smtp_password.clone(),
        retries: backend::adapters::mail::DEFAULT_RETRIES.to_vec(),
    }))
}

fn init_logs(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    if json {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}

fn database_url(args: &Args) -> String {
    args.database_url.clone().unwrap_or_else(|| {
        format!(
            "sqlite://{}?mode=rwc",
            args.data_dir.join("portal.sqlite3").display()
        )
    })
}

async fn audit_check(args: &Args) -> Result<u64, String> {
    let db = backend::db::Db::connect(&database_url(args), 1)
        .await
        .map_err(|e| format!("{e:?}"))?;
    match backend::services::core::audit::check(&db.read).await {
        Ok(Ok(n)) => Ok(n),
        Ok(Err(b)) => Err(format!(
            "the audit log is broken at entry {}: {}",
            b.id, b.reason
        )),
        Err(e) => Err(format!("{e:?}")),
    }
}

/// A registry at its address, or the embedded demo registry.
fn registry_source(url: Option<String>, dir: &std::path::Path) -> RegistrySource {
    match url {
        Some(url) => RegistrySource::Gateway(url),
        None => RegistrySource::Embedded(dir.to_path_buf()),
    }
}

async fn run(args: Args) -> Result<(), String> {
    std::fs::create_dir_all(&args.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", args.data_dir.display()))?;
    let database_url = database_url(&args);
    let secret = match &args.payment_secret {
        Some(s) if s.len() >= 16 => s.as_bytes().to_vec(),
        Some(_) => return Err("--payment-secret: at least 16 characters".into()),
        None => payment_secret(&args.data_dir.join("payment-gateway.key"))?,
    };
    let mut payments = PaymentConfig::local(&args.public_url, secret);
    if let Some(url) = &args.gateway_url {
        payments.gateway_url.clone_from(url);
    }
    let storage = storage_config(&args)?;
    let smtp = smtp_config(&args)?;
    let config = Config {
        listen: SocketAddr::new(args.host, args.port),
        database_url,
        max_db_readers: args.db_readers,
        data_dir: args.data_dir,
        dist_dir: args.dist,
        catalog_dir: args.catalog,
        auth: AuthConfig {
            secure_cookies: args.public_url.starts_with("https://"),
            account_failures: args.login_failures_per_account,
            address_failures: args.login_failures_per_address,
            session_recheck: std::time::Duration::from_millis(args.session_recheck_ms),
            ..AuthConfig::default()
        },
        eds: EdsConfig {
            roots: args.trust_roots,
            intermediates: args.trust_cas,
            crl_files: args.crl_files,
            trust_demo: args.trust_demo,
        },
        public_url: args.public_url,
        payments,
        calendar_file: args.calendar,
        storage,
        font_file: args.font,
        smtp,
        limits: Limits {
            max_in_flight: args.max_in_flight,
            max_waiting: args.max_waiting,
            max_wait: std::time::Duration::from_millis(args.max_wait_ms),
        },
        registries: RegistryConfig {
            persons: registry_source(args.gbd_fl_url, &args.registry_dir),
            organizations: registry_source(args.gbd_ul_url, &args.registry_dir),
            timeout: std::time::Duration::from_millis(args.registry_timeout_ms),
        },
        seed_demo: args.demo,
    };
    if let Some(dist) = &config.dist_dir
        && !dist.join("index.html").is_file()
    {
        return Err(format!(
            "{} has no index.html: build the app first (cargo xtask serve does)",
            dist.display()
        ));
    }
    let listen = config.listen;
    if config.seed_demo {
        // The demo certification center first: the trust store reads its root.
        backend::demo::pki::seed(&config, backend::clock::now_secs())
            .map_err(|e| format!("the demo certification center: {e:?}"))?;
    }
    let app = App::build(config, KeySource::DataDir)
        .await
        .map_err(|e| format!("start-up failed: {e:?}"))?;
    if app.config.seed_demo {
        backend::demo::accounts::seed(&app)
            .await
            .map_err(|e| format!("the demo accounts: {e:?}"))?;
    }
    let state = AppState(Arc::new(app));
    let router = backend::router::build(state.clone());
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    tracing::info!(address = %listen, "the portal is listening: http://{listen}/");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(backend::router::shutdown_signal())
    .await
    .map_err(|e| format!("server: {e}"))?;
    state.db.clone().close().await;
    tracing::info!("stopped cleanly");
    Ok(())
}
