//! CMS SignedData (RFC 5652): the signature format of the ЭЦП. This module
//! checks the cryptography of one signer — the structure, the content digest
//! against the content, the signature over the signed attributes — and gives
//! what was signed, by whom and when. Whether that signer may be trusted
//! (path, revocation, ИИН) is `chain`'s and the caller's business.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::SignerInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use x509_cert::Certificate;
use x509_cert::der::asn1::{ObjectIdentifier as Oid, OctetString};
use x509_cert::der::{Decode, Encode};

use super::chain::subject_key_id;
use super::signature::{self, SignatureError};

pub mod digest;

const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
const MD5: Oid = Oid::new_unwrap("1.2.840.113549.2.5");
const ATTR_CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
const ATTR_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
const ATTR_SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
/// id-aa-signatureTimeStampToken: an unsigned attribute (CAdES-T).
const ATTR_TIMESTAMP_TOKEN: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// Why a signature's cryptography was refused. Each has its own code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CmsError {
    #[error("nothing to check")]
    Empty,
    #[error("not a CMS signature: {0}")]
    Malformed(String),
    #[error("not SignedData")]
    NotSignedData,
    #[error("expected exactly one signer, found {0}")]
    SignerCount(usize),
    #[error("the signer's certificate is not in the signature")]
    SignerCertificateMissing,
    #[error("the signed content is not in the signature and was not given")]
    ContentMissing,
    #[error("no signed attributes")]
    NoSignedAttributes,
    #[error("the content does not match its digest")]
    DigestMismatch,
    #[error("a weak digest (MD5 or SHA-1)")]
    WeakDigest,
    #[error("a digest outside the allow-list: {0}")]
    UnsupportedDigest(String),
    #[error("the signature: {0}")]
    Signature(#[from] SignatureError),
}

/// A signature whose cryptography holds.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The signed bytes (attached, or the detached content given).
    pub content: Vec<u8>,
    pub signer: Certificate,
    /// Every certificate the signature carries (the signer's among them).
    pub certificates: Vec<Certificate>,
    /// The signing-time attribute, seconds since the Unix epoch.
    pub signing_time: Option<u64>,
    /// The signature value (what a timestamp of the signature is over).
    pub signature_value: Vec<u8>,
    /// The timestamp token of the signature (CAdES-T), DER, unjudged.
    pub timestamp_token: Option<Vec<u8>>,
}

fn malformed(e: impl std::fmt::Display) -> CmsError {
    CmsError::Malformed(e.to_string())
}

