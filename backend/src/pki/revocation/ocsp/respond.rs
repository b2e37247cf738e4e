//! An OCSP responder for a CA the portal holds the key of (the demo
//! certification center): each certificate asked about gets the status
//! `status_of` gives for its serial, `unknown` when another CA issued it;
//! the nonce is echoed; no `nextUpdate` (unless asked: `respond_until`),
//! so an answer speaks only for the moment and a revocation is seen at the
//! very next question. Signed by the
//! CA itself (no delegated responder).

use std::time::Duration;

use p256::ecdsa::DerSignature;
use x509_cert::der::asn1::GeneralizedTime;
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::pkix::CrlReason;
use x509_ocsp::builder::OcspResponseBuilder;
use x509_ocsp::{
    CertStatus, OcspGeneralizedTime, OcspRequest, OcspResponse, RevokedInfo, SingleResponse,
};

use super::{Status, names};
use crate::pki::ca::Issued;

/// Requests asking about more certificates than this are refused as
/// malformed (the portal asks about one).
const MAX_ASKED: usize = 32;

fn time(secs: u64) -> Option<OcspGeneralizedTime> {
    GeneralizedTime::from_unix_duration(Duration::from_secs(secs))
        .ok()
        .map(OcspGeneralizedTime)
}

fn cert_status(status: Status) -> Option<CertStatus> {
    Some(match status {
        Status::Good => CertStatus::good(),
        Status::Unknown => CertStatus::unknown(),
        Status::Revoked { at, hold } => CertStatus::revoked(RevokedInfo {
            revocation_time: time(at)?,
            revocation_reason: Some(if hold {
                CrlReason::CertificateHold
            } else {
                CrlReason::Unspecified
            }),
        }),
    })
}

/// The DER response to the DER `request`, about certificates of `ca`:
/// `malformedRequest` for what does not parse, `internalError` when the
/// answer cannot be built.
pub fn respond(
    request: &[u8],
    ca: &Issued,
    status_of: impl Fn(&[u8]) -> Status,
    now: u64,
) -> Vec<u8> {
    respond_until(request, ca, status_of, now, None)
}

/// [`respond`] with answers current until `next_update` (a responder
/// whose answers may be kept: the benchmark's cached case).
pub fn respond_until(
    request: &[u8],
    ca: &Issued,
    status_of: impl Fn(&[u8]) -> Status,
    now: u64,
    next_update: Option<u64>,
) -> Vec<u8> {
    let answer = match OcspRequest::from_der(request) {
        Ok(req)
            if !req.tbs_request.request_list.is_empty()
                && req.tbs_request.request_list.len() <= MAX_ASKED =>
        {
            build(&req, ca, status_of, now, next_update)
                .unwrap_or_else(OcspResponse::internal_error)
        }
        _ => OcspResponse::malformed_request(),
    };
    answer.to_der().unwrap_or_default()
}

/// `internalError`, for a responder that cannot tell.
pub fn internal_error() -> Vec<u8> {
    OcspResponse::internal_error().to_der().unwrap_or_default()
}

fn build(
    req: &OcspRequest,
    ca: &Issued,
    status_of: impl Fn(&[u8]) -> Status,
    now: u64,
    next_update: Option<u64>,
) -> Option<OcspResponse> {
    let produced = time(now)?;
    let mut builder = OcspResponseBuilder::new(ca.cert.tbs_certificate.subject.clone());
    for asked in &req.tbs_request.request_list {
        let id = &asked.req_cert;
        let serial = id.serial_number.as_bytes();
        let status = if names(id, serial, &ca.cert) {
            status_of(serial)
        } else {
            Status::Unknown
        };
        let mut single = SingleResponse::new(id.clone(), cert_status(status)?, produced);
        if let Some(next) = next_update {
            single = single.with_next_update(time(next)?);
        }
        builder = builder.with_single_response(single);
    }
    if let Some(nonce) = req.nonce() {
        builder = builder.with_extension(nonce).ok()?;
    }
    let mut key = ca.key.clone();
    builder
        .sign::<_, DerSignature>(&mut key, None, produced)
        .ok()
}
