//! What a verdict on a signature weighs, gathered before it: the paths of
//! the carried certificates that reach a configured root (found within the
//! check's bounds), the revocation policy of the root they end at, the
//! OCSP answers about their links (kept, or asked and judged within the
//! check's bounds), and the CRLs of the known intermediates and of those
//! paths. Nothing a certificate of an unknown issuer names is fetched.

use std::sync::Arc;

use x509_cert::Certificate;

use crate::error::AppResult;
use crate::pki::revocation::Evidence;
use crate::pki::revocation::crl::Crl;
use crate::pki::revocation::ocsp::{self, Received};

/// The revocation evidence gathered for one signature.
#[derive(Debug, Clone)]
pub struct Gathered {
    pub policy: ocsp::Policy,
    pub answers: Vec<Received>,
    pub crls: Vec<Crl>,
}

impl Gathered {
    /// The evidence, with `now` as the time OCSP answers must be current at.
    pub fn evidence(&self, now: u64) -> Evidence<'_> {
        Evidence {
            crls: &self.crls,
            ocsp: &self.answers,
            policy: self.policy,
            now,
        }
    }
}

impl super::Trust {
    /// The evidence for the CMS `der` at `now` (see the module).
    pub async fn gather(&self, der: &Arc<[u8]>, now: u64) -> AppResult<Gathered> {
        let paths = {
            let der = der.clone();
            let store = self.store.clone();
            self.bounded(move || {
                let carried = crate::pki::cms::certificates(&der);
                let store = store.with_intermediates(&carried);
                carried
                    .iter()
                    .filter_map(|c| crate::pki::chain::established_path(c, &store))
                    .collect::<Vec<Vec<Certificate>>>()
            })
            .await?
        };
        let policy = self.policy_for(&paths);
        let answers = self.ocsp_answers(&paths, policy, now).await?;
        let trusted: Vec<Certificate> = paths.into_iter().flatten().collect();
        let mut urls = self.intermediate_crl_urls.clone();
        super::crl_urls(&trusted, &mut urls);
        let mut crls = self.fixed_crls.clone();
        for url in urls {
            if let Some(crl) = self.crl(&url, now).await {
                crls.push(crl);
            }
        }
        Ok(Gathered {
            policy,
            answers,
            crls,
        })
    }

    /// The policy of the anchor `paths` end at (the longest path, the
    /// signer's), else the default.
    fn policy_for(&self, paths: &[Vec<Certificate>]) -> ocsp::Policy {
        paths
            .iter()
            .max_by_key(|p| p.len())
            .and_then(|p| p.last())
            .and_then(|root| self.policies.iter().find(|(r, _)| r == root))
            .map_or(self.default_policy, |(_, p)| *p)
    }

    /// The OCSP answers about every link of `paths` (kept, or asked and
    /// judged within the check's bounds); none under a CRL-only policy.
    async fn ocsp_answers(
        &self,
        paths: &[Vec<Certificate>],
        policy: ocsp::Policy,
        now: u64,
    ) -> AppResult<Vec<Received>> {
        let mut answers: Vec<Received> = Vec::new();
        if policy == ocsp::Policy::CrlOnly {
            return Ok(answers);
        }
        for link in paths.iter().flat_map(|p| p.windows(2)) {
            let (cert, issuer) = (&link[0], &link[1]);
            if answers.iter().any(|r| r.is_for(cert, issuer)) {
                continue;
            }
            if let Some(kept) = self.ocsp.kept(cert, issuer, now) {
                answers.push(kept);
            } else if let Some(fresh) = self.ocsp.ask(cert, issuer).await {
                let (judged, issuer_copy) = (fresh.clone(), issuer.clone());
                // Judged once here (a signature check), remembered for the verdict.
                self.bounded(move || judged.answer(&issuer_copy).is_ok())
                    .await?;
                self.ocsp.keep(&fresh, cert, issuer, now);
                answers.push(fresh);
            }
        }
        Ok(answers)
    }
}
