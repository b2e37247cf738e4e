//! Fetching a CRL from its distribution point: a file of the portal's own
//! `/pki/` folder (the demo certification center publishes there), else a
//! plain `http://` GET with a deadline and a size limit. CRLs are signed, so
//! the transport needs no TLS; what the bytes say is for `pki::revocation::crl`.

use std::path::PathBuf;
use std::time::Duration;

/// How long a CRL download may take before the cached copy (or none) is used.
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// CRLs larger than this are refused (the national ones are a few MB at most).
const MAX_CRL_BYTES: usize = 32 * 1024 * 1024;

/// Fetches CRLs' bytes.
#[derive(Debug)]
pub struct CrlFetcher {
    /// The portal's own `/pki/` address and the folder it serves.
    local: Option<(String, PathBuf)>,
    client: hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        http_body_util::Empty<bytes::Bytes>,
    >,
}

impl CrlFetcher {
    pub fn new(local: Option<(String, PathBuf)>) -> CrlFetcher {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http();
        CrlFetcher { local, client }
    }

    /// The bytes published at `url`, or why not.
    pub async fn fetch(&self, url: &str) -> Result<Vec<u8>, String> {
        match &self.local {
            Some((prefix, dir)) if url.starts_with(prefix.as_str()) => {
                let name = &url[prefix.len()..];
                if name.contains('/') || name.contains("..") || name.is_empty() {
                    return Err("not a file of the portal's /pki/ folder".into());
                }
                tokio::fs::read(dir.join(name))
                    .await
                    .map_err(|e| e.to_string())
            }
            _ => self.download(url).await,
        }
    }

    async fn download(&self, url: &str) -> Result<Vec<u8>, String> {
        use http_body_util::BodyExt;
        let uri: axum::http::Uri = url.parse().map_err(|e| format!("{e}"))?;
        if uri.scheme_str() != Some("http") {
            // CRLs are signed; the national center publishes them over http.
            return Err("only http:// distribution points are fetched".into());
        }
        let response = tokio::time::timeout(FETCH_TIMEOUT, self.client.get(uri))
            .await
            .map_err(|_| "timed out".to_owned())?
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("HTTP {}", response.status()));
        }
        let body = http_body_util::Limited::new(response.into_body(), MAX_CRL_BYTES);
        let collected = tokio::time::timeout(FETCH_TIMEOUT, body.collect())
            .await
            .map_err(|_| "timed out".to_owned())?
            .map_err(|e| e.to_string())?;
        Ok(collected.to_bytes().to_vec())
    }
}
