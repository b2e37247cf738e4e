//! What a verdict needs besides the CRLs: the revocation policy of the
//! root a signature's paths end at, and the OCSP answers about their links
//! (kept, or asked and judged within the check's bounds).

use x509_cert::Certificate;

use crate::error::AppResult;
use crate::pki::revocation::ocsp::{self, Received};

impl super::Trust {
    /// The policy of the anchor `paths` end at (the longest path, the
    /// signer's), else the default.
    pub(super) fn policy_for(&self, paths: &[Vec<Certificate>]) -> ocsp::Policy {
        paths
            .iter()
            .max_by_key(|p| p.len())
            .and_then(|p| p.last())
            .and_then(|root| self.policies.iter().find(|(r, _)| r == root))
            .map_or(self.default_policy, |(_, p)| *p)
    }

    /// The OCSP answers about every link of `paths` (kept, or asked and
    /// judged within the check's bounds); none under a CRL-only policy.
    pub(super) async fn ocsp_answers(
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
