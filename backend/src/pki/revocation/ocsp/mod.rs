//! OCSP (RFC 6960) through RustCrypto's `x509-ocsp`: the responder a
//! certificate names (its authority information access), the request for
//! one certificate with a nonce, and the judgement of a response — for this
//! certificate of this issuer, signed by the issuer or by a responder the
//! issuer delegated (`id-kp-OCSPSigning`), the nonce echoed, current — into
//! good, revoked (when, and whether only on hold) or unknown. `respond`
//! is the demo certification center's responder; `revocation` in `pki`
//! weighs an answer against the CRLs by the trust anchor's [`Policy`].

pub mod respond;
#[cfg(test)]
mod tests;

use std::sync::{Arc, OnceLock};

use sha1::Sha1;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::der::asn1::ObjectIdentifier as Oid;
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, CrlReason};
use x509_ocsp::builder::OcspRequestBuilder;
use x509_ocsp::ext::Nonce;
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspResponse, OcspResponseStatus, Request, ResponderId,
};

use crate::pki::signature::{self, SignatureError};

const AIA: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.1.1");
const AD_OCSP: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1");
const OCSP_BASIC: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.1");
const KP_OCSP_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.9");
const SHA1_OID: Oid = Oid::new_unwrap("1.3.14.3.2.26");
const SHA256_OID: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
/// How far a response's times may run ahead of the portal's clock.
const SKEW_SECS: u64 = 300;
/// A response without `nextUpdate` speaks for this long after its
/// `thisUpdate` (the bound on how stale such an answer may be here).
pub const FRESH_SECS: u64 = 300;
/// Bytes of the nonce the portal sends.
const NONCE_BYTES: usize = 16;

/// How a trust anchor's certificates are checked for revocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    /// The OCSP responder's answer when there is one; else the CRL.
    #[default]
    OcspFirst,
    /// The CRL only: nothing is asked of a responder.
    CrlOnly,
    /// Both must say the certificate is good.
    Both,
}

impl std::str::FromStr for Policy {
    type Err = String;
    fn from_str(s: &str) -> Result<Policy, String> {
        match s {
            "ocsp-first" => Ok(Policy::OcspFirst),
            "crl" => Ok(Policy::CrlOnly),
            "both" => Ok(Policy::Both),
            other => Err(format!("{other}: ocsp-first, crl or both")),
        }
    }
}

/// What a responder says of one certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Good,
    /// Since `at` (Unix seconds); `hold`: suspended (`certificateHold`).
    Revoked {
        at: u64,
        hold: bool,
    },
    Unknown,
}

/// A judged response: the status and the times it speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    pub status: Status,
    pub produced_at: u64,
    pub this_update: u64,
    pub next_update: Option<u64>,
}

