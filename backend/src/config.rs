//! Configuration, read once at start from flags and environment variables
//! (see `main.rs`), then carried in [`crate::app::App`].

use crate::pki::revocation::ocsp::Policy;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything the running portal needs to know about its surroundings.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// `sqlite://…` or `postgres://…`.
    pub database_url: String,
    pub max_db_readers: u32,
    /// Where the server keeps its files (the SQLite database, the token key).
    pub data_dir: PathBuf,
    /// The built single-page app (Trunk's `dist/`); `None` serves the API only.
    pub dist_dir: Option<PathBuf>,
    /// The catalog data folder (`backend/data/catalog`).
    pub catalog_dir: PathBuf,
    /// The public address of the portal, e.g. `https://egov.example.kz`.
    pub public_url: String,
    /// `Strict-Transport-Security: max-age=…` on every response; `None`
    /// sends none (see [`hsts_for`]).
    pub hsts: Option<Duration>,
    pub auth: AuthConfig,
    pub eds: EdsConfig,
    pub payments: PaymentConfig,
    /// How many days a result not collected at a desk is kept there before
    /// it goes to the provider's archive (seed 000 §17.6).
    pub uncollected_retention_days: u32,
    /// Kazakhstan's calendar of holidays and moved days
    /// (`backend/data/calendar/kz.json`).
    pub calendar_file: PathBuf,
    pub storage: StorageConfig,
    /// The TrueType font of result documents (DejaVu Sans: every Kazakh
    /// letter).
    pub font_file: PathBuf,
    /// E-mail to applicants; `None` sends none.
    pub smtp: Option<SmtpConfig>,
    /// The state registries the desks look visitors up in.
    pub registries: RegistryConfig,
    /// Back-pressure on the API.
    pub limits: Limits,
    /// Seed the demo accounts (never in production).
    pub seed_demo: bool,
}

/// Two years, as browsers' preload lists ask.
pub const HSTS_MAX_AGE: Duration = Duration::from_secs(2 * 365 * 24 * 60 * 60);

/// The HSTS lifetime for a portal at `public_url`: `max_age_secs` when
/// given (zero turns it off), else [`HSTS_MAX_AGE`] for an https address and
/// none for plain http (a browser ignores it there, and a local portal must
/// not pin `localhost` to https).
pub fn hsts_for(public_url: &str, max_age_secs: Option<u64>) -> Option<Duration> {
    match max_age_secs {
        Some(0) => None,
        Some(secs) => Some(Duration::from_secs(secs)),
        None if public_url.starts_with("https://") => Some(HSTS_MAX_AGE),
        None => None,
    }
}

/// Back-pressure on the API (`crate::backpressure`): how many requests are
/// served at once, how many may wait for a turn, and for how long.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_in_flight: usize,
    pub max_waiting: usize,
    pub max_wait: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_in_flight: 64,
            max_waiting: 512,
            max_wait: Duration::from_secs(2),
        }
    }
}

/// Where the state registries (ГБД ФЛ, ГБД ЮЛ) are reached, and how long a
/// lookup may take.
#[derive(Debug, Clone)]
pub struct RegistryConfig {
    /// ГБД ФЛ: people by ИИН.
    pub persons: RegistrySource,
    /// ГБД ЮЛ: legal entities by БИН.
    pub organizations: RegistrySource,
    pub timeout: Duration,
}

impl RegistryConfig {
    /// Both registries from the embedded demo data in `dir`.
    pub fn embedded(dir: impl Into<PathBuf>) -> RegistryConfig {
        let dir = dir.into();
        RegistryConfig {
            persons: RegistrySource::Embedded(dir.clone()),
            organizations: RegistrySource::Embedded(dir),
            timeout: Duration::from_secs(5),
        }
    }
}

/// One registry's adapter.
#[derive(Debug, Clone)]
pub enum RegistrySource {
    /// The demo registry: `persons.json` and `organizations.json` in a folder.
    Embedded(PathBuf),
    /// A registry service over HTTP at this base address.
    Gateway(String),
}

/// The payment gateway and the licensing side's merchant account with it.
#[derive(Clone)]
pub struct PaymentConfig {
    /// The merchant secret both sides sign with (HMAC-SHA256).
    pub secret: Vec<u8>,
    /// The gateway's address (its `/pay` page is under it).
    pub gateway_url: String,
    /// Where the gateway posts payment notices.
    pub notice_url: String,
    /// How far a notice's timestamp may be from now.
    pub max_skew_secs: u64,
}

