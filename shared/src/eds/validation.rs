//! The public signature validation service's report (`POST
//! /api/validation`, the page `/validate`), in the terms of ETSI EN 319
//! 102-1: an indication and sub-indication for the whole signature and for
//! each of its signers, with who signed, when, the timestamp that proves
//! when at the latest, the path to the trusted root and what said the
//! certificate was not revoked.

use serde::{Deserialize, Serialize};

use super::EdsCode;

/// ETSI EN 319 102-1's main indication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Indication {
    TotalPassed,
    TotalFailed,
    Indeterminate,
}

/// ETSI EN 319 102-1's sub-indications the portal gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SubIndication {
    /// Not a CMS signature, or one that breaks its own format.
    FormatFailure,
    /// The document is not the one signed.
    HashFailure,
    /// The signature value does not verify with the signer's key.
    SigCryptoFailure,
    /// The document of a detached signature was not given.
    SignedDataNotFound,
    /// The signer's certificate is not in the signature.
    NoSigningCertificateFound,
    /// No path from the signer's certificate to a trusted root.
    NoCertificateChainFound,
    /// A path that breaks the rules of a path (an issuer not a CA, too long).
    ChainConstraintsFailure,
    /// A revocation list or answer that is not its issuer's.
    CertificateChainGeneralFailure,
    /// An algorithm refused as weak or unknown, and no proof of an earlier
    /// time when it was not.
    CryptoConstraintsFailureNoPoe,
    /// The signer's certificate is revoked or on hold, and nothing proves
    /// the signature existed before.
    RevokedNoPoe,
    /// The validation time is outside the certificate's validity, and
    /// nothing proves the signature existed inside it.
    OutOfBoundsNoPoe,
    /// No current revocation information: ask again later.
    TryLater,
}

/// What said the signer's certificate was not revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RevocationSource {
    Ocsp,
    Crl,
}

/// The revocation information used, and the time it speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevocationCheck {
    pub source: RevocationSource,
    /// Its `thisUpdate` (Unix seconds).
    pub at: u64,
}

/// A holder's role, as the national convention's OIDs in the certificate
/// say (1.2.398.3.3.4.1.*), read as words by the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SignerRole {
    Individual,
    LegalEntity,
    Head,
    SigningRight,
    Employee,
    InformationSystem,
}

/// One signer's verdict and what it rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignerReport {
    pub indication: Indication,
    pub sub_indication: Option<SubIndication>,
    /// The portal's own reason, localized as everywhere (`eds.<code>`).
    pub reason: Option<EdsCode>,
    /// The certificate's common name.
    pub subject: Option<String>,
    pub iin: Option<String>,
    pub bin: Option<String>,
    pub organization: Option<String>,
    pub roles: Vec<SignerRole>,
    /// The key's algorithm by its standard's name (e.g. `GOST R
    /// 34.10-2015 (512 bit)`, `RSA`, `ECDSA P-256`).
    pub key_algorithm: Option<String>,
    /// The time the signer claims (Unix seconds).
    pub signing_time: Option<u64>,
    /// The time a trusted timestamp proves (Unix seconds).
    pub timestamp: Option<u64>,
    /// The time the certificate's path was judged at.
    pub validation_time: u64,
    /// Common names from the signer's certificate to the root.
    pub path: Vec<String>,
    pub revocation: Option<RevocationCheck>,
}

/// The report on one uploaded signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ValidationReport {
    pub indication: Indication,
    pub sub_indication: Option<SubIndication>,
    pub signers: Vec<SignerReport>,
    /// SHA-256 (hex) of the signed document, attached or given.
    pub document_sha256: Option<String>,
    /// When the portal made the report (Unix seconds).
    pub validated_at: u64,
}

impl Indication {
    /// Its name on the wire (the app's texts are `validate.indication.<name>`).
    pub const fn code(self) -> &'static str {
        match self {
            Indication::TotalPassed => "TOTAL_PASSED",
            Indication::TotalFailed => "TOTAL_FAILED",
            Indication::Indeterminate => "INDETERMINATE",
        }
    }
}

