//! One signer's verdict in ETSI EN 319 102-1 terms: its cryptography (from
//! `pki::cms`), the proof of existence its timestamp gives (CAdES-T: a
//! token over its signature value by a TSA whose path to a trusted root is
//! established), and its certificate's path judged at that time, else at
//! the validation time asked for — with the revocation evidence gathered.

use shared::eds::EdsCode;
use shared::eds::validation::{
    Indication, RevocationCheck, SignerReport, SignerRole, SubIndication,
};
use x509_cert::Certificate;

use crate::pki::cert::{self, HolderRole, KeyAlgorithm};
use crate::pki::chain::{self, ChainError, TrustStore};
use crate::pki::cms::{CmsError, Verified};
use crate::pki::revocation::{self, Evidence};
use crate::pki::signature::SignatureError;
use crate::pki::tsp;

/// The indication a refused signature's cryptography gives.
pub fn of_cms(e: &CmsError) -> (Indication, SubIndication) {
    use Indication::{Indeterminate, TotalFailed};
    match e {
        CmsError::Empty
        | CmsError::Malformed(_)
        | CmsError::NotSignedData
        | CmsError::SignerCount(_)
        | CmsError::NoSignedAttributes => (TotalFailed, SubIndication::FormatFailure),
        CmsError::ContentMissing => (Indeterminate, SubIndication::SignedDataNotFound),
        CmsError::DigestMismatch => (TotalFailed, SubIndication::HashFailure),
        CmsError::SignerCertificateMissing => {
            (Indeterminate, SubIndication::NoSigningCertificateFound)
        }
        CmsError::Signature(SignatureError::Mismatch | SignatureError::BadKey) => {
            (TotalFailed, SubIndication::SigCryptoFailure)
        }
        CmsError::WeakDigest | CmsError::UnsupportedDigest(_) | CmsError::Signature(_) => {
            (Indeterminate, SubIndication::CryptoConstraintsFailureNoPoe)
        }
    }
}

/// The indication a refused path gives.
fn of_chain(e: &ChainError) -> (Indication, SubIndication) {
    use Indication::Indeterminate;
    let sub = match e {
        ChainError::UnknownIssuer(_) | ChainError::SelfSignedLeaf => {
            SubIndication::NoCertificateChainFound
        }
        ChainError::NotYetValid(_) | ChainError::Expired(_) => SubIndication::OutOfBoundsNoPoe,
        ChainError::IssuerNotCa(_) | ChainError::TooLong => SubIndication::ChainConstraintsFailure,
        ChainError::Signature { error, .. } => match error {
            SignatureError::Mismatch => SubIndication::NoCertificateChainFound,
            _ => SubIndication::CryptoConstraintsFailureNoPoe,
        },
        ChainError::Revoked(_) | ChainError::OnHold(_) => SubIndication::RevokedNoPoe,
        ChainError::CrlMissing(_) | ChainError::CrlStale(_) | ChainError::OcspMissing(_) => {
            SubIndication::TryLater
        }
        ChainError::CrlSignature(_) | ChainError::OcspForged(_) => {
            SubIndication::CertificateChainGeneralFailure
        }
    };
    (Indeterminate, sub)
}

fn role(r: HolderRole) -> SignerRole {
    match r {
        HolderRole::Individual => SignerRole::Individual,
        HolderRole::LegalEntity => SignerRole::LegalEntity,
        HolderRole::Head => SignerRole::Head,
        HolderRole::SigningRight => SignerRole::SigningRight,
        HolderRole::Employee => SignerRole::Employee,
        HolderRole::InformationSystem => SignerRole::InformationSystem,
    }
}

