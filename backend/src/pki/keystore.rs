//! PKCS#12 keystores in the national center's format: the legacy encryption
//! (3DES for the key, RC2 for the certificates, a SHA-1 MAC), the one its
//! keystores use and every ЭЦП tool opens.
//!
//! Written with the `p12` crate; opened with the browser signer's reader
//! (`signer::open_keystore`), since `p12` verifies the national keystores'
//! MAC but cannot read their bags (their inner AuthenticatedSafe uses BER
//! indefinite lengths). The MAC's algorithm is still checked here first.

use p256::ecdsa::SigningKey;
use p256::pkcs8::EncodePrivateKey;
use shared::eds::EdsCode;
use x509_cert::Certificate;
use x509_cert::der::{Decode, Encode};

use super::ca::{CaError, Issued, IssuedRsa};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeystoreError {
    #[error("not a PKCS#12 keystore")]
    NotAKeystore,
    #[error("wrong password")]
    WrongPassword,
    #[error("the keystore holds no key or no certificate")]
    Empty,
    #[error("the keystore has no HMAC-SHA-1 integrity check")]
    UnsupportedMac,
}

/// Writes `issued`'s key and certificate (and the issuing CA's certificate,
/// if given) into a keystore protected by `password`.
pub fn write(
    issued: &Issued,
    ca: Option<&Certificate>,
    password: &str,
    name: &str,
) -> Result<Vec<u8>, CaError> {
    let key = issued
        .key
        .to_pkcs8_der()
        .map_err(|e| CaError::Build(e.to_string()))?;
    write_parts(&issued.cert, key.as_bytes(), ca, password, name)
}

/// Writes an RSA holder's key and certificate, like [`write`].
pub fn write_rsa(
    issued: &IssuedRsa,
    ca: Option<&Certificate>,
    password: &str,
    name: &str,
) -> Result<Vec<u8>, CaError> {
    use rsa::pkcs8::EncodePrivateKey as _;
    let key = issued
        .key
        .to_pkcs8_der()
        .map_err(|e| CaError::Build(e.to_string()))?;
    write_parts(&issued.cert, key.as_bytes(), ca, password, name)
}

fn write_parts(
    cert: &Certificate,
    key_pkcs8: &[u8],
    ca: Option<&Certificate>,
    password: &str,
    name: &str,
) -> Result<Vec<u8>, CaError> {
    let err = |e: &dyn std::fmt::Display| CaError::Build(e.to_string());
    let cert = cert.to_der().map_err(|e| err(&e))?;
    let ca = ca.map(|c| c.to_der()).transpose().map_err(|e| err(&e))?;
    let pfx = p12::PFX::new(&cert, key_pkcs8, ca.as_deref(), password, name)
        .ok_or_else(|| CaError::Build("PKCS#12 encoding failed".into()))?;
    Ok(pfx.to_der())
}

/// What a keystore holds: the private key (PKCS#8 DER) and the certificates.
pub struct Opened {
    pub key_pkcs8: Vec<u8>,
    pub certificates: Vec<Certificate>,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened")
            .field("certificates", &self.certificates.len())
            .finish_non_exhaustive()
    }
}

impl Opened {
    /// The key as a P-256 signing key, when it is one.
    pub fn p256_key(&self) -> Option<SigningKey> {
        use p256::pkcs8::DecodePrivateKey;
        SigningKey::from_pkcs8_der(&self.key_pkcs8).ok()
    }

    /// The P-256 key with its own certificate (the one of its public key),
    /// as its holder signs with them.
    pub fn issued(&self) -> Option<Issued> {
        let key = self.p256_key()?;
        let spki =
            x509_cert::spki::SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).ok()?;
        let cert = self
            .certificates
            .iter()
            .find(|c| c.tbs_certificate.subject_public_key_info == spki)?
            .clone();
        Some(Issued { cert, key })
    }
}

