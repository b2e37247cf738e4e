//! The OCSP answers of a verdict: for each link of an established path
//! whose certificate names a responder, asked with a fresh nonce and kept
//! until the answer's `nextUpdate`, at most [`MAX_AGE_SECS`] (the bound on
//! how stale a revocation may be here); an answer without `nextUpdate` (the
//! demo center's) is not kept, so each signature asks again.

use std::collections::HashMap;
use std::sync::RwLock;

use x509_cert::Certificate;

use crate::adapters::pki_post::{Kind, PkiPoster};
use crate::pki::revocation::ocsp::{self, Received};

/// A kept answer is asked again after this long even before `nextUpdate`.
const MAX_AGE_SECS: u64 = 300;
/// Answers kept; the cache starts again when full.
const MAX_KEPT: usize = 100_000;

/// The certificate's serial and its issuer's public key.
type Key = (Vec<u8>, Vec<u8>);

#[derive(Debug)]
pub(super) struct OcspCache {
    kept: RwLock<HashMap<Key, (Received, u64)>>,
    poster: PkiPoster,
}

fn key(cert: &Certificate, issuer: &Certificate) -> Option<Key> {
    Some((
        cert.tbs_certificate.serial_number.as_bytes().to_vec(),
        crate::pki::cert::public_key_der(issuer).ok()?,
    ))
}

impl OcspCache {
    pub(super) fn new(poster: PkiPoster) -> OcspCache {
        OcspCache {
            kept: RwLock::new(HashMap::new()),
            poster,
        }
    }

    /// A kept answer about `cert` of `issuer` that is still current.
    pub(super) fn kept(
        &self,
        cert: &Certificate,
        issuer: &Certificate,
        now: u64,
    ) -> Option<Received> {
        let key = key(cert, issuer)?;
        let kept = self.kept.read().ok()?;
        kept.get(&key)
            .filter(|(_, until)| now < *until)
            .map(|(r, _)| r.clone())
    }

    /// Asks the responder `cert` names about it: the response as received
    /// (judged later, on the blocking pool), or None when the certificate
    /// names no responder or the responder does not answer.
    pub(super) async fn ask(&self, cert: &Certificate, issuer: &Certificate) -> Option<Received> {
        let url = ocsp::ocsp_urls(cert).into_iter().next()?;
        let (request, nonce) = ocsp::request(cert, issuer)
            .map_err(|e| tracing::warn!(error = %e, "an OCSP request not built"))
            .ok()?;
        match self.poster.ask(Kind::Ocsp, &url, request).await {
            Ok(der) => Some(Received::new(der, Some(nonce), cert, issuer)),
            Err(e) => {
                tracing::warn!(url, error = %e, "the OCSP responder did not answer; the CRL decides");
                None
            }
        }
    }

    /// Keeps `received`, judged good or revoked with a `nextUpdate`, until
    /// that (at most [`MAX_AGE_SECS`]).
    pub(super) fn keep(
        &self,
        received: &Received,
        cert: &Certificate,
        issuer: &Certificate,
        now: u64,
    ) {
        let Ok(answer) = received.answer(issuer) else {
            return;
        };
        let (Some(next), true) = (answer.next_update, answer.status != ocsp::Status::Unknown)
        else {
            return;
        };
        let until = next.min(now + MAX_AGE_SECS);
        if let (Some(key), Ok(mut kept)) = (key(cert, issuer), self.kept.write())
            && until > now
        {
            if kept.len() >= MAX_KEPT {
                kept.clear();
            }
            kept.insert(key, (received.clone(), until));
        }
    }
}
