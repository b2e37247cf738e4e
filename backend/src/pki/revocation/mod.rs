//! Is a certificate on the path revoked? The evidence a verdict holds —
//! CRLs and OCSP responses — weighed by the trust anchor's [`Policy`]:
//! OCSP first (a current, authentic answer decides; else the CRL), the CRL
//! only, or both. A revocation counts from its time (the CRL entry's date,
//! the OCSP answer's revocation time), so a moment before it (a signing
//! time, a timestamp) is still good. `crl` reads CRLs,
//! `ocsp` asks, answers (the demo center's responder) and judges OCSP.

use x509_cert::Certificate;

pub mod crl;
pub mod ocsp;

use self::crl::Crl;
use self::ocsp::{Answer, Policy, Received, Status};

/// Why a certificate is refused here (`chain` adds where on the path).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    Revoked,
    OnHold,
    /// No CRL of the issuer (of a leaf).
    CrlMissing,
    CrlStale,
    /// The CRL is not signed by the issuer.
    CrlSignature,
    /// The OCSP answer is not the issuer's or not for this question.
    OcspForged,
    /// No current OCSP answer where the policy wants one.
    OcspMissing,
}

/// What a verdict knows of revocation.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    pub crls: &'a [Crl],
    pub ocsp: &'a [Received],
    pub policy: Policy,
    /// The portal's clock, which an OCSP answer must be current at (the
    /// validation time may be earlier: a signing time).
    pub now: u64,
}

impl<'a> Evidence<'a> {
    /// CRLs only, as before OCSP (the CRL's own times are weighed at the
    /// validation time).
    pub fn crls(crls: &'a [Crl]) -> Evidence<'a> {
        Evidence {
            crls,
            ocsp: &[],
            policy: Policy::CrlOnly,
            now: 0,
        }
    }
}

/// The CRL that `issuer` published, among `crls`.
fn crl_of<'a>(issuer: &Certificate, crls: &'a [Crl]) -> Option<&'a Crl> {
    use x509_cert::der::Encode;
    let ski = crate::pki::cert::subject_key_id(issuer);
    let subject = issuer.tbs_certificate.subject.to_der().ok();
    crls.iter()
        .find(|crl| match (crl.authority_key_id(), &ski) {
            (Some(aki), Some(ski)) => &aki == ski,
            _ => crl.list.tbs_cert_list.issuer.to_der().ok() == subject,
        })
}

/// The CRL's word on `cert` at `at`; a leaf (depth 0) must have one.
fn by_crl(
    cert: &Certificate,
    issuer: &Certificate,
    crls: &[Crl],
    at: u64,
    depth: usize,
) -> Result<(), Refusal> {
    match crl_of(issuer, crls) {
        Some(crl) => {
            crl.verify(issuer).map_err(|_| Refusal::CrlSignature)?;
            if !crl.speaks_for(at) {
                return Err(Refusal::CrlStale);
            }
            // Revoked from its revocation date: a moment before is good.
            match crl.revoked_since(cert.tbs_certificate.serial_number.as_bytes()) {
                Some((since, true)) if since <= at => Err(Refusal::OnHold),
                Some((since, false)) if since <= at => Err(Refusal::Revoked),
                _ => Ok(()),
            }
        }
        None if depth == 0 => Err(Refusal::CrlMissing),
        None => Ok(()),
    }
}

/// The OCSP answer about `cert` that decides: authentic, current at
/// `ev.now`, good or revoked. None when there is none such (no response,
/// unreadable, silent, stale); an answer someone else may have made or
/// replayed is refused.
fn decisive(
    cert: &Certificate,
    issuer: &Certificate,
    ev: &Evidence<'_>,
    depth: usize,
) -> Result<Option<Answer>, Refusal> {
    let Some(received) = ev.ocsp.iter().find(|r| r.is_for(cert, issuer)) else {
        return Ok(None);
    };
    match received.answer(issuer) {
        Ok(a) if a.status != Status::Unknown && a.is_current(ev.now) => Ok(Some(a)),
        Ok(_) => Ok(None),
        Err(e) if e.is_forgery() => {
            tracing::warn!(depth, error = %e, "an OCSP response refused");
            Err(Refusal::OcspForged)
        }
        Err(e) => {
            tracing::warn!(depth, error = %e, "an OCSP response not used");
            Ok(None)
        }
    }
}

fn by_answer(answer: &Answer, at: u64) -> Result<(), Refusal> {
    match answer.status {
        Status::Revoked { at: since, hold } if since <= at => Err(if hold {
            Refusal::OnHold
        } else {
            Refusal::Revoked
        }),
        _ => Ok(()),
    }
}

/// Whether `cert`, issued by `issuer`, was unrevoked at `at`.
pub fn check(
    cert: &Certificate,
    issuer: &Certificate,
    ev: &Evidence<'_>,
    at: u64,
    depth: usize,
) -> Result<(), Refusal> {
    match ev.policy {
        Policy::CrlOnly => by_crl(cert, issuer, ev.crls, at, depth),
        Policy::OcspFirst => match decisive(cert, issuer, ev, depth)? {
            Some(answer) => by_answer(&answer, at),
            None => by_crl(cert, issuer, ev.crls, at, depth),
        },
        Policy::Both => {
            match decisive(cert, issuer, ev, depth)? {
                Some(answer) => by_answer(&answer, at)?,
                // Intermediates need no answer, as they need no CRL.
                None if depth == 0 => return Err(Refusal::OcspMissing),
                None => {}
            }
            by_crl(cert, issuer, ev.crls, at, depth)
        }
    }
}

/// What decided that `cert` of `issuer` was not revoked, and the time it
/// speaks for: the OCSP answer when it decided, else the issuer's CRL
/// (None for a link no evidence spoke of, e.g. an intermediate without a
/// CRL).
pub fn source(
    cert: &Certificate,
    issuer: &Certificate,
    ev: &Evidence<'_>,
) -> Option<(shared::eds::validation::RevocationSource, u64)> {
    use shared::eds::validation::RevocationSource;
    if ev.policy != Policy::CrlOnly
        && let Ok(Some(answer)) = decisive(cert, issuer, ev, 0)
    {
        return Some((RevocationSource::Ocsp, answer.this_update));
    }
    crl_of(issuer, ev.crls).map(|crl| (RevocationSource::Crl, crl.this_update()))
}
