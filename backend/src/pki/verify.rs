//! The verdict on a signed request (SPEC §3, condition 3): the signature's
//! cryptography, a signing key (not an authentication key), the holder's
//! ИИН/БИН equal to the expected ones, a signing time inside the
//! certificate's validity, and a trusted, unrevoked path both at signing
//! time and at validation time. No HTTP here: callers pass the bytes the
//! server rebuilt and get a report or the one reason for refusal.

use x509_cert::Certificate;

use super::cert::{self, KeyPurpose};
use super::chain::{self, ChainError, TrustStore};
use super::cms::{self, CmsError};
use super::revocation::Evidence;
use super::revocation::crl::Crl;
use super::signature::SignatureError;
use shared::eds::EdsCode;

/// How far a signing time may run ahead of the server's clock.
const CLOCK_SKEW_SECS: u64 = 300;

/// What the signature must be over and by whom.
#[derive(Debug, Clone, Copy)]
pub struct Expected<'a> {
    /// The canonical bytes of the document, rebuilt by the server.
    pub content: &'a [u8],
    /// The ИИН the signer's certificate must carry, if any.
    pub iin: Option<&'a str>,
    /// The БИН the signer's certificate must carry, if any.
    pub bin: Option<&'a str>,
    /// Signing (documents) or authentication (login challenges).
    pub purpose: KeyPurpose,
}

/// Why a signature was refused: "the signature's authenticity is not
/// confirmed", with the particular reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("{0}")]
    Cms(#[from] CmsError),
    #[error("at signing time: {0}")]
    ChainAtSigning(ChainError),
    #[error("at validation time: {0}")]
    ChainNow(ChainError),
    #[error("the key is for {found:?}, not {expected:?}")]
    WrongKeyPurpose {
        expected: KeyPurpose,
        found: KeyPurpose,
    },
    #[error("the ИИН in the certificate is not the expected one")]
    IinMismatch,
    #[error("the БИН in the certificate is not the expected one")]
    BinMismatch,
    #[error("the signature has no signing time")]
    SigningTimeMissing,
    #[error("the signing time is outside the certificate's validity")]
    SignedAfterExpiry,
    #[error("the signing time is before the certificate's validity")]
    SignedBeforeValidity,
    #[error("the signing time is in the future")]
    SigningTimeInFuture,
}

impl VerifyError {
    /// The code the app localizes: one per reason (`shared::eds::EdsCode`).
    pub fn code(&self) -> EdsCode {
        match self {
            VerifyError::Cms(e) => cms_code(e),
            VerifyError::ChainAtSigning(e) | VerifyError::ChainNow(e) => chain_code(e),
            VerifyError::WrongKeyPurpose { expected, found } => match (expected, found) {
                (KeyPurpose::Signing, KeyPurpose::Authentication) => EdsCode::AuthKeyForSigning,
                (KeyPurpose::Authentication, KeyPurpose::Signing) => EdsCode::SigningKeyForAuth,
                _ => EdsCode::WrongKeyUsage,
            },
            VerifyError::IinMismatch => EdsCode::IinMismatch,
            VerifyError::BinMismatch => EdsCode::BinMismatch,
            VerifyError::SigningTimeMissing => EdsCode::SigningTimeMissing,
            VerifyError::SignedAfterExpiry => EdsCode::Expired,
            VerifyError::SignedBeforeValidity => EdsCode::NotYetValid,
            VerifyError::SigningTimeInFuture => EdsCode::SigningTime,
        }
    }
}

fn signature_code(e: &SignatureError) -> EdsCode {
    match e {
        SignatureError::WeakAlgorithm | SignatureError::WeakKey(_) => EdsCode::WeakAlgorithm,
        SignatureError::UnsupportedAlgorithm(_) => EdsCode::UnsupportedAlgorithm,
        SignatureError::BadKey => EdsCode::Malformed,
        SignatureError::Mismatch => EdsCode::BadSignature,
    }
}

fn cms_code(e: &CmsError) -> EdsCode {
    match e {
        CmsError::Empty
        | CmsError::Malformed(_)
        | CmsError::NotSignedData
        | CmsError::SignerCount(_)
        | CmsError::SignerCertificateMissing
        | CmsError::NoSignedAttributes => EdsCode::Malformed,
        CmsError::ContentMissing => EdsCode::ContentMissing,
        CmsError::DigestMismatch => EdsCode::ContentMismatch,
        CmsError::WeakDigest => EdsCode::WeakAlgorithm,
        CmsError::UnsupportedDigest(_) => EdsCode::UnsupportedAlgorithm,
        CmsError::Signature(e) => signature_code(e),
    }
}

fn chain_code(e: &ChainError) -> EdsCode {
    match e {
        ChainError::UnknownIssuer(_) | ChainError::TooLong => EdsCode::UnknownIssuer,
        ChainError::SelfSignedLeaf => EdsCode::SelfSigned,
        ChainError::NotYetValid(_) => EdsCode::NotYetValid,
        ChainError::Expired(_) => EdsCode::Expired,
        ChainError::IssuerNotCa(_) => EdsCode::IssuerNotCa,
        ChainError::Signature { error, .. } => match signature_code(error) {
            EdsCode::BadSignature => EdsCode::UnknownIssuer,
            other => other,
        },
        ChainError::Revoked(_) => EdsCode::Revoked,
        ChainError::OnHold(_) => EdsCode::OnHold,
        ChainError::CrlMissing(_) => EdsCode::CrlMissing,
        ChainError::CrlStale(_) => EdsCode::CrlStale,
        ChainError::CrlSignature(_) => EdsCode::CrlForged,
        ChainError::OcspForged(_) => EdsCode::OcspForged,
        ChainError::OcspMissing(_) => EdsCode::OcspMissing,
    }
}