/// The key algorithm by its standard's name.
fn algorithm(a: &KeyAlgorithm) -> String {
    match a {
        KeyAlgorithm::Rsa => "RSA".into(),
        KeyAlgorithm::EcdsaP256 => "ECDSA P-256".into(),
        KeyAlgorithm::Other(oid) if oid == "1.2.840.10045.2.1" => "ECDSA".into(),
        KeyAlgorithm::Other(oid) if oid.starts_with("1.2.398.3.10.1.1.2") => {
            "GOST R 34.10-2015".into()
        }
        KeyAlgorithm::Other(oid) if oid.starts_with("1.2.398.3.10.1.1.1") => {
            "GOST 34.310-2004".into()
        }
        KeyAlgorithm::Other(oid) if oid == "1.2.643.7.1.1.1.2" => {
            "GOST R 34.10-2012 (512 bit)".into()
        }
        KeyAlgorithm::Other(oid) if oid == "1.2.643.7.1.1.1.1" => {
            "GOST R 34.10-2012 (256 bit)".into()
        }
        KeyAlgorithm::Other(oid) => oid.clone(),
    }
}

/// A report of a signer whose cryptography was refused.
pub fn refused(e: &CmsError, validation_time: u64) -> SignerReport {
    let (indication, sub) = of_cms(e);
    SignerReport {
        indication,
        sub_indication: Some(sub),
        reason: Some(crate::pki::verify::VerifyError::Cms(e.clone()).code()),
        subject: None,
        iin: None,
        bin: None,
        organization: None,
        roles: Vec::new(),
        key_algorithm: None,
        signing_time: None,
        timestamp: None,
        validation_time,
        path: Vec::new(),
        revocation: None,
    }
}

/// The time the signer's timestamp proves, when it is a good one.
fn proof_of_existence(v: &Verified, store: &TrustStore) -> Option<u64> {
    let token = v.timestamp_token.as_ref()?;
    let stamp = tsp::judge(token, &v.signature_value, None).ok()?;
    let store = store.with_intermediates(&stamp.certificates);
    chain::established_path(&stamp.tsa, &store).map(|_| stamp.gen_time)
}

fn common_name(c: &Certificate) -> String {
    cert::info(c)
        .ok()
        .and_then(|i| i.common_name)
        .unwrap_or_default()
}

/// The verdict on a signer whose cryptography holds, at `at` (or the time
/// its timestamp proves), with `evidence`.
pub fn signer(v: &Verified, store: &TrustStore, evidence: &Evidence<'_>, at: u64) -> SignerReport {
    let info = cert::info(&v.signer).ok();
    let timestamp = proof_of_existence(v, store);
    let validation_time = timestamp.unwrap_or(at);
    let store = store.with_intermediates(&v.certificates);
    let verdict = chain::validate_with(&v.signer, &store, evidence, validation_time);
    let (indication, sub_indication, reason, path, revocation) = match &verdict {
        Ok(path) => {
            let revocation = path.get(1).and_then(|issuer| {
                revocation::source(&v.signer, issuer, evidence)
                    .map(|(source, at)| RevocationCheck { source, at })
            });
            let names = path.iter().map(common_name).collect();
            (Indication::TotalPassed, None, None, names, revocation)
        }
        Err(e) => {
            let (i, s) = of_chain(e);
            let code = crate::pki::verify::VerifyError::ChainNow(e.clone()).code();
            (i, Some(s), Some(code), Vec::new(), None)
        }
    };
    let reason: Option<EdsCode> = reason;
    SignerReport {
        indication,
        sub_indication,
        reason,
        subject: info.as_ref().and_then(|i| i.common_name.clone()),
        iin: info.as_ref().and_then(|i| i.iin.clone()),
        bin: info.as_ref().and_then(|i| i.bin.clone()),
        organization: info.as_ref().and_then(|i| i.organization.clone()),
        roles: info
            .as_ref()
            .map(|i| i.roles.iter().copied().map(role).collect())
            .unwrap_or_default(),
        key_algorithm: info.as_ref().map(|i| algorithm(&i.key_algorithm)),
        signing_time: v.signing_time,
        timestamp,
        validation_time,
        path,
        revocation,
    }
}
