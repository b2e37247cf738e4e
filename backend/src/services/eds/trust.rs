//! Whom the portal trusts to certify ЭЦП keys, and the revocation lists it
//! checks them against: the configured root certificates (the demo
//! certification center by default, the national center's roots when
//! configured), and a cache of CRLs fetched from each certificate's
//! distribution point and refreshed when their `nextUpdate` passes. The
//! verdict itself is [`crate::pki::verify`]; this module feeds it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::sync::Semaphore;

use x509_cert::Certificate;

use crate::config::EdsConfig;
use crate::error::{AppError, AppResult};
use crate::pki::cert;
use crate::pki::chain::TrustStore;
use crate::pki::crl::Crl;
use crate::pki::verify::{self, Expected, Report, VerifyError};

/// How long a CRL download may take before the cached copy (or none) is used.
const FETCH_TIMEOUT: Duration = Duration::from_secs(5);
/// A CRL without `nextUpdate` is fetched again after this long.
const DEFAULT_TTL_SECS: u64 = 3600;
/// A CRL is fetched again after this long even before its `nextUpdate`, so
/// that a revocation reaches the portal within minutes.
const MAX_AGE_SECS: u64 = 300;
/// The longest one ЭЦП check may take. The DER parsers are fuzzed, but a
/// check of hostile input must not hold a request, or a runtime worker,
/// longer than this: checks run on the blocking pool, and when the time is
/// up the request is answered 503 (the check, which cannot be stopped, runs
/// on to its end and is then dropped).
const CHECK_DEADLINE: Duration = Duration::from_secs(2);
/// ЭЦП checks running at once, counting those past their deadline, so a
/// parser stuck on hostile input ties up this many threads at most.
const MAX_CHECKS: usize = 64;
/// A failed download is retried no sooner than this.
const RETRY_SECS: u64 = 60;
/// CRLs larger than this are refused (the national ones are a few MB at most).
const MAX_CRL_BYTES: usize = 32 * 1024 * 1024;

#[derive(Debug, Clone)]
struct Cached {
    crl: Option<Crl>,
    /// Unix seconds after which to fetch again.
    refresh_at: u64,
}

/// The trusted roots, the known intermediates and the CRL cache.
#[derive(Debug)]
pub struct Trust {
    store: Arc<TrustStore>,
    /// Permits for [`MAX_CHECKS`] checks; each is held until its check ends.
    checks: Arc<Semaphore>,
    deadline: Duration,
    /// The distribution points of the known intermediates, read once.
    intermediate_crl_urls: Vec<String>,
    /// CRLs from configured files, always offered to the verifier.
    fixed_crls: Vec<Crl>,
    cache: RwLock<HashMap<String, Cached>>,
    /// The portal's own `/pki/` address and the folder it serves.
    local: Option<(String, PathBuf)>,
    client: hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        http_body_util::Empty<bytes::Bytes>,
    >,
}

fn read_certificates(path: &Path) -> AppResult<Vec<Certificate>> {
    let bytes =
        std::fs::read(path).map_err(|e| AppError::internal(format!("{}: {e}", path.display())))?;
    let text = String::from_utf8_lossy(&bytes);
    if text.contains("-----BEGIN CERTIFICATE-----") {
        // One or more PEM blocks.
        let mut out = Vec::new();
        for block in text.split("-----END CERTIFICATE-----") {
            if let Some(start) = block.find("-----BEGIN CERTIFICATE-----") {
                let pem = format!("{}-----END CERTIFICATE-----\n", &block[start..]);
                out.push(
                    cert::read(pem.as_bytes())
                        .map_err(|e| AppError::internal(format!("{}: {e}", path.display())))?,
                );
            }
        }
        Ok(out)
    } else {
        Ok(vec![cert::read(&bytes).map_err(|e| {
            AppError::internal(format!("{}: {e}", path.display()))
        })?])
    }
}

/// Adds the CRL distribution points of `certs` to `urls`, once each.
fn crl_urls(certs: &[Certificate], urls: &mut Vec<String>) {
    for c in certs {
        if let Ok(info) = cert::info(c) {
            for url in info.crl_urls {
                if !urls.contains(&url) {
                    urls.push(url);
                }
            }
        }
    }
}

