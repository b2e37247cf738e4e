//! Checking one signature made by a certificate's key: a certificate signed
//! by its issuer, a CRL signed by its CA. An allow-list of algorithms: RSA
//! (2048 bits or more) and ECDSA P-256, with SHA-256; MD5 and SHA-1 refused.
//!
//! RSA here only verifies, which the `rsa` crate does in constant time
//! enough for public data (its known timing issue concerns private keys).

use rsa::RsaPublicKey;
use rsa::pkcs1v15::{Signature as RsaSignature, VerifyingKey as RsaVerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use sha2::Sha256;
use x509_cert::der::Encode;
use x509_cert::der::asn1::ObjectIdentifier as Oid;
use x509_cert::spki::SubjectPublicKeyInfoOwned;

const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
const SHA1_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");
const MD5_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.4");
const ECDSA_SHA256: Oid = Oid::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_SHA1: Oid = Oid::new_unwrap("1.2.840.10045.4.1");

/// The smallest RSA key accepted.
pub const MIN_RSA_BITS: usize = 2048;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("a weak algorithm (MD5 or SHA-1)")]
    WeakAlgorithm,
    #[error("an algorithm outside the allow-list: {0}")]
    UnsupportedAlgorithm(String),
    #[error("an RSA key of {0} bits, below {MIN_RSA_BITS}")]
    WeakKey(usize),
    #[error("the key cannot be read")]
    BadKey,
    #[error("the signature does not match")]
    Mismatch,
}

/// Checks `signature` over `message` by the key in `signer`, with the
/// algorithm named by `algorithm`.
pub fn verify(
    signer: &SubjectPublicKeyInfoOwned,
    algorithm: &Oid,
    message: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    if *algorithm == SHA1_WITH_RSA || *algorithm == MD5_WITH_RSA || *algorithm == ECDSA_SHA1 {
        return Err(SignatureError::WeakAlgorithm);
    }
    let spki_der = signer.to_der().map_err(|_| SignatureError::BadKey)?;
    if *algorithm == SHA256_WITH_RSA {
        let key =
            RsaPublicKey::from_public_key_der(&spki_der).map_err(|_| SignatureError::BadKey)?;
        let bits = rsa::traits::PublicKeyParts::size(&key) * 8;
        if bits < MIN_RSA_BITS {
            return Err(SignatureError::WeakKey(bits));
        }
        let sig = RsaSignature::try_from(signature).map_err(|_| SignatureError::Mismatch)?;
        RsaVerifyingKey::<Sha256>::new(key)
            .verify(message, &sig)
            .map_err(|_| SignatureError::Mismatch)
    } else if *algorithm == ECDSA_SHA256 {
        let key = p256::ecdsa::VerifyingKey::from_public_key_der(&spki_der)
            .map_err(|_| SignatureError::BadKey)?;
        let sig =
            p256::ecdsa::Signature::from_der(signature).map_err(|_| SignatureError::Mismatch)?;
        key.verify(message, &sig)
            .map_err(|_| SignatureError::Mismatch)
    } else {
        Err(SignatureError::UnsupportedAlgorithm(algorithm.to_string()))
    }
}

/// Checks that `cert` was signed by the key of `issuer`.
pub fn verify_certificate(
    cert: &x509_cert::Certificate,
    issuer: &x509_cert::Certificate,
) -> Result<(), SignatureError> {
    if cert.signature_algorithm != cert.tbs_certificate.signature {
        return Err(SignatureError::Mismatch);
    }
    let tbs = cert
        .tbs_certificate
        .to_der()
        .map_err(|_| SignatureError::Mismatch)?;
    let sig = cert.signature.as_bytes().ok_or(SignatureError::Mismatch)?;
    verify(
        &issuer.tbs_certificate.subject_public_key_info,
        &cert.signature_algorithm.oid,
        &tbs,
        sig,
    )
}

/// Checks that `crl` was signed by the key of `issuer`.
pub fn verify_crl(
    crl: &x509_cert::crl::CertificateList,
    issuer: &x509_cert::Certificate,
) -> Result<(), SignatureError> {
    // Inner and outer algorithm identifiers must name the same algorithm
    // (one of the national CRLs differs only in NULL parameters).
    if crl.signature_algorithm.oid != crl.tbs_cert_list.signature.oid {
        return Err(SignatureError::Mismatch);
    }
    let tbs = crl
        .tbs_cert_list
        .to_der()
        .map_err(|_| SignatureError::Mismatch)?;
    let sig = crl.signature.as_bytes().ok_or(SignatureError::Mismatch)?;
    verify(
        &issuer.tbs_certificate.subject_public_key_info,
        &crl.signature_algorithm.oid,
        &tbs,
        sig,
    )
}