/// Opens a keystore with its password.
pub fn open(bytes: &[u8], password: &str) -> Result<Opened, KeystoreError> {
    let pfx = p12::PFX::parse(bytes).map_err(|_| KeystoreError::NotAKeystore)?;
    // `p12` checks an HMAC-SHA-1 MAC only (it asserts that the MAC is one,
    // and accepts a keystore without a MAC unchecked): anything else is
    // refused here, before it is asked (found by the `keystore` fuzz target).
    match &pfx.mac_data {
        Some(mac) if mac.mac.digest_algorithm == p12::AlgorithmIdentifier::Sha1 => {}
        _ => return Err(KeystoreError::UnsupportedMac),
    }
    if !pfx.verify_mac(password) {
        return Err(KeystoreError::WrongPassword);
    }
    let contents = signer::open_keystore(bytes, password).map_err(|code| match code {
        EdsCode::WrongPassword => KeystoreError::WrongPassword,
        EdsCode::KeystoreEmpty => KeystoreError::Empty,
        _ => KeystoreError::NotAKeystore,
    })?;
    let key = contents.keys.first().ok_or(KeystoreError::Empty)?;
    // A key bag may hold BER (the national ones' do not; others' might).
    let key_pkcs8 = signer::ber::to_der(key).map_err(|_| KeystoreError::NotAKeystore)?;
    let certificates: Vec<Certificate> = contents
        .certificates
        .iter()
        .filter_map(|c| Certificate::from_der(c).ok())
        .collect();
    if certificates.is_empty() {
        return Err(KeystoreError::Empty);
    }
    Ok(Opened {
        key_pkcs8,
        certificates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::ca::{self, Holder};
    use crate::pki::cert::{HolderRole, KeyPurpose};
    use crate::pki::testdata::*;

    #[test]
    fn what_is_not_a_keystore_says_so() {
        assert_eq!(
            open(b"not a keystore", "x").err(),
            Some(KeystoreError::NotAKeystore)
        );
        let cert = interop("certs/2022_rsa_individual_sign.cer");
        assert_eq!(
            open(&cert, "Qwerty12").err(),
            Some(KeystoreError::NotAKeystore)
        );
        // The national keystores' MAC checks out with their password, and not with another.
        let national = interop("p12/2022_rsa_individual_sign_revoked_ncanode.p12");
        let pfx = p12::PFX::parse(&national).expect("PKCS#12");
        assert!(pfx.verify_mac("Qwerty12"));
        assert_eq!(
            open(&national, "qwerty12").err(),
            Some(KeystoreError::WrongPassword)
        );
    }

    #[test]
    fn a_keystore_without_an_hmac_sha1_mac_is_refused() {
        // The fuzzer's input: a MAC algorithm that is not SHA-1 made `p12`
        // fail its assertion.
        let other_mac = include_bytes!("../../fuzz/regressions/keystore/mac-not-sha1.p12");
        assert_eq!(
            open(other_mac, "Qwerty12").err(),
            Some(KeystoreError::UnsupportedMac)
        );
        // A keystore whose MAC is taken away is not opened unchecked.
        let national = interop("p12/2022_rsa_individual_sign_revoked_ncanode.p12");
        let mut pfx = p12::PFX::parse(&national).expect("PKCS#12");
        pfx.mac_data = None;
        assert_eq!(
            open(&pfx.to_der(), "Qwerty12").err(),
            Some(KeystoreError::UnsupportedMac)
        );
        // The national keystores' HMAC-SHA-1 passes the new check.
        assert_ne!(
            open(&national, "Qwerty12").err(),
            Some(KeystoreError::UnsupportedMac)
        );
    }

    /// Every keystore of the national test PKI opens with its password,
    /// its key beside its own certificate (issue 25, part 1, item 4).
    #[test]
    fn every_national_keystore_opens_with_its_password() {
        use p256::pkcs8::PrivateKeyInfo;
        let manifest = String::from_utf8(interop("MANIFEST.tsv")).expect("text");
        let mut opened_count = 0;
        for line in manifest.lines().skip(1) {
            let row: Vec<&str> = line.split('\t').collect();
            let (file, password) = (row[0], row[2]);
            let Some(name) = file
                .strip_prefix("p12/")
                .and_then(|f| f.strip_suffix(".p12"))
            else {
                continue;
            };
            let opened = open(&interop(file), password).unwrap_or_else(|e| panic!("{file}: {e}"));
            let leaf = cert(&format!("certs/{name}.leaf.pem"));
            assert_eq!(opened.certificates, vec![leaf.clone()], "{file}");
            let key = PrivateKeyInfo::try_from(opened.key_pkcs8.as_slice()).expect("PKCS#8");
            let spki = &leaf.tbs_certificate.subject_public_key_info.algorithm.oid;
            assert_eq!(key.algorithm.oid.to_string(), spki.to_string(), "{file}");
            assert_eq!(
                open(&interop(file), "Qwerty123").err(),
                Some(KeystoreError::WrongPassword),
                "{file}"
            );
            opened_count += 1;
        }
        assert_eq!(opened_count, 53);
    }

    #[test]
    fn a_demo_keystore_round_trips() {
        let now = 1_795_400_000;
        let root = ca::root("ДЕМО КО", now - 86_400, 3650).expect("root");
        let holder = Holder {
            iin: "900101300007".into(),
            surname: "Асқаров".into(),
            given_name: "Ерлан".into(),
            roles: vec![HolderRole::Individual],
            ..Holder::default()
        };
        let issued = ca::leaf(
            &root,
            &holder,
            KeyPurpose::Signing,
            "http://127.0.0.1/crl",
            now,
            365,
        )
        .expect("leaf");
        let bytes =
            write(&issued, Some(&root.cert), "demo-eds-2026", "Асқаров Ерлан").expect("write");
        let opened = open(&bytes, "demo-eds-2026").expect("open");
        assert!(opened.certificates.contains(&issued.cert));
        assert!(opened.certificates.contains(&root.cert));
        let key = opened.p256_key().expect("P-256 key");
        assert_eq!(key.verifying_key(), issued.key.verifying_key());
        assert_eq!(
            open(&bytes, "wrong").err(),
            Some(KeystoreError::WrongPassword)
        );
    }
}
