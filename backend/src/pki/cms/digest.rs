//! The content digests a CMS signer may name: SHA-256/384/512 and the GOST
//! ones (Streebog, and GOST R 34.11-94 as the national GOST 34.311-95).

use x509_cert::der::asn1::ObjectIdentifier as Oid;

use crate::pki::signature::Sha2;

const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");

/// Whether a signer's signatureAlgorithm `oid` names only a key's
/// algorithm (`rsaEncryption`, or a GOST key as RFC 4490 §3.2 has it), so
/// the signature algorithm is that key's with the signer's digest.
pub fn is_key_algorithm(oid: &Oid) -> bool {
    *oid == RSA_ENCRYPTION || gost::is_gost_key(&oid.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentDigest {
    Sha2(Sha2),
    Gost(gost::Digest),
}

impl ContentDigest {
    pub fn from_oid(oid: &Oid) -> Option<Self> {
        Some(match oid.to_string().as_str() {
            "2.16.840.1.101.3.4.2.1" => Self::Sha2(Sha2::Sha256),
            "2.16.840.1.101.3.4.2.2" => Self::Sha2(Sha2::Sha384),
            "2.16.840.1.101.3.4.2.3" => Self::Sha2(Sha2::Sha512),
            other => Self::Gost(gost::Digest::from_oid(other)?),
        })
    }

    /// The digest as the messageDigest attribute carries it (the GOST
    /// ones in the streebog/gost94 crates' byte order, which the national
    /// center's signatures use too).
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Self::Sha2(h) => h.digest(data),
            Self::Gost(h) => h.digest(data),
        }
    }

    /// The signature algorithm with this digest, for signers that name
    /// only their key's algorithm `key` ([`is_key_algorithm`]); none when
    /// that key does not sign with this digest.
    pub fn signature_for_key(self, key: &Oid) -> Option<Oid> {
        let oid = match self {
            Self::Sha2(_) if *key != RSA_ENCRYPTION => return None,
            Self::Sha2(Sha2::Sha256) => "1.2.840.113549.1.1.11",
            Self::Sha2(Sha2::Sha384) => "1.2.840.113549.1.1.12",
            Self::Sha2(Sha2::Sha512) => "1.2.840.113549.1.1.13",
            Self::Gost(d) => gost::signature_for_key(&key.to_string(), d)?,
        };
        Oid::new(oid).ok()
    }
}