/// What was checked, to store beside whatever was signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub signer_serial: String,
    pub signer_iin: Option<String>,
    pub signer_bin: Option<String>,
    pub signer_name: Option<String>,
    pub signer_organization: Option<String>,
    pub signer_roles: Vec<super::cert::HolderRole>,
    pub signing_time: u64,
    pub validated_at: u64,
    /// Subjects' common names, signer first, root last.
    pub path: Vec<String>,
}

pub fn verify(
    der: &[u8],
    expected: Expected<'_>,
    store: &TrustStore,
    crls: &[Crl],
    now: u64,
) -> Result<Report, VerifyError> {
    verify_with(der, expected, store, &Evidence::crls(crls), now)
}

/// [`verify`] with OCSP responses beside the CRLs (`revocation`).
pub fn verify_with(
    der: &[u8],
    expected: Expected<'_>,
    store: &TrustStore,
    evidence: &Evidence<'_>,
    now: u64,
) -> Result<Report, VerifyError> {
    let signed = cms::verify(der, Some(expected.content))?;
    let info = cert::info(&signed.signer)
        .map_err(|e| VerifyError::Cms(CmsError::Malformed(e.to_string())))?;
    // A self-signed holder certificate is refused for what it is, before
    // what it claims to be for.
    if chain::self_signed_untrusted(&signed.signer, store) {
        return Err(VerifyError::ChainAtSigning(ChainError::SelfSignedLeaf));
    }
    if info.purpose != expected.purpose {
        return Err(VerifyError::WrongKeyPurpose {
            expected: expected.purpose,
            found: info.purpose,
        });
    }
    if let Some(iin) = expected.iin
        && info.iin.as_deref() != Some(iin)
    {
        return Err(VerifyError::IinMismatch);
    }
    if let Some(bin) = expected.bin
        && info.bin.as_deref() != Some(bin)
    {
        return Err(VerifyError::BinMismatch);
    }
    let signing_time = signed.signing_time.ok_or(VerifyError::SigningTimeMissing)?;
    if signing_time > now + CLOCK_SKEW_SECS {
        return Err(VerifyError::SigningTimeInFuture);
    }
    if signing_time < info.not_before {
        return Err(VerifyError::SignedBeforeValidity);
    }
    if signing_time > info.not_after {
        return Err(VerifyError::SignedAfterExpiry);
    }
    // Intermediates carried in the signature may help build the path; only
    // the store's roots are trusted.
    let store = store.with_intermediates(&signed.certificates);
    chain::validate_with(&signed.signer, &store, evidence, signing_time)
        .map_err(VerifyError::ChainAtSigning)?;
    let path = chain::validate_with(&signed.signer, &store, evidence, now)
        .map_err(VerifyError::ChainNow)?;
    Ok(Report {
        signer_serial: info.serial_hex,
        signer_iin: info.iin,
        signer_bin: info.bin,
        signer_name: info.common_name,
        signer_organization: info.organization,
        signer_roles: info.roles,
        signing_time,
        validated_at: now,
        path: path.iter().map(common_name).collect(),
    })
}

fn common_name(c: &Certificate) -> String {
    cert::info(c)
        .ok()
        .and_then(|i| i.common_name)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::testdata::*;

    fn store() -> TrustStore {
        TrustStore::new(
            vec![cert::read(&interop("ca/root_rsa_test.pem")).expect("root")],
            vec![],
        )
    }

    const SAMPLE: &str = "samples/cms/2021_ncanode_attached_rsa_1signer.p7s";
    /// 2021-06-01.
    const JUNE_2021: u64 = 1_622_505_600;

    fn expected(iin: Option<&'static str>) -> Expected<'static> {
        Expected {
            content: b"test123",
            iin,
            bin: None,
            purpose: KeyPurpose::Signing,
        }
    }

    #[test]
    fn each_policy_check_refuses_with_its_own_reason() {
        let sig = interop(SAMPLE);
        assert_eq!(
            verify(
                &sig,
                Expected {
                    content: b"other",
                    ..expected(None)
                },
                &store(),
                &[],
                JUNE_2021
            ),
            Err(VerifyError::Cms(CmsError::DigestMismatch))
        );
        assert_eq!(
            verify(
                &sig,
                Expected {
                    purpose: KeyPurpose::Authentication,
                    ..expected(None)
                },
                &store(),
                &[],
                JUNE_2021
            ),
            Err(VerifyError::WrongKeyPurpose {
                expected: KeyPurpose::Authentication,
                found: KeyPurpose::Signing
            })
        );
        assert_eq!(
            verify(
                &sig,
                expected(Some("900101300007")),
                &store(),
                &[],
                JUNE_2021
            ),
            Err(VerifyError::IinMismatch)
        );
        assert_eq!(
            verify(
                &sig,
                Expected {
                    bin: Some("050440000002"),
                    ..expected(Some("123456789011"))
                },
                &store(),
                &[],
                JUNE_2021
            ),
            Err(VerifyError::BinMismatch)
        );
        // Signed 2022-09-28, checked in 2021: a signing time from the future.
        assert_eq!(
            verify(
                &sig,
                expected(Some("123456789011")),
                &store(),
                &[],
                JUNE_2021
            ),
            Err(VerifyError::SigningTimeInFuture)
        );
        // Checked in 2023: the certificate had expired (2022-01-18) before it was used.
        assert_eq!(
            verify(
                &sig,
                expected(Some("123456789011")),
                &store(),
                &[],
                1_680_000_000
            ),
            Err(VerifyError::SignedAfterExpiry)
        );
        assert!(matches!(
            verify(b"", expected(None), &store(), &[], JUNE_2021),
            Err(VerifyError::Cms(CmsError::Empty))
        ));
    }
}

#[cfg(test)]
mod nca_tests;
