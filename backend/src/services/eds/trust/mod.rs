//! Whom the portal trusts to certify ЭЦП keys, and the revocation lists it
//! checks them against: the configured root certificates (the demo
//! certification center by default, the national center's roots when
//! configured), and a cache of CRLs fetched from each certificate's
//! distribution point and refreshed when their `nextUpdate` passes. The
//! verdict itself is [`crate::pki::verify`]; this module feeds it.
//!
//! `load` reads the configured files, `national` the national center's
//! TEST PKI and its placeholder ИИН/БИН (`--trust-national-test`), `crls`
//! keeps the CRL cache, `ocsp` the OCSP answers (each root's policy says
//! whether they are asked for); the fetching itself is the adapters
//! [`crate::adapters::crl_fetch`] and [`crate::adapters::ocsp_fetch`]. A login by the national center's single
//! GOST key, marked for signing, is taken as a login
//! (`shared::eds::national_single_key`).

mod crls;
mod evidence;
mod files;
mod load;
pub mod national;
mod ocsp;
mod stamp;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;

use x509_cert::Certificate;

use self::crls::CrlCache;
use self::national::{NationalTest, Placeholder};
use self::ocsp::OcspCache;
use crate::adapters::pki_post::{Local, PkiPoster};
use crate::error::{AppError, AppResult};
use crate::pki::cert::{self, KeyAlgorithm, KeyPurpose};
use crate::pki::chain::TrustStore;
use crate::pki::revocation::crl::Crl;
use crate::pki::revocation::ocsp::Policy;
use crate::pki::verify::{self, Expected, Report, VerifyError};

/// The longest one ЭЦП check may take. The DER parsers are fuzzed, but a
/// check of hostile input must not hold a request, or a runtime worker,
/// longer than this: checks run on the blocking pool, and when the time is
/// up the request is answered 503 (the check, which cannot be stopped, runs
/// on to its end and is then dropped).
const CHECK_DEADLINE: Duration = Duration::from_secs(2);
/// ЭЦП checks running at once, counting those past their deadline, so a
/// parser stuck on hostile input ties up this many threads at most.
const MAX_CHECKS: usize = 64;

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
    crls: CrlCache,
    /// The OCSP answers kept, and the asking of responders.
    ocsp: OcspCache,
    /// The timestamping authority accepted signatures are stamped at.
    tsa: Option<String>,
    poster: PkiPoster,
    /// Each configured root's revocation policy; [`Trust::default_policy`]
    /// for the rest.
    policies: Vec<(Certificate, Policy)>,
    default_policy: Policy,
    /// The national TEST PKI's roots, when trusted (`--trust-national-test`).
    national_test: Option<NationalTest>,
}

/// Whether the signer of `der` over `content` holds the national center's
/// single GOST key (its cryptography already checked by the caller's
/// verdict, which refused only the key's purpose).
fn national_single_key(der: &[u8], content: &[u8]) -> bool {
    let Ok(signed) = crate::pki::cms::verify(der, Some(content)) else {
        return false;
    };
    cert::info(&signed.signer).is_ok_and(|info| match &info.key_algorithm {
        KeyAlgorithm::Other(oid) => shared::eds::national_single_key(oid, &info.extended_key_usage),
        KeyAlgorithm::Rsa | KeyAlgorithm::EcdsaP256 => false,
    })
}

