//! TLS for the portal's outgoing connections (the S3 store, the mailer):
//! rustls with its ring provider and the Mozilla roots of `webpki-roots`.

use std::sync::Arc;

use tokio_rustls::rustls;

/// A client configuration that trusts the public web PKI.
pub fn client_config() -> Result<Arc<rustls::ClientConfig>, rustls::Error> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}