impl PaymentConfig {
    /// The sandbox gateway inside this portal at `public_url`.
    pub fn local(public_url: &str, secret: Vec<u8>) -> PaymentConfig {
        let base = public_url.trim_end_matches('/');
        PaymentConfig {
            secret,
            gateway_url: format!("{base}/gateway"),
            notice_url: format!("{base}/api/payments/notice"),
            max_skew_secs: 300,
        }
    }
}

impl std::fmt::Debug for PaymentConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentConfig")
            .field("secret", &"<hidden>")
            .field("gateway_url", &self.gateway_url)
            .field("notice_url", &self.notice_url)
            .field("max_skew_secs", &self.max_skew_secs)
            .finish()
    }
}

/// A secret from the configuration (a key, a password): shown as
/// `<hidden>` by `Debug`, so a logged `Config` never carries it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that uses it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<hidden>")
    }
}

/// Where attached files are kept.
#[derive(Debug, Clone)]
pub enum StorageConfig {
    /// A local folder (the default: `<data_dir>/files`).
    Local(PathBuf),
    /// A bucket of an S3-compatible object store (AWS S3, MinIO, Ceph…).
    S3(S3Config),
}

/// An S3-compatible bucket and how to reach it.
#[derive(Debug, Clone)]
pub struct S3Config {
    /// `http://host:port` or `https://host`, without the bucket.
    pub endpoint: String,
    pub bucket: String,
    /// The signing region (`us-east-1` for most S3-compatible servers).
    pub region: String,
    pub access_key: String,
    pub secret_key: Secret,
    /// `endpoint/bucket/key` when true; `bucket.endpoint/key` when false.
    pub path_style: bool,
    /// A private CA's certificates (PEM) trusted for an `https` endpoint
    /// besides the system's roots.
    pub ca_pem: Option<Vec<u8>>,
    /// How often a failed request (a 5xx, a timeout, a dropped connection)
    /// is tried again, and the pauses between: from `backoff`, doubling
    /// (with jitter) up to 15 s, never past `retry_timeout` in all.
    pub max_retries: usize,
    pub backoff: Duration,
    pub retry_timeout: Duration,
}

impl S3Config {
    /// The bucket at `endpoint` with path-style addresses, the region
    /// `us-east-1`, no private CA, and the default retries.
    pub fn new(endpoint: &str, bucket: &str, access_key: &str, secret_key: Secret) -> S3Config {
        S3Config {
            endpoint: endpoint.to_owned(),
            bucket: bucket.to_owned(),
            region: "us-east-1".to_owned(),
            access_key: access_key.to_owned(),
            secret_key,
            path_style: true,
            ca_pem: None,
            max_retries: 5,
            backoff: Duration::from_millis(100),
            retry_timeout: Duration::from_secs(60),
        }
    }
}

/// Outgoing e-mail: the applicant hears of each status change of a request.
#[derive(Debug, Clone)]
pub struct SmtpConfig {
    /// The SMTP server (a relay or a submission server).
    pub host: String,
    pub port: u16,
    /// The sender address (`From` and the envelope's `MAIL FROM`).
    pub from: String,
    pub tls: SmtpTls,
    /// `AUTH PLAIN` (or `LOGIN`, when that is all the server offers) with
    /// these, when set.
    pub user: Option<String>,
    pub password: Option<Secret>,
    /// A private CA's certificates (PEM) trusted for the server's TLS
    /// certificate besides the Mozilla roots.
    pub ca_pem: Option<Vec<u8>>,
    /// The pauses before each new attempt after a transient failure
    /// (`adapters::mail::DEFAULT_RETRIES` unless a test wants it quick).
    pub retries: Vec<Duration>,
    /// The longest wait for one reply of the server (or the connection);
    /// a process holds a letter it claimed for three times this
    /// (`adapters::mail::DEFAULT_TIMEOUT`: 60 s).
    pub timeout: Duration,
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP: for a relay on the same host or network only.
    None,
    /// Plain connection upgraded by `STARTTLS` (required; usually port 587).
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

impl SmtpTls {
    pub fn parse(s: &str) -> Option<SmtpTls> {
        match s {
            "none" => Some(SmtpTls::None),
            "starttls" => Some(SmtpTls::StartTls),
            "tls" => Some(SmtpTls::Tls),
            _ => None,
        }
    }

    /// The usual port for the mode.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpTls::None => 25,
            SmtpTls::StartTls => 587,
            SmtpTls::Tls => 465,
        }
    }
}

