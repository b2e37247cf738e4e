//! Certificate revocation lists: who revoked what, and until when the list
//! is current.

use std::sync::{Arc, OnceLock};

use x509_cert::crl::CertificateList;
use x509_cert::der::Decode;

use crate::pki::signature::{self, SignatureError};

/// A CRL read and ready to answer "is this serial revoked?". Cheap to
/// clone (shared), so the portal's cache hands copies to every verdict.
#[derive(Debug, Clone)]
pub struct Crl {
    pub list: Arc<CertificateList>,
    /// Revoked serials (lower-case hex without leading zeros), sorted, with
    /// whether the entry is only a hold and since when (Unix seconds).
    revoked: Arc<[(String, bool, u64)]>,
    /// The public key (DER) whose signature on this list was checked and
    /// held: every verdict asks again, for the same list and the same CA.
    signed_by: Arc<OnceLock<Vec<u8>>>,
}

/// What a CRL says of one certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Good,
    Revoked,
    /// Suspended (reason `certificateHold`): refused while listed.
    OnHold,
}

const REASON_CODE: x509_cert::der::asn1::ObjectIdentifier =
    x509_cert::der::asn1::ObjectIdentifier::new_unwrap("2.5.29.21");

fn is_hold(entry: &x509_cert::crl::RevokedCert) -> bool {
    entry.crl_entry_extensions.iter().flatten().any(|ext| {
        ext.extn_id == REASON_CODE
            && x509_cert::ext::pkix::CrlReason::from_der(ext.extn_value.as_bytes())
                == Ok(x509_cert::ext::pkix::CrlReason::CertificateHold)
    })
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CrlError {
    #[error("not a CRL: {0}")]
    Malformed(String),
    #[error("the CRL's signature: {0}")]
    Signature(#[from] SignatureError),
}

/// A serial number as the CRL and the certificate both print it.
pub fn serial_key(bytes: &[u8]) -> String {
    let hex = crate::pki::hex(bytes);
    let trimmed = hex.trim_start_matches('0');
    if trimmed.is_empty() {
        "0".to_owned()
    } else {
        trimmed.to_owned()
    }
}

impl Crl {
    /// Reads a DER or PEM CRL.
    pub fn parse(bytes: &[u8]) -> Result<Crl, CrlError> {
        let malformed = |e: x509_cert::der::Error| CrlError::Malformed(e.to_string());
        let pem = std::str::from_utf8(bytes)
            .ok()
            .and_then(|t| t.find("-----BEGIN X509 CRL-----").map(|at| &t[at..]));
        let der = match pem {
            Some(text) => {
                let (label, der) = x509_cert::der::pem::decode_vec(text.as_bytes())
                    .map_err(|e| CrlError::Malformed(e.to_string()))?;
                if label != "X509 CRL" {
                    return Err(CrlError::Malformed(format!("a PEM {label}, not a CRL")));
                }
                der
            }
            None => bytes.to_vec(),
        };
        let list = CertificateList::from_der(&der).map_err(malformed)?;
        let mut revoked: Vec<(String, bool, u64)> = list
            .tbs_cert_list
            .revoked_certificates
            .iter()
            .flatten()
            .map(|r| {
                (
                    serial_key(r.serial_number.as_bytes()),
                    is_hold(r),
                    r.revocation_date.to_unix_duration().as_secs(),
                )
            })
            .collect();
        revoked.sort_unstable();
        Ok(Crl {
            list: Arc::new(list),
            revoked: revoked.into(),
            signed_by: Arc::new(OnceLock::new()),
        })
    }

    /// Checks the CRL's signature by its CA. A signature that held is
    /// remembered with the CA's key, so the next check by the same key is
    /// free; another key is checked in full.
    pub fn verify(&self, issuer: &x509_cert::Certificate) -> Result<(), CrlError> {
        let key = crate::pki::cert::public_key_der(issuer)
            .map_err(|e| CrlError::Malformed(e.to_string()))?;
        if self.signed_by.get() == Some(&key) {
            return Ok(());
        }
        signature::verify_crl(&self.list, issuer)?;
        // A list is signed by one CA: the first key that held stays.
        let _ = self.signed_by.set(key);
        Ok(())
    }

    pub fn is_revoked(&self, serial: &[u8]) -> bool {
        self.status(serial) != Status::Good
    }

    pub fn status(&self, serial: &[u8]) -> Status {
        match self.revoked_since(serial) {
            Some((_, true)) => Status::OnHold,
            Some((_, false)) => Status::Revoked,
            None => Status::Good,
        }
    }

    /// Since when (Unix seconds) the list says `serial` is revoked, and
    /// whether only on hold; None when it does not list it.
    pub fn revoked_since(&self, serial: &[u8]) -> Option<(u64, bool)> {
        let key = serial_key(serial);
        self.revoked
            .binary_search_by(|(s, _, _)| s.as_str().cmp(key.as_str()))
            .ok()
            .map(|i| (self.revoked[i].2, self.revoked[i].1))
    }

    /// The key identifier of the CA that issued the CRL, if it names one.
    pub fn authority_key_id(&self) -> Option<Vec<u8>> {
        crate::pki::cert::authority_key_id(self.list.tbs_cert_list.crl_extensions.as_deref())
    }

    pub fn revoked_count(&self) -> usize {
        self.revoked.len()
    }

    /// thisUpdate, in seconds since the Unix epoch.
    pub fn this_update(&self) -> u64 {
        self.list
            .tbs_cert_list
            .this_update
            .to_unix_duration()
            .as_secs()
    }

    /// nextUpdate, in seconds since the Unix epoch, if the CRL names one.
    pub fn next_update(&self) -> Option<u64> {
        self.list
            .tbs_cert_list
            .next_update
            .map(|t| t.to_unix_duration().as_secs())
    }

    /// Current at `now`: issued before it and not past its nextUpdate.
    pub fn is_current_at(&self, now: u64) -> bool {
        self.this_update() <= now && self.next_update().is_none_or(|next| now <= next)
    }

    /// Whether the list speaks for the moment `at`: current then, or
    /// issued after it (a later list is fresher evidence about an earlier
    /// moment, e.g. a signing time before the CRL the verifier holds).
    pub fn speaks_for(&self, at: u64) -> bool {
        self.next_update().is_none_or(|next| at <= next)
    }
}

#[cfg(test)]
mod tests {

    use super::*;
    use crate::pki::signature::{SignatureError, verify_certificate};
    use crate::pki::testdata::*;

    #[test]
    fn the_national_rsa_test_chain_verifies() {
        let root = cert("ca/root_rsa_test.pem");
        let nca = cert("ca/nca_rsa_test.pem");
        let leaf = cert("certs/2022_rsa_individual_sign.cer");
        verify_certificate(&root, &root).expect("root is self-signed");
        verify_certificate(&nca, &root).expect("intermediate signed by root");
        verify_certificate(&leaf, &nca).expect("leaf signed by intermediate");
        // And not by the wrong key.
        assert_eq!(
            verify_certificate(&leaf, &root),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify_certificate(&nca, &nca),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn a_tampered_certificate_is_refused() {
        let nca = cert("ca/nca_rsa_test.pem");
        let mut leaf = cert("certs/2022_rsa_individual_sign.cer");
        leaf.tbs_certificate.validity.not_after = leaf.tbs_certificate.validity.not_before;
        assert_eq!(
            verify_certificate(&leaf, &nca),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn the_national_crl_lists_the_revoked_keys_and_is_signed_by_its_ca() {
        let crl = Crl::parse(&interop("crl/nca_rsa_test__2022-03-29.crl")).expect("CRL");
        let nca = cert("ca/nca_rsa_test.pem");
        let root = cert("ca/root_rsa_test.pem");
        crl.verify(&nca).expect("signed by the intermediate");
        assert_eq!(
            crl.verify(&root),
            Err(CrlError::Signature(SignatureError::Mismatch))
        );
        assert!(crl.revoked_count() > 0);
        for revoked in [
            "certs/2022_rsa_individual_sign_revoked_ncanode.leaf.pem",
            "certs/2022_rsa_individual_auth_revoked_ncanode.leaf.pem",
        ] {
            let c = cert(revoked);
            verify_certificate(&c, &nca).expect("issued by the intermediate");
            assert!(
                crl.is_revoked(c.tbs_certificate.serial_number.as_bytes()),
                "{revoked}"
            );
        }
        let good = cert("certs/2022_rsa_individual_sign.cer");
        assert!(!crl.is_revoked(good.tbs_certificate.serial_number.as_bytes()));
        // 2022-03-29 .. 2022-09-25.
        assert!(crl.is_current_at(1_650_000_000));
        assert!(!crl.is_current_at(1_700_000_000), "stale after nextUpdate");
        assert!(!crl.is_current_at(1_600_000_000), "not yet issued");
    }

    #[test]
    fn garbage_is_not_a_crl() {
        assert!(matches!(Crl::parse(b""), Err(CrlError::Malformed(_))));
        let mut bytes = interop("crl/nca_rsa_test__2022-03-29.crl");
        bytes.truncate(bytes.len() / 2);
        assert!(matches!(Crl::parse(&bytes), Err(CrlError::Malformed(_))));
    }

    #[test]
    fn serials_compare_without_leading_zeros() {
        assert_eq!(serial_key(&[0x00, 0x0a, 0xbc]), "abc");
        assert_eq!(serial_key(&[0x00]), "0");
    }
}