/// Adds the CRL distribution points of `certs` to `urls`, once each.
pub(super) fn crl_urls(certs: &[Certificate], urls: &mut Vec<String>) {
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
    pub fn new(store: TrustStore, fixed_crls: Vec<Crl>, local: Option<(String, PathBuf)>) -> Trust {
        let mut intermediate_crl_urls = Vec::new();
        crl_urls(store.intermediates(), &mut intermediate_crl_urls);
        Trust {
            intermediate_crl_urls,
            store: Arc::new(store),
            checks: Arc::new(Semaphore::new(MAX_CHECKS)),
            deadline: CHECK_DEADLINE,
            fixed_crls,
            crls: CrlCache::new(local),
            ocsp: OcspCache::new(PkiPoster::new(Vec::new())),
            tsa: None,
            poster: PkiPoster::new(Vec::new()),
            policies: Vec::new(),
            default_policy: Policy::default(),
            national_test: None,
        }
    }

    /// The same trust, answering the questions addressed to the portal's
    /// own OCSP responder and TSA in-process, and stamping accepted
    /// signatures at the TSA `tsa` (None: not stamped).
    pub fn with_services(mut self, local: Vec<Local>, tsa: Option<String>) -> Trust {
        self.poster = PkiPoster::new(local);
        self.ocsp = OcspCache::new(self.poster.clone());
        self.tsa = tsa;
        self
    }

    /// The same trust with a revocation policy for each of `roots`, and
    /// `default` for the rest.
    pub fn with_policies(mut self, roots: Vec<(Certificate, Policy)>, default: Policy) -> Trust {
        self.policies = roots;
        self.default_policy = default;
        self
    }

    /// The same trust, knowing which of its roots are the national TEST
    /// PKI's (their placeholder ИИН/БИН are then taken: `national`).
    pub fn with_national_test(mut self, national: NationalTest) -> Trust {
        self.national_test = Some(national);
        self
    }

    /// Whether `number`, which fails the ИИН/БИН check, is a national test
    /// certificate's placeholder `report` vouches for (see `national`);
    /// never without `--trust-national-test`.
    pub fn national_test_placeholder(
        &self,
        report: &Report,
        kind: Placeholder,
        number: &str,
    ) -> bool {
        self.national_test
            .as_ref()
            .is_some_and(|n| n.vouches_for(report, kind, number))
    }

    /// The verdict on `der` (see [`verify::verify`]), with the CRLs of the
    /// known intermediates and of the carried certificates whose path to a
    /// configured root is established (`chain::established_path`), and the
    /// OCSP answers about those paths' links when their root's policy asks
    /// for them: the report, or the refusal with its reason (422). Nothing a certificate
    /// of an unknown issuer names is fetched (no request to an address of
    /// the caller's choosing). Both parsing steps run on the blocking pool
    /// within the deadline (see [`CHECK_DEADLINE`]).
    pub async fn verify(&self, der: &[u8], expected: Expected<'_>, now: u64) -> AppResult<Report> {
        let der: Arc<[u8]> = Arc::from(der);
        let gathered = self.gather(&der, now).await?;
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
            let evidence = gathered.evidence(now);
            match verify::verify_with(&der, expected, &store, &evidence, now) {
                // The national center's GOST key is the holder's one key:
                // it logs in, and is then held to everything else a
                // signing key is (`shared::eds::national_single_key`).
                Err(VerifyError::WrongKeyPurpose {
                    expected: KeyPurpose::Authentication,
                    found: KeyPurpose::Signing,
                }) if national_single_key(&der, &content) => {
                    let as_signing = Expected {
                        purpose: KeyPurpose::Signing,
                        ..expected
                    };
                    verify::verify_with(&der, as_signing, &store, &evidence, now)
                }
                verdict => verdict,
            }
        })
        .await?
        .map_err(|e: VerifyError| AppError::signature(e.code()).with_cause(e))
    }

    /// Runs `check` (parsing or verifying DER from outside, or parsing an
    /// uploaded file: `services::requests::inspect`) on the blocking pool, holding one of the [`MAX_CHECKS`]
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

    /// The trusted roots and the known intermediates.
    pub fn store(&self) -> Arc<TrustStore> {
        self.store.clone()
    }

    /// The CRL published at `url`, from the cache or fetched and read
    /// within the check's bounds (see [`crls`]).
    pub async fn crl(&self, url: &str, now: u64) -> Option<Crl> {
        let parse = async |bytes: Vec<u8>| {
            self.bounded(move || Crl::parse(&bytes))
                .await
                .map_err(|_| "reading the CRL did not end in time".to_owned())?
                .map_err(|e| e.to_string())
        };
        self.crls.crl(url, now, parse).await
    }

    /// Forgets the cached CRLs (after the demo center publishes a new one).
    pub fn forget_crls(&self) {
        self.crls.forget();
    }
}
