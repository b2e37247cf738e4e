//! What the server is built from beyond its flags: the merchant secret,
//! the storage, mail and registry settings, the logs, the database address,
//! and the audit log's check.

use backend::config::{RegistrySource, S3Config, SmtpConfig, SmtpTls, StorageConfig};

use crate::args::Args;

/// The merchant secret kept in `path`, made (32 random bytes, hex) on first
/// start.
pub(crate) fn payment_secret(path: &std::path::Path) -> Result<Vec<u8>, String> {
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
pub(crate) fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
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
pub(crate) fn storage_config(args: &Args) -> Result<StorageConfig, String> {
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
    let ca_pem = match &args.s3_ca_file {
        Some(path) => {
            Some(std::fs::read(path).map_err(|e| format!("--s3-ca-file {}: {e}", path.display()))?)
        }
        None => None,
    };
    Ok(StorageConfig::S3(S3Config {
        region: args.s3_region.clone(),
        path_style: !args.s3_virtual_hosted,
        ca_pem,
        max_retries: args.s3_max_retries,
        backoff: std::time::Duration::from_millis(args.s3_backoff_ms),
        retry_timeout: std::time::Duration::from_millis(args.s3_retry_timeout_ms),
        ..S3Config::new(endpoint, &args.s3_bucket, access_key, secret_key.clone())
    }))
}

/// E-mail when an SMTP host is given.
pub(crate) fn smtp_config(args: &Args) -> Result<Option<SmtpConfig>, String> {
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
    let ca_pem = match &args.smtp_ca_file {
        Some(path) => Some(
            std::fs::read(path).map_err(|e| format!("--smtp-ca-file {}: {e}", path.display()))?,
        ),
        None => None,
    };
    Ok(Some(SmtpConfig {
        host: host.clone(),
        port: args.smtp_port.unwrap_or(tls.default_port()),
        from: from.clone(),
        tls,
        user: args.smtp_user.clone(),
        password: args.smtp_password.clone(),
        ca_pem,
        retries: backend::adapters::mail::DEFAULT_RETRIES.to_vec(),
        timeout: std::time::Duration::from_secs(args.smtp_timeout_secs.max(1)),
    }))
}

pub(crate) fn init_logs(json: bool) {
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

pub(crate) fn database_url(args: &Args) -> String {
    args.database_url.clone().unwrap_or_else(|| {
        format!(
            "sqlite://{}?mode=rwc",
            args.data_dir.join("portal.sqlite3").display()
        )
    })
}

pub(crate) async fn audit_check(args: &Args) -> Result<u64, String> {
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
pub(crate) fn registry_source(url: Option<String>, dir: &std::path::Path) -> RegistrySource {
    match url {
        Some(url) => RegistrySource::Gateway(url),
        None => RegistrySource::Embedded(dir.to_path_buf()),
    }
}