/// The certificates a SignedData carries, without checking anything (to
/// find their CRLs before the verdict); none when it cannot be read.
pub fn certificates(der: &[u8]) -> Vec<Certificate> {
    let Ok(info) = ContentInfo::from_der(der) else {
        return Vec::new();
    };
    let Ok(sd) = info.content.decode_as::<SignedData>() else {
        return Vec::new();
    };
    sd.certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(cert) => Some(cert.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect()
}

/// The signed content: attached, or the detached content given (a given
/// one must equal an attached one).
fn content_of(sd: &SignedData, detached: Option<&[u8]>) -> Result<Vec<u8>, CmsError> {
    let attached: Option<Vec<u8>> = match &sd.encap_content_info.econtent {
        Some(any) => Some(
            any.decode_as::<OctetString>()
                .map_err(malformed)?
                .as_bytes()
                .to_vec(),
        ),
        None => None,
    };
    match (attached, detached) {
        (Some(a), Some(d)) if a != d => Err(CmsError::DigestMismatch),
        (Some(a), _) => Ok(a),
        (None, Some(d)) => Ok(d.to_vec()),
        (None, None) => Err(CmsError::ContentMissing),
    }
}

fn signed_data(der: &[u8]) -> Result<SignedData, CmsError> {
    if der.is_empty() {
        return Err(CmsError::Empty);
    }
    let info = ContentInfo::from_der(der).map_err(malformed)?;
    if info.content_type != SIGNED_DATA {
        return Err(CmsError::NotSignedData);
    }
    info.content.decode_as().map_err(malformed)
}

/// The signature value of the first signer of the CMS `der` (what a
/// timestamp of the signature is over, RFC 3161 appendix A).
pub fn signature_value(der: &[u8]) -> Option<Vec<u8>> {
    let sd = signed_data(der).ok()?;
    let first = sd.signer_infos.0.iter().next()?;
    Some(first.signature.as_bytes().to_vec())
}

/// Checks a DER CMS SignedData with one signer. `detached` is the content
/// when the signature does not carry it; when it does, a given `detached`
/// must equal it.
pub fn verify(der: &[u8], detached: Option<&[u8]>) -> Result<Verified, CmsError> {
    let sd = signed_data(der)?;
    let signers: Vec<_> = sd.signer_infos.0.iter().collect();
    let [signer_info] = signers.as_slice() else {
        return Err(CmsError::SignerCount(signers.len()));
    };
    let content = content_of(&sd, detached)?;
    verify_signer(&sd, signer_info, content)
}

/// Checks every signer of a DER CMS SignedData (co-signatures, e.g. a
/// company's head and accountant): one verdict per signer, in order.
pub fn verify_each(
    der: &[u8],
    detached: Option<&[u8]>,
) -> Result<Vec<Result<Verified, CmsError>>, CmsError> {
    let sd = signed_data(der)?;
    if sd.signer_infos.0.is_empty() {
        return Err(CmsError::SignerCount(0));
    }
    let content = content_of(&sd, detached)?;
    Ok(sd
        .signer_infos
        .0
        .iter()
        .map(|si| verify_signer(&sd, si, content.clone()))
        .collect())
}

fn verify_signer(
    sd: &SignedData,
    signer_info: &SignerInfo,
    content: Vec<u8>,
) -> Result<Verified, CmsError> {
    let digest_alg = signer_info.digest_alg.oid;
    if digest_alg == SHA1 || digest_alg == MD5 {
        return Err(CmsError::WeakDigest);
    }
    let digest = digest::ContentDigest::from_oid(&digest_alg)
        .ok_or_else(|| CmsError::UnsupportedDigest(digest_alg.to_string()))?;

    let certificates: Vec<Certificate> = sd
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(cert) => Some(cert.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let signer = certificates
        .iter()
        .find(|c| match &signer_info.sid {
            SignerIdentifier::IssuerAndSerialNumber(iss) => {
                c.tbs_certificate.issuer == iss.issuer
                    && c.tbs_certificate.serial_number == iss.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                subject_key_id(c).as_deref() == Some(ski.0.as_bytes())
            }
        })
        .cloned()
        .ok_or(CmsError::SignerCertificateMissing)?;

    let attrs = signer_info
        .signed_attrs
        .as_ref()
        .ok_or(CmsError::NoSignedAttributes)?;
    let mut digest_attr = None;
    let mut content_type_ok = false;
    let mut signing_time = None;
    for attr in attrs.iter() {
        let first = attr.values.iter().next();
        if attr.oid == ATTR_MESSAGE_DIGEST {
            digest_attr = first.and_then(|v| v.decode_as::<OctetString>().ok());
        } else if attr.oid == ATTR_CONTENT_TYPE {
            content_type_ok = first
                .and_then(|v| v.decode_as::<Oid>().ok())
                .is_some_and(|oid| oid == sd.encap_content_info.econtent_type);
        } else if attr.oid == ATTR_SIGNING_TIME {
            signing_time = first
                .and_then(|v| v.to_der().ok())
                .and_then(|der| x509_cert::time::Time::from_der(&der).ok())
                .map(|t| t.to_unix_duration().as_secs());
        }
    }
    let digest_attr = digest_attr.ok_or(CmsError::NoSignedAttributes)?;
    if !content_type_ok {
        return Err(CmsError::NoSignedAttributes);
    }
    if digest_attr.as_bytes() != digest.digest(&content).as_slice() {
        return Err(CmsError::DigestMismatch);
    }

    // The signature covers the DER of the signed attributes as a SET OF.
    let signed = attrs.to_der().map_err(malformed)?;
    let named = signer_info.signature_algorithm.oid;
    let alg = if digest::is_key_algorithm(&named) {
        // Many signers name only the key type; the digest is the signer's digest.
        digest
            .signature_for_key(&named)
            .ok_or_else(|| CmsError::UnsupportedDigest(digest_alg.to_string()))?
    } else {
        named
    };
    signature::verify(
        &signer.tbs_certificate.subject_public_key_info,
        &alg,
        &signed,
        signer_info.signature.as_bytes(),
    )?;
    let timestamp_token = signer_info
        .unsigned_attrs
        .iter()
        .flat_map(|attrs| attrs.iter())
        .find(|a| a.oid == ATTR_TIMESTAMP_TOKEN)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.to_der().ok());
    Ok(Verified {
        content,
        signer,
        certificates,
        signing_time,
        signature_value: signer_info.signature.as_bytes().to_vec(),
        timestamp_token,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::chain::{TrustStore, validate};
    use crate::pki::revocation::crl::Crl;
    use crate::pki::testdata::*;

    const SAMPLE: &str = "samples/cms/2021_ncanode_attached_rsa_1signer.p7s";

    #[test]
    fn the_national_rsa_sample_verifies() {
        let v = verify(&interop(SAMPLE), None).expect("verifies");
        assert_eq!(v.content, b"test123");
        let info = crate::pki::cert::info(&v.signer).expect("signer");
        assert_eq!(info.iin.as_deref(), Some("123456789011"));
        assert_eq!(info.purpose, crate::pki::cert::KeyPurpose::Signing);
        // Given the same content as detached, it still verifies; other content does not.
        assert!(verify(&interop(SAMPLE), Some(b"test123")).is_ok());
        assert_eq!(
            verify(&interop(SAMPLE), Some(b"test124")).err(),
            Some(CmsError::DigestMismatch)
        );
        // Its signer chains to the national RSA test root (inside the leaf's window).
        let store = TrustStore::new(
            vec![crate::pki::cert::read(&interop("ca/root_rsa_test.pem")).expect("root")],
            vec![crate::pki::cert::read(&interop("ca/nca_rsa_test.pem")).expect("nca")],
        );
        // 2021-06-01: the signer's certificate is valid; the 2022 CRL was not yet issued.
        let r = validate(&v.signer, &store, &[], 1_622_505_600);
        assert_eq!(r.err(), Some(crate::pki::chain::ChainError::CrlMissing(0)));
        let crl = Crl::parse(&interop("crl/nca_rsa_test__2022-03-29.crl")).expect("crl");
        // Its signing-time attribute (2022-09-28) lies after the certificate expired:
        // the verifier's policy must refuse such a signature.
        let signing_time = v.signing_time.expect("signing time");
        let not_after = v
            .signer
            .tbs_certificate
            .validity
            .not_after
            .to_unix_duration()
            .as_secs();
        assert!(signing_time > not_after);
        assert!(!crl.is_revoked(v.signer.tbs_certificate.serial_number.as_bytes()));
    }

    #[test]
    fn every_single_byte_change_is_refused() {
        let good = interop(SAMPLE);
        let mut accepted = Vec::new();
        // Every byte of the signature, changed (a deterministic sweep rather
        // than a random sample: it covers each position once).
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x5a;
            if let Ok(v) = verify(&bad, None) {
                // A change outside what is signed (e.g. in an unsigned certificate
                // field the verifier does not use) may parse; the signed content
                // and signer key must then be the original ones.
                if v.content != b"test123" {
                    accepted.push(i);
                }
            }
        }
        assert!(
            accepted.is_empty(),
            "changed content accepted at offsets {accepted:?}"
        );
    }

    #[test]
    fn garbage_empty_and_truncated_are_refused() {
        assert_eq!(verify(b"", None).err(), Some(CmsError::Empty));
        assert!(matches!(
            verify(b"not a signature", None),
            Err(CmsError::Malformed(_))
        ));
        let good = interop(SAMPLE);
        assert!(matches!(
            verify(&good[..good.len() - 10], None),
            Err(CmsError::Malformed(_))
        ));
    }
}

#[cfg(test)]
mod gost_tests;
