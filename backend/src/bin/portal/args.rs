//! The command line and its environment variables.

use std::path::PathBuf;

use backend::config::Secret;
use clap::Parser;

/// The e-government services portal: the JSON API and the web app.
#[derive(Debug, Parser)]
#[command(version, about)]
pub(crate) struct Args {
    /// Address to listen on.
    #[arg(long, env = "PORTAL_HOST", default_value = "127.0.0.1")]
    pub(crate) host: std::net::IpAddr,
    /// Port to listen on.
    #[arg(long, env = "PORTAL_PORT", default_value_t = 8080)]
    pub(crate) port: u16,
    /// Folder for the server's files (SQLite database, token signing key).
    #[arg(long, env = "PORTAL_DATA_DIR", default_value = "data")]
    pub(crate) data_dir: PathBuf,
    /// Database URL; the default is SQLite in the data folder. Example:
    /// postgres://portal:secret@127.0.0.1/portal
    #[arg(long, env = "PORTAL_DATABASE_URL")]
    pub(crate) database_url: Option<String>,
    /// Days a result not collected at a desk is kept there before it goes
    /// to the provider's archive (the desk's list marks it).
    #[arg(long, env = "PORTAL_UNCOLLECTED_RETENTION_DAYS", default_value_t = 30)]
    pub(crate) uncollected_retention_days: u32,
    /// Database connections for reading.
    #[arg(long, env = "PORTAL_DB_READERS", default_value_t = 8)]
    pub(crate) db_readers: u32,
    /// The built web app (Trunk's dist folder); omit to serve the API only.
    #[arg(long, env = "PORTAL_DIST")]
    pub(crate) dist: Option<PathBuf>,
    /// The catalog data folder.
    #[arg(long, env = "PORTAL_CATALOG", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/catalog"))]
    pub(crate) catalog: PathBuf,
    /// The public address of the portal; an https address marks cookies Secure.
    #[arg(
        long,
        env = "PORTAL_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub(crate) public_url: String,
    /// `Strict-Transport-Security` lifetime in seconds; 0 sends none. Default:
    /// two years when the public address is https, none for http.
    #[arg(long, env = "PORTAL_HSTS_MAX_AGE_SECS")]
    pub(crate) hsts_max_age_secs: Option<u64>,
    /// On SIGTERM, how long the process stays up answering as not ready
    /// (`/api/health/ready` 503) before it stops accepting connections, so
    /// that a load balancer's health check takes it out first.
    #[arg(long, env = "PORTAL_DRAIN_DELAY_MS", default_value_t = 0)]
    pub(crate) drain_delay_ms: u64,
    /// Create the demo accounts (see README). Never in production.
    #[arg(long, env = "PORTAL_DEMO", default_value_t = false)]
    pub(crate) demo: bool,
    /// Trusted root certificates for ЭЦП (PEM or DER files; comma-separated
    /// in the environment). None: the demo certification center's root.
    #[arg(long = "trust-root", env = "PORTAL_TRUST_ROOTS", value_delimiter = ',')]
    pub(crate) trust_roots: Vec<PathBuf>,
    /// Intermediate CA certificates for ЭЦП paths.
    #[arg(long = "trust-ca", env = "PORTAL_TRUST_CAS", value_delimiter = ',')]
    pub(crate) trust_cas: Vec<PathBuf>,
    /// CRL files used besides those fetched from distribution points.
    #[arg(long = "crl-file", env = "PORTAL_CRL_FILES", value_delimiter = ',')]
    pub(crate) crl_files: Vec<PathBuf>,
    /// Trust the demo certification center as well as the configured roots.
    #[arg(long, env = "PORTAL_TRUST_DEMO", default_value_t = false)]
    pub(crate) trust_demo: bool,
    /// Trust the national certification center's TEST PKI as well (its
    /// GOST-2015 and RSA test roots, intermediates and CRLs from
    /// `--national-test-pki`), and accept the placeholder ИИН/БИН of its
    /// test certificates. Never in production.
    #[arg(long, env = "PORTAL_TRUST_NATIONAL_TEST", default_value_t = false)]
    pub(crate) trust_national_test: bool,
    /// Revocation checks per trust anchor, `ANCHOR=POLICY` (comma-separated):
    /// ANCHOR `default`, `demo`, `national-test` or a `--trust-root` file;
    /// POLICY `ocsp-first` (the responder the certificate names, the CRL when
    /// it gives no current answer), `crl` or `both`. Unnamed: `ocsp-first`,
    /// the national test PKI `crl`.
    #[arg(
        long = "revocation-policy",
        env = "PORTAL_REVOCATION_POLICY",
        value_delimiter = ','
    )]
    pub(crate) revocation_policy: Vec<String>,
    /// The timestamping authority (RFC 3161, `http://`) that stamps every
    /// accepted request and decision signature. None: the demo
    /// certification center's `/pki/tsp` when the data folder has it.
    #[arg(long, env = "PORTAL_TSA_URL")]
    pub(crate) tsa_url: Option<String>,
    /// The password of the providers' information-system keystores
    /// (`<data-dir>/seals/<provider>.p12`), which seal the results of a
    /// fully automated service. None: the demo keystores' password.
    #[arg(long, env = "PORTAL_PROVIDER_SEALS_PASSWORD", hide_env_values = true)]
    pub(crate) provider_seals_password: Option<String>,
    /// The national test PKI's files (the repository's copy by default).
    #[arg(long, env = "PORTAL_NATIONAL_TEST_PKI", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/nca-test-pki"))]
    pub(crate) national_test_pki: PathBuf,
    /// The payment gateway's merchant secret (HMAC). None: a random one kept
    /// in `<data dir>/payment-gateway.key`.
    #[arg(long, env = "PORTAL_PAYMENT_SECRET", hide_env_values = true)]
    pub(crate) payment_secret: Option<String>,
    /// The payment gateway's address. None: the sandbox gateway inside the
    /// portal (`<public url>/gateway`).
    #[arg(long, env = "PORTAL_GATEWAY_URL")]
    pub(crate) gateway_url: Option<String>,
    /// Kazakhstan's calendar of holidays and moved working days.
    #[arg(long, env = "PORTAL_CALENDAR", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/calendar/kz.json"))]
    pub(crate) calendar: PathBuf,
    /// The TrueType font of result documents (must have every Kazakh letter).
    #[arg(
        long,
        env = "PORTAL_FONT",
        default_value = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    )]
    pub(crate) font: PathBuf,
    /// Where attached files are kept. None: `<data dir>/files`. Unused when
    /// an S3 endpoint is given.
    #[arg(long, env = "PORTAL_FILES_DIR")]
    pub(crate) files_dir: Option<PathBuf>,
    /// Keep attached files in an S3-compatible object store at this address
    /// (http://host:port or https://host) instead of a folder.
    #[arg(long, env = "PORTAL_S3_ENDPOINT")]
    pub(crate) s3_endpoint: Option<String>,
    /// The bucket for attached files (it must exist).
    #[arg(long, env = "PORTAL_S3_BUCKET", default_value = "portal-files")]
    pub(crate) s3_bucket: String,
    /// The region requests are signed for.
    #[arg(long, env = "PORTAL_S3_REGION", default_value = "us-east-1")]
    pub(crate) s3_region: String,
    /// Address the bucket by host name (bucket.endpoint/key) instead of by
    /// path (endpoint/bucket/key, the default, which MinIO and Ceph expect).
    #[arg(long, env = "PORTAL_S3_VIRTUAL_HOSTED", default_value_t = false)]
    pub(crate) s3_virtual_hosted: bool,
    /// A private CA's certificates (PEM) to trust for an https endpoint,
    /// besides the system's roots.
    #[arg(long, env = "PORTAL_S3_CA_FILE")]
    pub(crate) s3_ca_file: Option<PathBuf>,
    /// How often a failed S3 request (5xx, timeout, dropped connection) is
    /// tried again.
    #[arg(long, env = "PORTAL_S3_MAX_RETRIES", default_value_t = 5)]
    pub(crate) s3_max_retries: usize,
    /// The first pause before trying an S3 request again, in ms; doubling
    /// (with jitter) up to 15 s.
    #[arg(long, env = "PORTAL_S3_BACKOFF_MS", default_value_t = 100)]
    pub(crate) s3_backoff_ms: u64,
    /// No S3 request is tried again this long (ms) after its first attempt.
    #[arg(long, env = "PORTAL_S3_RETRY_TIMEOUT_MS", default_value_t = 60_000)]
    pub(crate) s3_retry_timeout_ms: u64,
    /// The S3 access key id (the secret key: PORTAL_S3_SECRET_KEY, from the
    /// environment only).
    #[arg(long, env = "PORTAL_S3_ACCESS_KEY", hide_env_values = true)]
    pub(crate) s3_access_key: Option<String>,
    /// The S3 secret key: from the environment only.
    #[arg(skip = std::env::var("PORTAL_S3_SECRET_KEY").ok().map(Secret::new))]
    pub(crate) s3_secret_key: Option<Secret>,
    /// Send applicants e-mail through this SMTP server (AUTH PLAIN or LOGIN with
    /// PORTAL_SMTP_USER and PORTAL_SMTP_PASSWORD, from the environment only,
    /// when both are set).
    #[arg(long, env = "PORTAL_SMTP_HOST")]
    pub(crate) smtp_host: Option<String>,
    /// The SMTP port. None: 25, 587 or 465 by --smtp-tls.
    #[arg(long, env = "PORTAL_SMTP_PORT")]
    pub(crate) smtp_port: Option<u16>,
    /// The sender address of the portal's e-mail.
    #[arg(long, env = "PORTAL_SMTP_FROM")]
    pub(crate) smtp_from: Option<String>,
    /// starttls (required upgrade), tls (from the first byte) or none
    /// (plain: a relay on this host or network only).
    #[arg(long, env = "PORTAL_SMTP_TLS", default_value = "starttls")]
    pub(crate) smtp_tls: String,
    /// The longest wait for one reply of the mail server, in seconds; a
    /// process holds a letter it claimed for three times this, so a letter
    /// a killed process held goes out from another after that.
    #[arg(long, env = "PORTAL_SMTP_TIMEOUT_SECS", default_value_t = 60)]
    pub(crate) smtp_timeout_secs: u64,
    /// A private CA's certificates (PEM) to trust for the mail server's TLS
    /// certificate, besides the Mozilla roots.
    #[arg(long, env = "PORTAL_SMTP_CA_FILE")]
    pub(crate) smtp_ca_file: Option<PathBuf>,
    /// The SMTP user for AUTH PLAIN or LOGIN: from the environment only.
    #[arg(skip = std::env::var("PORTAL_SMTP_USER").ok())]
    pub(crate) smtp_user: Option<String>,
    /// The SMTP password: from the environment only.
    #[arg(skip = std::env::var("PORTAL_SMTP_PASSWORD").ok().map(Secret::new))]
    pub(crate) smtp_password: Option<Secret>,
    /// The embedded demo state registry (persons.json, organizations.json),
    /// used for each registry that has no address.
    #[arg(long, env = "PORTAL_REGISTRY_DIR", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/registry"))]
    pub(crate) registry_dir: PathBuf,
    /// ГБД ФЛ (individuals) over HTTP: `GET <address>/<ИИН>`. None: the
    /// embedded demo registry.
    #[arg(long, env = "PORTAL_GBD_FL_URL")]
    pub(crate) gbd_fl_url: Option<String>,
    /// ГБД ЮЛ (legal entities) over HTTP: `GET <address>/<БИН>`. None: the
    /// embedded demo registry.
    #[arg(long, env = "PORTAL_GBD_UL_URL")]
    pub(crate) gbd_ul_url: Option<String>,
    /// API requests served at once (back-pressure: beyond this and the
    /// waiting room, the answer is 503 with Retry-After).
    #[arg(long, env = "PORTAL_MAX_IN_FLIGHT", default_value_t = 64)]
    pub(crate) max_in_flight: usize,
    /// API requests that may wait for a turn.
    #[arg(long, env = "PORTAL_MAX_WAITING", default_value_t = 512)]
    pub(crate) max_waiting: usize,
    /// How long a request waits for a turn before the 503, in milliseconds.
    #[arg(long, env = "PORTAL_MAX_WAIT_MS", default_value_t = 2000)]
    pub(crate) max_wait_ms: u64,
    /// Failed logins allowed per account in 15 minutes, then 429.
    #[arg(long, env = "PORTAL_LOGIN_FAILURES_PER_ACCOUNT", default_value_t = 5)]
    pub(crate) login_failures_per_account: u32,
    /// Failed logins allowed per client address in 15 minutes, then 429.
    #[arg(long, env = "PORTAL_LOGIN_FAILURES_PER_ADDRESS", default_value_t = 30)]
    pub(crate) login_failures_per_address: u32,
    /// How long, in milliseconds, an open session is taken as open without
    /// asking the database again; another portal process on the same
    /// database refuses a revoked session within this time. 0: every call.
    #[arg(long, env = "PORTAL_SESSION_RECHECK_MS", default_value_t = 1000)]
    pub(crate) session_recheck_ms: u64,
    /// How long a registry lookup may take, in milliseconds.
    #[arg(long, env = "PORTAL_REGISTRY_TIMEOUT_MS", default_value_t = 5000)]
    pub(crate) registry_timeout_ms: u64,
    /// Log as JSON lines instead of text.
    #[arg(long, env = "PORTAL_LOG_JSON", default_value_t = false)]
    pub(crate) log_json: bool,
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
#[expect(
    clippy::large_enum_variant,
    reason = "parsed once per run of the command"
)]
pub(crate) enum Command {
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
pub(crate) enum PkiCommand {
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