impl Trust {
    /// Reads the configured roots, intermediates and CRL files. The demo
    /// certification center's root in the data folder is trusted when no
    /// root is configured, or when `trust_demo` says so.
    pub fn load(config: &EdsConfig, data_dir: &Path, public_url: &str) -> AppResult<Trust> {
        let mut roots = Vec::new();
        let demo_root = data_dir.join("pki/public/demo-root.pem");
        if (config.trust_demo || config.roots.is_empty()) && demo_root.is_file() {
            roots.extend(read_certificates(&demo_root)?);
        }
        for path in &config.roots {
            roots.extend(read_certificates(path)?);
        }
        let mut intermediates = Vec::new();
        let demo_nca = data_dir.join("pki/public/demo-nca.pem");
        if (config.trust_demo || config.roots.is_empty()) && demo_nca.is_file() {
            intermediates.extend(read_certificates(&demo_nca)?);
        }
        for path in &config.intermediates {
            intermediates.extend(read_certificates(path)?);
        }
        let mut fixed_crls = Vec::new();
        for path in &config.crl_files {
            let bytes = std::fs::read(path)
                .map_err(|e| AppError::internal(format!("{}: {e}", path.display())))?;
            fixed_crls.push(
                Crl::parse(&bytes)
                    .map_err(|e| AppError::internal(format!("{}: {e}", path.display())))?,
            );
        }
        tracing::info!(
            roots = roots.len(),
            intermediates = intermediates.len(),
            crls = fixed_crls.len(),
            "ЭЦП trust loaded"
        );
        let local = Some((
            format!("{}/pki/", public_url.trim_end_matches('/')),
            data_dir.join("pki/public"),
        ));
        Ok(Trust::new(
            TrustStore::new(roots, intermediates),
            fixed_crls,
            local,
        ))
    }

    pub fn new(store: TrustStore, fixed_crls: Vec<Crl>, local: Option<(String, PathBuf)>) -> Trust {
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http();
        let mut intermediate_crl_urls = Vec::new();
        crl_urls(store.intermediates(), &mut intermediate_crl_urls);
        Trust {
            intermediate_crl_urls,
            store: Arc::new(store),
            checks: Arc::new(Semaphore::new(MAX_CHECKS)),
            deadline: CHECK_DEADLINE,
            fixed_crls,
            cache: RwLock::new(HashMap::new()),
            local,
            client,
        }
    }

    /// The verdict on `der` (see [`verify::verify`]), with the CRLs of every
    /// certificate it carries and of the known intermediates: the report,
    /// or the refusal with its reason (422). Both parsing steps run on the
    /// blocking pool within the deadline (see [`CHECK_DEADLINE`]).
    pub async fn verify(&self, der: &[u8], expected: Expected<'_>, now: u64) -> AppResult<Report> {
        let der: Arc<[u8]> = Arc::from(der);
        let carried = {
            let der = der.clone();
            self.bounded(move || crate::pki::cms::certificates(&der))
                .await?
        };
        let mut urls = self.intermediate_crl_urls.clone();
        crl_urls(&carried, &mut urls);
        let mut crls = self.fixed_crls.clone();
        for url in urls {
            if let Some(crl) = self.crl(&url, now).await {
                crls.push(crl);
            }
        }
        let store = self.store.clone();
        let content = expected.content.to_vec();
        let (iin, bin) = (
            expected.iin.map(str::to_owned),
            expected.bin.map(str::to_owned),
        );
        let purpose = expected.purpose;
        self.bounded(move || {
            let expected = Expected {
                content: &content,
                iin: iin.as_deref(),
                bin: bin.as_deref(),
                purpose,
            };
            verify::verify(&der, expected, &store, &crls, now)
        })
        .await?
        .map_err(|e: VerifyError| AppError::signature(e.code()).with_cause(e))
    }

