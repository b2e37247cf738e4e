//! The S3 store from [`S3Config`]: `object_store`'s `AmazonS3` (Signature
//! Version 4, multipart uploads, retries with backoff), over reqwest with
//! rustls. Its TLS provider is ring, installed once as the process's
//! default (the one crypto stack the portal already builds for sqlx).

use std::sync::Arc;
use std::time::Duration;

use object_store::aws::AmazonS3Builder;
use object_store::{BackoffConfig, Certificate, ClientOptions, ObjectStore, RetryConfig};

use crate::config::S3Config;

/// The longest pause between two attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(15);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// One request (a 5 MiB part on a slow link included).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// The bucket of `config` as an object store.
pub fn store(config: &S3Config) -> Result<Arc<dyn ObjectStore>, String> {
    // Another part of the process (or a test) may have installed it first.
    let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
    let endpoint = config.endpoint.trim_end_matches('/');
    let uri: axum::http::Uri = endpoint
        .parse()
        .map_err(|e| format!("S3 endpoint {endpoint}: {e}"))?;
    let plain = match uri.scheme_str() {
        Some("http") => true,
        Some("https") => false,
        _ => return Err(format!("S3 endpoint {endpoint}: http:// or https://")),
    };
    match uri.authority() {
        Some(a) if a.as_str().contains('@') => {
            return Err("S3 endpoint: no credentials in the address".to_owned());
        }
        Some(_) if matches!(uri.path(), "" | "/") && uri.query().is_none() => {}
        _ => return Err(format!("S3 endpoint {endpoint}: a host and no path")),
    }
    let mut options = ClientOptions::new()
        .with_connect_timeout(CONNECT_TIMEOUT)
        .with_timeout(REQUEST_TIMEOUT)
        .with_allow_http(plain);
    if let Some(pem) = &config.ca_pem {
        let certificates = Certificate::from_pem_bundle(pem).map_err(|e| format!("S3 CA: {e}"))?;
        if certificates.is_empty() {
            return Err("S3 CA: no certificate in the file".to_owned());
        }
        for certificate in certificates {
            options = options.with_root_certificate(certificate);
        }
    }
    let retry = RetryConfig {
        backoff: BackoffConfig {
            init_backoff: config.backoff,
            max_backoff: MAX_BACKOFF,
            base: 2.0,
        },
        max_retries: config.max_retries,
        retry_timeout: config.retry_timeout,
    };
    let store = AmazonS3Builder::new()
        .with_endpoint(endpoint)
        .with_bucket_name(&config.bucket)
        .with_region(&config.region)
        .with_access_key_id(&config.access_key)
        .with_secret_access_key(config.secret_key.expose())
        .with_virtual_hosted_style_request(!config.path_style)
        .with_allow_http(plain)
        .with_client_options(options)
        .with_retry(retry)
        .build()
        .map_err(|e| format!("S3 store: {e}"))?;
    Ok(Arc::new(store))
}