impl SubIndication {
    /// Its name on the wire (the app's texts are `validate.sub.<name>`).
    pub const fn code(self) -> &'static str {
        match self {
            SubIndication::FormatFailure => "FORMAT_FAILURE",
            SubIndication::HashFailure => "HASH_FAILURE",
            SubIndication::SigCryptoFailure => "SIG_CRYPTO_FAILURE",
            SubIndication::SignedDataNotFound => "SIGNED_DATA_NOT_FOUND",
            SubIndication::NoSigningCertificateFound => "NO_SIGNING_CERTIFICATE_FOUND",
            SubIndication::NoCertificateChainFound => "NO_CERTIFICATE_CHAIN_FOUND",
            SubIndication::ChainConstraintsFailure => "CHAIN_CONSTRAINTS_FAILURE",
            SubIndication::CertificateChainGeneralFailure => "CERTIFICATE_CHAIN_GENERAL_FAILURE",
            SubIndication::CryptoConstraintsFailureNoPoe => "CRYPTO_CONSTRAINTS_FAILURE_NO_POE",
            SubIndication::RevokedNoPoe => "REVOKED_NO_POE",
            SubIndication::OutOfBoundsNoPoe => "OUT_OF_BOUNDS_NO_POE",
            SubIndication::TryLater => "TRY_LATER",
        }
    }

    /// Every sub-indication.
    pub const ALL: [SubIndication; 12] = [
        SubIndication::FormatFailure,
        SubIndication::HashFailure,
        SubIndication::SigCryptoFailure,
        SubIndication::SignedDataNotFound,
        SubIndication::NoSigningCertificateFound,
        SubIndication::NoCertificateChainFound,
        SubIndication::ChainConstraintsFailure,
        SubIndication::CertificateChainGeneralFailure,
        SubIndication::CryptoConstraintsFailureNoPoe,
        SubIndication::RevokedNoPoe,
        SubIndication::OutOfBoundsNoPoe,
        SubIndication::TryLater,
    ];
}

impl SignerRole {
    /// Its name on the wire (the app's texts are `validate.role.<name>`).
    pub const fn code(self) -> &'static str {
        match self {
            SignerRole::Individual => "individual",
            SignerRole::LegalEntity => "legal_entity",
            SignerRole::Head => "head",
            SignerRole::SigningRight => "signing_right",
            SignerRole::Employee => "employee",
            SignerRole::InformationSystem => "information_system",
        }
    }
}

impl RevocationSource {
    /// Its name on the wire (the app's texts are `validate.source.<name>`).
    pub const fn code(self) -> &'static str {
        match self {
            RevocationSource::Ocsp => "ocsp",
            RevocationSource::Crl => "crl",
        }
    }
}

impl ValidationReport {
    /// The whole signature's indication: passed when every signer passed,
    /// else the first failure, else the first indeterminate one.
    pub fn overall(signers: &[SignerReport]) -> (Indication, Option<SubIndication>) {
        let first = |i: Indication| signers.iter().find(|s| s.indication == i);
        match (
            first(Indication::TotalFailed),
            first(Indication::Indeterminate),
        ) {
            (Some(s), _) | (None, Some(s)) => (s.indication, s.sub_indication),
            (None, None) if !signers.is_empty() => (Indication::TotalPassed, None),
            (None, None) => (Indication::TotalFailed, Some(SubIndication::FormatFailure)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer(indication: Indication, sub: Option<SubIndication>) -> SignerReport {
        SignerReport {
            indication,
            sub_indication: sub,
            reason: None,
            subject: None,
            iin: None,
            bin: None,
            organization: None,
            roles: vec![],
            key_algorithm: None,
            signing_time: None,
            timestamp: None,
            validation_time: 0,
            path: vec![],
            revocation: None,
        }
    }

    #[test]
    fn the_whole_passes_only_when_every_signer_does() {
        let passed = signer(Indication::TotalPassed, None);
        let revoked = signer(Indication::Indeterminate, Some(SubIndication::RevokedNoPoe));
        let forged = signer(
            Indication::TotalFailed,
            Some(SubIndication::SigCryptoFailure),
        );
        assert_eq!(
            ValidationReport::overall(&[passed.clone(), passed.clone()]),
            (Indication::TotalPassed, None)
        );
        assert_eq!(
            ValidationReport::overall(&[passed.clone(), revoked.clone()]),
            (Indication::Indeterminate, Some(SubIndication::RevokedNoPoe))
        );
        assert_eq!(
            ValidationReport::overall(&[revoked, forged, passed]),
            (
                Indication::TotalFailed,
                Some(SubIndication::SigCryptoFailure)
            )
        );
        let json = serde_json::to_string(&Indication::TotalPassed).expect("json");
        assert_eq!(json, "\"TOTAL_PASSED\"");
        let json = serde_json::to_string(&SubIndication::RevokedNoPoe).expect("json");
        assert_eq!(json, "\"REVOKED_NO_POE\"");
    }

    #[test]
    fn each_code_is_its_name_on_the_wire() {
        for s in SubIndication::ALL {
            assert_eq!(wire(&s), s.code());
        }
        for i in [
            Indication::TotalPassed,
            Indication::TotalFailed,
            Indication::Indeterminate,
        ] {
            assert_eq!(wire(&i), i.code());
        }
        for r in [
            SignerRole::Individual,
            SignerRole::LegalEntity,
            SignerRole::Head,
            SignerRole::SigningRight,
            SignerRole::Employee,
            SignerRole::InformationSystem,
        ] {
            assert_eq!(wire(&r), r.code());
        }
        for r in [RevocationSource::Ocsp, RevocationSource::Crl] {
            assert_eq!(wire(&r), r.code());
        }
    }

    fn wire<T: Serialize>(v: &T) -> String {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}