    /// Runs `check` (parsing or verifying DER from outside) on the blocking
    /// pool, holding one of the [`MAX_CHECKS`]
    /// permits until it ends; 503 if no permit frees up or the check does
    /// not end within the deadline.
    pub async fn bounded<T: Send + 'static>(
        &self,
        check: impl FnOnce() -> T + Send + 'static,
    ) -> AppResult<T> {
        let checks = self.checks.clone();
        let run = async move {
            let permit = checks
                .acquire_owned()
                .await
                .map_err(|e| AppError::internal(format_args!("the ЭЦП check permits: {e}")))?;
            tokio::task::spawn_blocking(move || {
                let out = check();
                drop(permit);
                out
            })
            .await
            .map_err(|e| AppError::internal(format_args!("an ЭЦП check failed: {e}")))
        };
        match tokio::time::timeout(self.deadline, run).await {
            Ok(out) => out,
            Err(_) => {
                tracing::warn!(
                    deadline_ms = self.deadline.as_millis(),
                    running = MAX_CHECKS - self.checks.available_permits(),
                    "an ЭЦП check did not end in time; answered 503"
                );
                Err(AppError::unavailable().with_cause("an ЭЦП check passed its deadline"))
            }
        }
    }

    /// The CRL published at `url`: from the cache while it is current, else
    /// fetched again (a failed fetch keeps the previous copy, which the
    /// verifier then finds stale).
    pub async fn crl(&self, url: &str, now: u64) -> Option<Crl> {
        let cached = self.cache.read().ok().and_then(|c| c.get(url).cloned());
        if let Some(c) = &cached
            && now < c.refresh_at
        {
            return c.crl.clone();
        }
        let fetched = self.fetch(url).await;
        let entry = match fetched {
            Ok(crl) => {
                let refresh_at = crl
                    .next_update()
                    .unwrap_or(now + DEFAULT_TTL_SECS)
                    .min(now + MAX_AGE_SECS)
                    .max(now + RETRY_SECS);
                Cached {
                    crl: Some(crl),
                    refresh_at,
                }
            }
            Err(e) => {
                tracing::warn!(url, error = %e, "CRL not fetched; keeping the cached copy");
                Cached {
                    crl: cached.and_then(|c| c.crl),
                    refresh_at: now + RETRY_SECS,
                }
            }
        };
        let crl = entry.crl.clone();
        if let Ok(mut cache) = self.cache.write() {
            cache.insert(url.to_owned(), entry);
        }
        crl
    }

    /// Forgets the cached CRLs (after the demo center publishes a new one).
    pub fn forget_crls(&self) {
        if let Ok(mut cache) = self.cache.write() {
            cache.clear();
        }
    }

    async fn fetch(&self, url: &str) -> Result<Crl, String> {
        let bytes = match &self.local {
            Some((prefix, dir)) if url.starts_with(prefix.as_str()) => {
                let name = &url[prefix.len()..];
                if name.contains('/') || name.contains("..") || name.is_empty() {
                    return Err("not a file of the portal's /pki/ folder".into());
                }
                tokio::fs::read(dir.join(name))
                    .await
                    .map_err(|e| e.to_string())?
            }
            _ => self.download(url).await?,
        };
        self.bounded(move || Crl::parse(&bytes))
            .await
            .map_err(|_| "reading the CRL did not end in time".to_owned())?
            .map_err(|e| e.to_string())
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

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};

    use axum::http::StatusCode;

    use super::*;

    fn trust(deadline_ms: u64, max_checks: usize) -> Trust {
        let mut trust = Trust::new(TrustStore::default(), Vec::new(), None);
        trust.deadline = Duration::from_millis(deadline_ms);
        trust.checks = Arc::new(Semaphore::new(max_checks));
        trust
    }

    #[tokio::test]
    async fn a_check_within_the_deadline_gives_its_answer() {
        let answer = trust(1_000, 2).bounded(|| 42).await;
        assert_eq!(answer.ok(), Some(42));
    }

    #[tokio::test]
    async fn a_check_past_the_deadline_is_answered_503_and_keeps_its_permit_until_it_ends() {
        let trust = trust(50, 1);
        let ended = Arc::new(AtomicBool::new(false));
        let flag = ended.clone();
        let slow = trust
            .bounded(move || {
                std::thread::sleep(Duration::from_millis(400));
                flag.store(true, Ordering::SeqCst);
            })
            .await;
        let status = slow.err().map(|e| e.status());
        assert_eq!(status, Some(StatusCode::SERVICE_UNAVAILABLE));
        assert!(
            !ended.load(Ordering::SeqCst),
            "answered before the check ended"
        );
        // The only permit is still held by the stuck check: the next one is
        // refused without running.
        let ran = Arc::new(AtomicBool::new(false));
        let flag = ran.clone();
        let next = trust
            .bounded(move || flag.store(true, Ordering::SeqCst))
            .await;
        assert_eq!(
            next.err().map(|e| e.status()),
            Some(StatusCode::SERVICE_UNAVAILABLE)
        );
        assert!(!ran.load(Ordering::SeqCst));
        // Once it ends, checks run again.
        while !ended.load(Ordering::SeqCst) {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert_eq!(trust.bounded(|| 7).await.ok(), Some(7));
    }

    #[tokio::test]
    async fn a_check_that_panics_is_an_internal_error() {
        let answer = trust(1_000, 1)
            .bounded(|| -> u8 { panic!("a parser bug") })
            .await;
        assert_eq!(
            answer.err().map(|e| e.status()),
            Some(StatusCode::INTERNAL_SERVER_ERROR)
        );
    }
}