impl Answer {
    /// Whether the answer speaks for the time `now`.
    pub fn is_current(&self, now: u64) -> bool {
        let until = self.next_update.unwrap_or(self.this_update + FRESH_SECS);
        self.this_update <= now + SKEW_SECS && now <= until + SKEW_SECS
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OcspError {
    #[error("not an OCSP response: {0}")]
    Malformed(String),
    #[error("the responder answered {0:?}")]
    NotSuccessful(OcspResponseStatus),
    #[error("the response says nothing of this certificate")]
    NotForThisCertificate,
    #[error("the response does not echo the request's nonce")]
    NonceMismatch,
    #[error("the response is signed by neither the issuer nor a responder it delegated")]
    ResponderNotAuthorized,
    #[error("the response's signature: {0}")]
    Signature(SignatureError),
}

impl OcspError {
    /// A response that someone other than the issuer may have made or
    /// replayed (rather than one merely unreadable or silent).
    pub fn is_forgery(&self) -> bool {
        matches!(
            self,
            OcspError::NonceMismatch | OcspError::ResponderNotAuthorized | OcspError::Signature(_)
        )
    }
}

fn malformed(e: impl std::fmt::Display) -> OcspError {
    OcspError::Malformed(e.to_string())
}

fn secs(t: &x509_ocsp::OcspGeneralizedTime) -> u64 {
    t.0.to_unix_duration().as_secs()
}

/// The OCSP responders `cert` names in its authority information access.
pub fn ocsp_urls(cert: &Certificate) -> Vec<String> {
    let Some(ext) = cert
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == AIA)
    else {
        return Vec::new();
    };
    let Ok(aia) = AuthorityInfoAccessSyntax::from_der(ext.extn_value.as_bytes()) else {
        return Vec::new();
    };
    aia.0
        .iter()
        .filter(|d| d.access_method == AD_OCSP)
        .filter_map(|d| match &d.access_location {
            GeneralName::UniformResourceIdentifier(uri) => Some(uri.to_string()),
            _ => None,
        })
        .collect()
}

/// A request about `cert` of `issuer` (its CertID by SHA-256, as the
/// national center's responder answers) with a fresh nonce: the DER and
/// the nonce.
pub fn request(cert: &Certificate, issuer: &Certificate) -> Result<(Vec<u8>, Vec<u8>), OcspError> {
    let mut rng = rand::rngs::OsRng;
    let nonce = Nonce::generate(&mut rng, NONCE_BYTES).map_err(malformed)?;
    let bytes = nonce.0.as_bytes().to_vec();
    let der = OcspRequestBuilder::default()
        .with_request(Request::from_cert::<Sha256>(issuer, cert).map_err(malformed)?)
        .with_extension(nonce)
        .map_err(malformed)?
        .build()
        .to_der()
        .map_err(malformed)?;
    Ok((der, bytes))
}

/// Whether `id` names `cert` of `issuer` (SHA-1 or SHA-256 CertIDs).
pub fn names(id: &CertId, serial: &[u8], issuer: &Certificate) -> bool {
    let Ok(name) = issuer.tbs_certificate.subject.to_der() else {
        return false;
    };
    let key = issuer
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    let (name_hash, key_hash): (Vec<u8>, Vec<u8>) = match id.hash_algorithm.oid {
        SHA1_OID => (Sha1::digest(&name).to_vec(), Sha1::digest(key).to_vec()),
        SHA256_OID => (Sha256::digest(&name).to_vec(), Sha256::digest(key).to_vec()),
        _ => return false,
    };
    id.serial_number.as_bytes() == serial
        && id.issuer_name_hash.as_bytes() == name_hash
        && id.issuer_key_hash.as_bytes() == key_hash
}

/// The certificate that signed `basic`: the issuer itself, or a responder
/// certificate the response carries that the issuer signed for OCSP.
fn responder<'a>(
    basic: &'a BasicOcspResponse,
    issuer: &'a Certificate,
) -> Result<&'a Certificate, OcspError> {
    let is_named = |c: &Certificate| match &basic.tbs_response_data.responder_id {
        ResponderId::ByName(name) => c.tbs_certificate.subject == *name,
        ResponderId::ByKey(hash) => {
            let key = c
                .tbs_certificate
                .subject_public_key_info
                .subject_public_key
                .raw_bytes();
            hash.as_bytes() == &Sha1::digest(key)[..]
        }
    };
    if is_named(issuer) {
        return Ok(issuer);
    }
    let produced = secs(&basic.tbs_response_data.produced_at);
    basic
        .certs
        .iter()
        .flatten()
        .find(|c| {
            let v = &c.tbs_certificate.validity;
            is_named(c)
                && c.tbs_certificate.issuer == issuer.tbs_certificate.subject
                && ocsp_signing(c)
                && v.not_before.to_unix_duration().as_secs() <= produced
                && produced <= v.not_after.to_unix_duration().as_secs()
                && signature::verify_certificate(c, issuer).is_ok()
        })
        .ok_or(OcspError::ResponderNotAuthorized)
}

fn ocsp_signing(cert: &Certificate) -> bool {
    crate::pki::cert::has_extended_key_usage(cert, &KP_OCSP_SIGNING)
}

