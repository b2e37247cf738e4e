//! The private key out of a keystore: RSA (PKCS#8 or PKCS#1), ECDSA P-256
//! (PKCS#8), or GOST (PKCS#8: the national center's GOST R 34.10-2015 and
//! TC26's GOST R 34.10-2012, 512 bits, see [`crate::gost`]). GOST
//! 34.310-2004 keys, 256-bit GOST keys and every other algorithm are
//! [`EdsCode::UnsupportedKey`]; RSA below 2048
//! bits, which the server refuses, is [`EdsCode::WeakAlgorithm`].
//!
//! Every key type wipes itself when dropped (`rsa::RsaPrivateKey` and
//! `p256::ecdsa::SigningKey` implement `ZeroizeOnDrop`; a GOST key's d is
//! `Zeroizing`, and `shared/gost` wipes its scalars and each signature's
//! k), and the decoded bytes they were read from are wiped here.

use p256::pkcs8::DecodePublicKey;
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use shared::eds::EdsCode;
use x509_cert::Certificate;
use x509_cert::der::Encode;
use x509_cert::der::asn1::ObjectIdentifier as Oid;
use zeroize::Zeroizing;

use crate::ber::{self, Reader};
use crate::gost::GostKey;
use crate::pkcs12::{INTEGER, OCTET_STRING, OID, SEQUENCE};

const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
const PRIME256V1: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");

/// The smallest RSA key the server accepts.
pub(crate) const MIN_RSA_BITS: usize = 2048;

/// A private key the portal signs with.
pub(crate) enum PrivateKey {
    /// Boxed: an RSA key is three times the size of a P-256 key.
    Rsa(Box<rsa::RsaPrivateKey>),
    P256(p256::ecdsa::SigningKey),
    Gost(Box<GostKey>),
}

impl core::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            PrivateKey::Rsa(_) => "PrivateKey::Rsa(..)",
            PrivateKey::P256(_) => "PrivateKey::P256(..)",
            PrivateKey::Gost(_) => "PrivateKey::Gost(..)",
        })
    }
}

/// Reads a key bag's contents: a PKCS#8 PrivateKeyInfo (DER or BER), or a
/// bare PKCS#1 RSAPrivateKey.
pub(crate) fn parse(bytes: &[u8]) -> Result<PrivateKey, EdsCode> {
    let unsupported = || EdsCode::UnsupportedKey;
    let der = Zeroizing::new(ber::to_der(bytes).map_err(|_| unsupported())?);
    let mut top = Reader::new(&der);
    let info = top.expect(SEQUENCE).ok_or_else(unsupported)?;
    if !top.is_empty() {
        return Err(unsupported());
    }
    let mut r = info.reader();
    r.expect(INTEGER).ok_or_else(unsupported)?;
    let Some(algorithm) = r.optional(SEQUENCE) else {
        // Not PKCS#8 (version, then an AlgorithmIdentifier): perhaps PKCS#1
        // (version, then the modulus).
        let key = rsa::RsaPrivateKey::from_pkcs1_der(&der).map_err(|_| unsupported())?;
        return rsa_key(key);
    };
    let inner = r.expect(OCTET_STRING).ok_or_else(unsupported)?;
    let mut a = algorithm.reader();
    let oid = a.expect(OID).ok_or_else(unsupported)?;
    let params = a.read();
    if oid.value == RSA_ENCRYPTION.as_bytes() {
        let key = rsa::RsaPrivateKey::from_pkcs1_der(inner.value).map_err(|_| unsupported())?;
        rsa_key(key)
    } else if oid.value == EC_PUBLIC_KEY.as_bytes() {
        let curve = params.filter(|p| p.tag == OID).map(|p| p.value);
        if curve != Some(PRIME256V1.as_bytes()) {
            return Err(unsupported());
        }
        let secret = p256::SecretKey::from_sec1_der(inner.value).map_err(|_| unsupported())?;
        Ok(PrivateKey::P256(p256::ecdsa::SigningKey::from(&secret)))
    } else if let Some(gost) = crate::gost::parse(oid.value, params, inner.value) {
        gost.map(|key| PrivateKey::Gost(Box::new(key)))
    } else {
        // EdDSA, …
        Err(unsupported())
    }
}

fn rsa_key(key: rsa::RsaPrivateKey) -> Result<PrivateKey, EdsCode> {
    if key.size() * 8 < MIN_RSA_BITS {
        return Err(EdsCode::WeakAlgorithm);
    }
    Ok(PrivateKey::Rsa(Box::new(key)))
}

impl PrivateKey {
    /// Whether `cert` carries this key's public key.
    pub(crate) fn matches(&self, cert: &Certificate) -> bool {
        let Ok(spki) = cert.tbs_certificate.subject_public_key_info.to_der() else {
            return false;
        };
        match self {
            PrivateKey::Rsa(key) => rsa::RsaPublicKey::from_public_key_der(&spki)
                .is_ok_and(|public| public == key.to_public_key()),
            PrivateKey::P256(key) => p256::ecdsa::VerifyingKey::from_public_key_der(&spki)
                .is_ok_and(|public| &public == key.verifying_key()),
            PrivateKey::Gost(key) => key.matches(cert),
        }
    }
}
