//! Checking one signature made by a certificate's key: a certificate signed
//! by its issuer, a CRL signed by its CA, a CMS signer's attributes. An
//! allow-list of algorithms: RSA (2048 bits or more) and ECDSA P-256 and
//! P-384, with SHA-256, SHA-384 or SHA-512; the national center's GOST
//! R 34.10-2015 (512) and GOST 34.310-2004 (256) and TC26's GOST R
//! 34.10-2012 (see `gost.rs`). MD5 and SHA-1 are refused as weak.
//!
//! RSA here only verifies, which the `rsa` crate does in constant time
//! enough for public data (its known timing issue concerns private keys).

use rsa::RsaPublicKey;
use rsa::pkcs1v15::{Signature as RsaSignature, VerifyingKey as RsaVerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use rsa::signature::hazmat::PrehashVerifier;
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::der::Encode;
use x509_cert::der::asn1::ObjectIdentifier as Oid;
use x509_cert::spki::SubjectPublicKeyInfoOwned;

const SHA1_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");
const MD5_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.4");
const ECDSA_SHA1: Oid = Oid::new_unwrap("1.2.840.10045.4.1");
const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
const P384: Oid = Oid::new_unwrap("1.3.132.0.34");

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

/// A SHA-2 digest of the allow-list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sha2 {
    Sha256,
    Sha384,
    Sha512,
}

impl Sha2 {
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Sha2::Sha256 => Sha256::digest(data).to_vec(),
            Sha2::Sha384 => Sha384::digest(data).to_vec(),
            Sha2::Sha512 => Sha512::digest(data).to_vec(),
        }
    }
}

enum Scheme {
    Rsa(Sha2),
    Ecdsa(Sha2),
}

fn scheme(algorithm: &Oid) -> Option<Scheme> {
    Some(match algorithm.to_string().as_str() {
        "1.2.840.113549.1.1.11" => Scheme::Rsa(Sha2::Sha256),
        "1.2.840.113549.1.1.12" => Scheme::Rsa(Sha2::Sha384),
        "1.2.840.113549.1.1.13" => Scheme::Rsa(Sha2::Sha512),
        "1.2.840.10045.4.3.2" => Scheme::Ecdsa(Sha2::Sha256),
        "1.2.840.10045.4.3.3" => Scheme::Ecdsa(Sha2::Sha384),
        "1.2.840.10045.4.3.4" => Scheme::Ecdsa(Sha2::Sha512),
        _ => return None,
    })
}

fn verify_rsa(
    spki_der: &[u8],
    hash: Sha2,
    message: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    let key = RsaPublicKey::from_public_key_der(spki_der).map_err(|_| SignatureError::BadKey)?;
    let bits = rsa::traits::PublicKeyParts::size(&key) * 8;
    if bits < MIN_RSA_BITS {
        return Err(SignatureError::WeakKey(bits));
    }
    let sig = RsaSignature::try_from(signature).map_err(|_| SignatureError::Mismatch)?;
    let ok = match hash {
        Sha2::Sha256 => RsaVerifyingKey::<Sha256>::new(key).verify(message, &sig),
        Sha2::Sha384 => RsaVerifyingKey::<Sha384>::new(key).verify(message, &sig),
        Sha2::Sha512 => RsaVerifyingKey::<Sha512>::new(key).verify(message, &sig),
    };
    ok.map_err(|_| SignatureError::Mismatch)
}

/// ECDSA over the digest (truncated to the curve's size as FIPS 186 says,
/// which the `ecdsa` crate's prehash verification does).
fn verify_ecdsa(
    signer: &SubjectPublicKeyInfoOwned,
    spki_der: &[u8],
    hash: Sha2,
    message: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    let curve: Oid = signer
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as().ok())
        .ok_or(SignatureError::BadKey)?;
    let digest = hash.digest(message);
    if curve == P256 {
        let key = p256::ecdsa::VerifyingKey::from_public_key_der(spki_der)
            .map_err(|_| SignatureError::BadKey)?;
        let sig =
            p256::ecdsa::Signature::from_der(signature).map_err(|_| SignatureError::Mismatch)?;
        key.verify_prehash(&digest, &sig)
            .map_err(|_| SignatureError::Mismatch)
    } else if curve == P384 {
        let key = p384::ecdsa::VerifyingKey::from_public_key_der(spki_der)
            .map_err(|_| SignatureError::BadKey)?;
        let sig =
            p384::ecdsa::Signature::from_der(signature).map_err(|_| SignatureError::Mismatch)?;
        key.verify_prehash(&digest, &sig)
            .map_err(|_| SignatureError::Mismatch)
    } else {
        Err(SignatureError::UnsupportedAlgorithm(curve.to_string()))
    }
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
    if let Some(result) = super::gost::verify(signer, algorithm, message, signature) {
        return result.map_err(|e| match e {
            super::gost::GostError::BadKey => SignatureError::BadKey,
            super::gost::GostError::UnsupportedCurve(c) => SignatureError::UnsupportedAlgorithm(c),
            super::gost::GostError::Mismatch => SignatureError::Mismatch,
        });
    }
    let spki_der = signer.to_der().map_err(|_| SignatureError::BadKey)?;
    match scheme(algorithm) {
        Some(Scheme::Rsa(hash)) => verify_rsa(&spki_der, hash, message, signature),
        Some(Scheme::Ecdsa(hash)) => verify_ecdsa(signer, &spki_der, hash, message, signature),
        None => Err(SignatureError::UnsupportedAlgorithm(algorithm.to_string())),
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

#[cfg(test)]
mod gost_tests;