/// Judges `der`, a response about the certificate with `serial` issued by
/// `issuer`, asked with `nonce` (None: the response need echo none). The
/// times are the caller's to weigh ([`Answer::is_current`]).
pub fn judge(
    der: &[u8],
    serial: &[u8],
    issuer: &Certificate,
    nonce: Option<&[u8]>,
) -> Result<Answer, OcspError> {
    let response = OcspResponse::from_der(der).map_err(malformed)?;
    if response.response_status != OcspResponseStatus::Successful {
        return Err(OcspError::NotSuccessful(response.response_status));
    }
    let bytes = response
        .response_bytes
        .ok_or_else(|| malformed("a successful response without its bytes"))?;
    if bytes.response_type != OCSP_BASIC {
        return Err(malformed(format!("response type {}", bytes.response_type)));
    }
    let basic = BasicOcspResponse::from_der(bytes.response.as_bytes()).map_err(malformed)?;
    let single = basic
        .tbs_response_data
        .responses
        .iter()
        .find(|s| names(&s.cert_id, serial, issuer))
        .ok_or(OcspError::NotForThisCertificate)?;
    let signer = responder(&basic, issuer)?;
    let tbs = basic.tbs_response_data.to_der().map_err(malformed)?;
    let value = basic
        .signature
        .as_bytes()
        .ok_or_else(|| malformed("a signature of partial bytes"))?;
    signature::verify(
        &signer.tbs_certificate.subject_public_key_info,
        &basic.signature_algorithm.oid,
        &tbs,
        value,
    )
    .map_err(OcspError::Signature)?;
    if let Some(asked) = nonce
        && basic.nonce().is_none_or(|n| n.0.as_bytes() != asked)
    {
        return Err(OcspError::NonceMismatch);
    }
    let status = match &single.cert_status {
        CertStatus::Good(_) => Status::Good,
        CertStatus::Revoked(info) => Status::Revoked {
            at: secs(&info.revocation_time),
            hold: info.revocation_reason == Some(CrlReason::CertificateHold),
        },
        CertStatus::Unknown(_) => Status::Unknown,
    };
    Ok(Answer {
        status,
        produced_at: secs(&basic.tbs_response_data.produced_at),
        this_update: secs(&single.this_update),
        next_update: single.next_update.as_ref().map(secs),
    })
}

/// A response received for one certificate of one issuer, with the nonce
/// it was asked with; judged once (the verdicts of one request, and those
/// that find it in the cache, ask again).
#[derive(Debug, Clone)]
pub struct Received {
    der: Arc<[u8]>,
    nonce: Option<Vec<u8>>,
    serial: Vec<u8>,
    /// The issuer's public key (DER) the response was asked about.
    issuer_key: Vec<u8>,
    judged: Arc<OnceLock<Result<Answer, OcspError>>>,
}

impl Received {
    pub fn new(
        der: Vec<u8>,
        nonce: Option<Vec<u8>>,
        cert: &Certificate,
        issuer: &Certificate,
    ) -> Received {
        Received {
            der: der.into(),
            nonce,
            serial: cert.tbs_certificate.serial_number.as_bytes().to_vec(),
            issuer_key: crate::pki::cert::public_key_der(issuer).unwrap_or_default(),
            judged: Arc::new(OnceLock::new()),
        }
    }

    /// Whether this is the response about `cert` of `issuer`.
    pub fn is_for(&self, cert: &Certificate, issuer: &Certificate) -> bool {
        self.serial == cert.tbs_certificate.serial_number.as_bytes()
            && crate::pki::cert::public_key_der(issuer).is_ok_and(|k| k == self.issuer_key)
    }

    /// [`judge`], once.
    pub fn answer(&self, issuer: &Certificate) -> Result<Answer, OcspError> {
        self.judged
            .get_or_init(|| judge(&self.der, &self.serial, issuer, self.nonce.as_deref()))
            .clone()
    }
}
