//! Asking an OCSP responder (RFC 6960 appendix A) or a timestamping
//! authority (RFC 3161 §3.4): a POST of the DER request over plain
//! `http://` (the answers are signed), with a deadline and a size limit.
//! The portal's own demo services are answered in-process (`Local`), not
//! over the network. What the bytes say is for `pki::revocation::ocsp` and `pki::tsp`.

use std::sync::Arc;
use std::time::Duration;

/// How long a responder may take (then the CRL decides, or the signature
/// is kept without a timestamp).
const FETCH_TIMEOUT: Duration = Duration::from_secs(3);
/// Answers larger than this are refused (one is a few KB).
const MAX_RESPONSE_BYTES: usize = 64 * 1024;

/// A service the portal runs itself: its address and its answering.
pub type Local = (String, Arc<dyn Fn(&[u8]) -> Vec<u8> + Send + Sync>);

/// The two kinds of question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ocsp,
    Timestamp,
}

impl Kind {
    fn types(self) -> (&'static str, &'static str) {
        match self {
            Kind::Ocsp => ("application/ocsp-request", "application/ocsp-response"),
            Kind::Timestamp => ("application/timestamp-query", "application/timestamp-reply"),
        }
    }
}

/// Posts OCSP and timestamp requests.
#[derive(Clone)]
pub struct PkiPoster {
    local: Vec<Local>,
    client: hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        http_body_util::Full<bytes::Bytes>,
    >,
}

impl std::fmt::Debug for PkiPoster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let local: Vec<&String> = self.local.iter().map(|(url, _)| url).collect();
        f.debug_struct("PkiPoster")
            .field("local", &local)
            .finish_non_exhaustive()
    }
}

impl PkiPoster {
    pub fn new(local: Vec<Local>) -> PkiPoster {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http();
        PkiPoster { local, client }
    }

    /// The answer of the service at `url` to `request`, or why not.
    pub async fn ask(&self, kind: Kind, url: &str, request: Vec<u8>) -> Result<Vec<u8>, String> {
        let own = |(at, _): &&Local| at.trim_end_matches('/') == url.trim_end_matches('/');
        if let Some((_, answer)) = self.local.iter().find(own) {
            return Ok(answer(&request));
        }
        let (content_type, accept) = kind.types();
        use http_body_util::BodyExt;
        let uri: axum::http::Uri = url.parse().map_err(|e| format!("{e}"))?;
        if uri.scheme_str() != Some("http") {
            return Err("only http:// services are asked".into());
        }
        let req = axum::http::Request::post(uri)
            .header("content-type", content_type)
            .header("accept", accept)
            .body(http_body_util::Full::new(bytes::Bytes::from(request)))
            .map_err(|e| e.to_string())?;
        let response = tokio::time::timeout(FETCH_TIMEOUT, self.client.request(req))
            .await
            .map_err(|_| "timed out".to_owned())?
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("HTTP {}", response.status()));
        }
        let body = http_body_util::Limited::new(response.into_body(), MAX_RESPONSE_BYTES);
        let collected = tokio::time::timeout(FETCH_TIMEOUT, body.collect())
            .await
            .map_err(|_| "timed out".to_owned())?
            .map_err(|e| e.to_string())?;
        Ok(collected.to_bytes().to_vec())
    }
}
