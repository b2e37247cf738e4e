//! What a GOST key signs with: the digest and signature algorithms its
//! key algorithm OID calls for, named as the national center's own CMS
//! signatures name them (its 2026 samples: digest 1.2.398.3.10.1.3.3,
//! signature 1.2.398.3.10.1.1.2.3.2, both with NULL parameters) and, for
//! TC26's keys, as RFC 9215 and R 1323565.1.024 do.

use crate::algorithms::{Digest, Layout, SignatureAlgorithm};

/// The algorithms a key of one kind signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    pub digest: Digest,
    /// The CMS `digestAlgorithm`.
    pub digest_oid: &'static str,
    /// The CMS `signatureAlgorithm`.
    pub signature_oid: &'static str,
    /// How r and s sit in the signature value.
    pub layout: Layout,
}

impl Profile {
    /// The profile of a key whose algorithm is `key_oid`; none for a key
    /// this crate does not sign with (GOST 34.310-2004's
    /// 1.2.398.3.10.1.1.1.1 among them: its CMS names no signature
    /// algorithm the server's allow-list has).
    pub fn for_key(key_oid: &str) -> Option<Self> {
        let (digest_oid, signature_oid) = match key_oid {
            // The national center's GOST R 34.10-2015, 512 bits.
            "1.2.398.3.10.1.1.2.2" => ("1.2.398.3.10.1.3.3", "1.2.398.3.10.1.1.2.3.2"),
            // TC26's GOST R 34.10-2012, 256 and 512 bits.
            "1.2.643.7.1.1.1.1" => ("1.2.643.7.1.1.2.2", "1.2.643.7.1.1.3.2"),
            "1.2.643.7.1.1.1.2" => ("1.2.643.7.1.1.2.3", "1.2.643.7.1.1.3.3"),
            _ => return None,
        };
        let SignatureAlgorithm { digest, layout } = SignatureAlgorithm::from_oid(signature_oid)?;
        Some(Self {
            digest,
            digest_oid,
            signature_oid,
            layout,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_profile_names_what_the_verifier_reads() {
        for (key, digest, layout) in [
            (
                "1.2.398.3.10.1.1.2.2",
                Digest::Streebog512,
                Layout::National,
            ),
            ("1.2.643.7.1.1.1.1", Digest::Streebog256, Layout::Rfc4491),
            ("1.2.643.7.1.1.1.2", Digest::Streebog512, Layout::Rfc4491),
        ] {
            let p = Profile::for_key(key).expect(key);
            assert!(crate::is_gost_key(key), "{key}");
            assert_eq!((p.digest, p.layout), (digest, layout), "{key}");
            // The digest OID names the same digest to the verifier.
            assert_eq!(Digest::from_oid(p.digest_oid), Some(digest), "{key}");
        }
        // GOST 34.310-2004 and anything else: no profile.
        for other in ["1.2.398.3.10.1.1.1.1", "1.2.840.10045.2.1", ""] {
            assert_eq!(Profile::for_key(other), None, "{other}");
        }
    }
}