#[derive(Debug, Clone)]
pub struct AuthConfig {
    /// The `iss` of access tokens.
    pub issuer: String,
    /// The `aud` of access tokens.
    pub audience: String,
    pub access_ttl: Duration,
    pub refresh_ttl: Duration,
    /// Mark the refresh cookie `Secure` (every deployment served over HTTPS).
    pub secure_cookies: bool,
    /// Failed logins allowed per account within the window.
    pub account_failures: u32,
    /// Failed logins allowed per client address within the window.
    pub address_failures: u32,
    pub failure_window: Duration,
    /// How long an open session is taken as open without asking the
    /// database again (`SessionMemory`); zero asks on every call.
    pub session_recheck: Duration,
    /// Argon2id memory cost in KiB and passes.
    pub argon2_memory_kib: u32,
    pub argon2_passes: u32,
}

impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig {
            issuer: "egov-portal".into(),
            audience: "egov-portal-app".into(),
            access_ttl: Duration::from_secs(10 * 60),
            refresh_ttl: Duration::from_secs(12 * 60 * 60),
            secure_cookies: false,
            account_failures: 5,
            address_failures: 30,
            failure_window: Duration::from_secs(15 * 60),
            session_recheck: Duration::from_secs(1),
            argon2_memory_kib: 19 * 1024,
            argon2_passes: 2,
        }
    }
}

/// The password of every keystore the demo certification center writes
/// (listed in README.md).
pub const DEMO_KEYSTORE_PASSWORD: &str = "demo-eds-2026";

/// Whom the portal trusts for ЭЦП certificates.
#[derive(Debug, Clone, Default)]
pub struct EdsConfig {
    /// Root certificates (PEM or DER files). None: the demo center's root.
    pub roots: Vec<PathBuf>,
    /// Intermediate CA certificates to build paths with.
    pub intermediates: Vec<PathBuf>,
    /// CRL files used besides the ones fetched from distribution points.
    pub crl_files: Vec<PathBuf>,
    /// Trust the demo certification center in the data folder as well.
    pub trust_demo: bool,
    /// The national certification center's TEST PKI folder (its files in
    /// the repository, `backend/tests/fixtures/nca-test-pki`), trusted
    /// beside the rest: `--trust-national-test`. None: not trusted.
    pub national_test: Option<PathBuf>,
    /// How each trust anchor's certificates are checked for revocation.
    pub revocation: RevocationPolicies,
    /// The timestamping authority (RFC 3161) accepted request and decision
    /// signatures are stamped at. None: the demo center's `/pki/tsp` when
    /// the data folder has the center, else none.
    pub tsa_url: Option<String>,
    /// The password of the providers' information-system keystores,
    /// `<data_dir>/seals/<provider>.p12` (`--provider-seals-password`).
    /// None: the demo keystores' password.
    pub seals_password: Option<String>,
}

impl EdsConfig {
    /// The password the providers' seal keystores open with.
    pub fn seals_password(&self) -> &str {
        self.seals_password
            .as_deref()
            .unwrap_or(DEMO_KEYSTORE_PASSWORD)
    }
}

/// The revocation policy of each trust anchor (`--revocation-policy`):
/// OCSP first with the CRL as fallback, the CRL only, or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevocationPolicies {
    /// Roots not named otherwise (OCSP first).
    pub default: Policy,
    /// The demo certification center's root (OCSP first: its responder
    /// is the portal itself).
    pub demo: Policy,
    /// The national TEST PKI's roots (the CRL only: its CRLs are in the
    /// repository and its responder is on the internet).
    pub national_test: Policy,
    /// Configured root files by path.
    pub roots: Vec<(PathBuf, Policy)>,
}

impl Default for RevocationPolicies {
    fn default() -> Self {
        RevocationPolicies {
            default: Policy::OcspFirst,
            demo: Policy::OcspFirst,
            national_test: Policy::CrlOnly,
            roots: Vec::new(),
        }
    }
}

impl RevocationPolicies {
    /// Reads `ANCHOR=POLICY` entries over the defaults: ANCHOR is
    /// `default`, `demo`, `national-test` or a `--trust-root` file, POLICY
    /// `ocsp-first`, `crl` or `both`.
    pub fn parse(entries: &[String]) -> Result<RevocationPolicies, String> {
        let mut out = RevocationPolicies::default();
        for entry in entries.iter().filter(|e| !e.trim().is_empty()) {
            let (anchor, policy) = entry
                .split_once('=')
                .ok_or_else(|| format!("{entry}: ANCHOR=POLICY"))?;
            let policy: Policy = policy.trim().parse()?;
            match anchor.trim() {
                "default" => out.default = policy,
                "demo" => out.demo = policy,
                "national-test" => out.national_test = policy,
                file => out.roots.push((PathBuf::from(file), policy)),
            }
        }
        Ok(out)
    }

    /// The policy of the root read from `file`.
    pub fn for_file(&self, file: &std::path::Path) -> Policy {
        self.roots
            .iter()
            .find(|(f, _)| f == file)
            .map_or(self.default, |(_, p)| *p)
    }
}
