//! Keystores made here: P-256 (the demo certification center's key type),
//! RSA in PKCS#1, written by the `p12` crate and by OpenSSL, and keystores
//! that lack a key or a certificate.

mod common;

use common::*;
use p256::ecdsa::SigningKey;
use rsa::pkcs1::EncodeRsaPrivateKey;
use shared::eds::{EdsCode, KeyPurpose, SignOrder};
use x509_cert::Certificate;
use x509_cert::der::Encode;
use x509_cert::spki::SubjectPublicKeyInfoOwned;

const NOW: u64 = 1_795_400_000; // 2026-11-23
const DOC: &[u8] = "Өтініш: медициналық лицензия".as_bytes();
const PW: &str = "demo-eds-2026";
const PERSON: &str = "CN=АСҚАРОВ ЕРЛАН,SERIALNUMBER=IIN900101300007,C=KZ";
const EMPLOYEE: &str =
    "CN=АСҚАРОВ ЕРЛАН,SERIALNUMBER=IIN900101300007,OU=BIN050440000002,O=ТОО Каспий Мед Сервис,C=KZ";

struct Pki {
    root: Certificate,
    root_key: SigningKey,
}

fn pki() -> Pki {
    let root_key = p256_key(1);
    Pki {
        root: root_ca(&root_key, NOW - 30 * 86_400),
        root_key,
    }
}

impl Pki {
    fn issue(&self, key: &SigningKey, dn: &str, eku: &[&str], serial: u8) -> Certificate {
        let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).expect("spki");
        self.issue_spki(spki, dn, eku, serial, NOW - 86_400, 365)
    }

    fn issue_spki(
        &self,
        spki: SubjectPublicKeyInfoOwned,
        dn: &str,
        eku: &[&str],
        serial: u8,
        not_before: u64,
        days: u64,
    ) -> Certificate {
        leaf(
            &self.root,
            &self.root_key,
            spki,
            &Spec {
                dn,
                eku,
                serial: &[0x10, serial],
                not_before,
                days,
            },
        )
    }
}

fn order(purpose: KeyPurpose, now: u64) -> SignOrder {
    SignOrder {
        password: PW.into(),
        purpose,
        expect_iin: Some("900101300007".into()),
        expect_bin: None,
        now_ms: now as f64 * 1000.0,
    }
}

#[test]
fn a_p256_keystore_signs_what_the_verifier_and_openssl_accept() {
    let pki = pki();
    let key = p256_key(7);
    let cert = pki.issue(&key, EMPLOYEE, &[EKU_SIGN, "1.2.398.3.3.4.1.2"], 1);
    let file = keystore(&cert, &pkcs8(&key), &[&pki.root], PW);
    let o = SignOrder {
        expect_bin: Some("050440000002".into()),
        ..order(KeyPurpose::Signing, NOW)
    };
    let signed = signer::sign(&o, &file, DOC).expect("signs");
    assert_eq!(signed.signer.iin.as_deref(), Some("900101300007"));
    assert_eq!(signed.signer.bin.as_deref(), Some("050440000002"));
    assert_eq!(signed.signer.common_name.as_deref(), Some("АСҚАРОВ ЕРЛАН"));
    assert_eq!(
        signed.signer.organization.as_deref(),
        Some("ТОО Каспий Мед Сервис")
    );
    assert_eq!(signed.signer.serial, "1001");
    assert_eq!(signed.signer.not_after, NOW - 86_400 + 365 * 86_400);

    let v = verify(&signed.cms, DOC).expect("verifies");
    assert_eq!(v.signature_algorithm, ECDSA_SHA256);
    assert_eq!(v.signer, cert);
    assert_eq!(v.signing_time, NOW);
    // The keystore's CA certificate travels with the signature.
    assert_eq!(v.certificates.len(), 2);
    assert!(v.certificates.contains(&pki.root));
    // The signature is an ECDSA P-256 signature, DER, over the DER of the signed attributes.
    use p256::ecdsa::signature::Verifier;
    let sig = p256::ecdsa::Signature::from_der(&v.signature).expect("DER signature");
    key.verifying_key()
        .verify(&v.signed_attributes, &sig)
        .expect("ECDSA over the signed attributes");
    // A different document does not verify.
    assert!(verify(&signed.cms, b"another document").is_err());

    let root_pem = pem("CERTIFICATE", &pki.root.to_der().expect("der"));
    if let Some(verdict) = openssl_verify(&signed.cms, DOC, root_pem.as_bytes(), NOW) {
        assert_eq!(verdict, Ok(()));
        let other = openssl_verify(&signed.cms, b"x", root_pem.as_bytes(), NOW).expect("ran");
        assert!(other.is_err());
    }
}

#[test]
fn the_certificate_of_the_key_is_picked_among_ca_certificates() {
    let pki = pki();
    let key = p256_key(7);
    let cert = pki.issue(&key, PERSON, &[EKU_SIGN], 1);
    let someone_else = pki.issue(&p256_key(9), PERSON, &[EKU_AUTH], 2);
    // The root first, then another holder's certificate, then the key's own.
    let file = keystore(&pki.root, &pkcs8(&key), &[&someone_else, &cert, &cert], PW);
    let signed = signer::sign(&order(KeyPurpose::Signing, NOW), &file, DOC).expect("signs");
    assert_eq!(signed.signer.serial, "1001");
    let v = verify(&signed.cms, DOC).expect("verifies");
    assert_eq!(v.signer, cert);
    // Every certificate once, though the keystore repeats one.
    assert_eq!(v.certificates.len(), 3);
    assert_eq!(signer::inspect(&file, PW).expect("inspect").serial, "1001");
}

#[test]
fn the_key_purpose_the_validity_and_the_holder_are_checked() {
    let pki = pki();
    let key = p256_key(7);
    let auth = keystore(
        &pki.issue(&key, PERSON, &[EKU_AUTH], 1),
        &pkcs8(&key),
        &[],
        PW,
    );
    let sign = keystore(
        &pki.issue(&key, PERSON, &[EKU_SIGN], 2),
        &pkcs8(&key),
        &[],
        PW,
    );
    let both = keystore(
        &pki.issue(&key, PERSON, &[EKU_SIGN, EKU_AUTH], 3),
        &pkcs8(&key),
        &[],
        PW,
    );
    let none = keystore(&pki.issue(&key, PERSON, &[], 4), &pkcs8(&key), &[], PW);
    let s = |o: &SignOrder, f: &[u8]| signer::sign(o, f, DOC).map(|s| s.signer.serial);
    assert_eq!(
        s(&order(KeyPurpose::Authentication, NOW), &auth),
        Ok("1001".into())
    );
    assert_eq!(
        s(&order(KeyPurpose::Signing, NOW), &sign),
        Ok("1002".into())
    );
    assert_eq!(
        s(&order(KeyPurpose::Signing, NOW), &auth),
        Err(EdsCode::AuthKeyForSigning)
    );
    assert_eq!(
        s(&order(KeyPurpose::Authentication, NOW), &sign),
        Err(EdsCode::SigningKeyForAuth)
    );
    for f in [&both, &none] {
        for p in [KeyPurpose::Signing, KeyPurpose::Authentication] {
            assert_eq!(s(&order(p, NOW), f), Err(EdsCode::WrongKeyUsage));
        }
    }
    // Validity: issued a day ago for a year.
    assert_eq!(
        s(&order(KeyPurpose::Signing, NOW - 86_401), &sign),
        Err(EdsCode::NotYetValid)
    );
    assert!(s(&order(KeyPurpose::Signing, NOW - 86_400), &sign).is_ok());
    assert!(s(&order(KeyPurpose::Signing, NOW + 364 * 86_400), &sign).is_ok());
    assert_eq!(
        s(&order(KeyPurpose::Signing, NOW + 365 * 86_400), &sign),
        Err(EdsCode::Expired)
    );
    // The holder.
    let other_iin = SignOrder {
        expect_iin: Some("920310300007".into()),
        ..order(KeyPurpose::Signing, NOW)
    };
    assert_eq!(s(&other_iin, &sign), Err(EdsCode::IinMismatch));
    let any_iin = SignOrder {
        expect_iin: None,
        ..order(KeyPurpose::Signing, NOW)
    };
    assert!(s(&any_iin, &sign).is_ok());
    let a_bin = SignOrder {
        expect_bin: Some("050440000002".into()),
        ..order(KeyPurpose::Signing, NOW)
    };
    assert_eq!(s(&a_bin, &sign), Err(EdsCode::BinMismatch));
    // A clock that is not a time.
    for bad in [f64::NAN, -1.0, f64::INFINITY] {
        let o = SignOrder {
            now_ms: bad,
            ..order(KeyPurpose::Signing, NOW)
        };
        assert_eq!(s(&o, &sign), Err(EdsCode::Malformed));
    }
}

#[test]
fn an_iin_or_bin_not_in_the_national_form_is_no_iin_or_bin() {
    let pki = pki();
    let key = p256_key(7);
    let dn = "CN=X,SERIALNUMBER=IIN90010130000,OU=BIN05044000000Z,C=KZ";
    let file = keystore(&pki.issue(&key, dn, &[EKU_SIGN], 1), &pkcs8(&key), &[], PW);
    let who = signer::inspect(&file, PW).expect("opens");
    assert_eq!(who.iin, None);
    assert_eq!(who.bin, None);
    assert_eq!(
        signer::sign(&order(KeyPurpose::Signing, NOW), &file, DOC),
        Err(EdsCode::IinMismatch)
    );
}

#[test]
fn a_keystore_without_a_key_or_its_certificate_is_empty() {
    let pki = pki();
    let key = p256_key(7);
    let cert = pki.issue(&key, PERSON, &[EKU_SIGN], 1);
    let full = keystore(&cert, &pkcs8(&key), &[&pki.root], PW);
    let bags = bags_of(&full, PW);
    let is_key = |b: &&p12::SafeBag| matches!(b.bag, p12::SafeBagKind::Pkcs8ShroudedKeyBag(_));
    let key_bags: Vec<p12::SafeBag> = bags.iter().filter(is_key).cloned().collect();
    let cert_bags: Vec<p12::SafeBag> = bags.iter().filter(|b| !is_key(b)).cloned().collect();
    assert_eq!(key_bags.len(), 1);
    assert_eq!(cert_bags.len(), 2);

    let certificates_only = keystore_of_bags(&cert_bags, PW);
    let key_only = keystore_of_bags(&key_bags, PW);
    let key_and_root = keystore_of_bags(&[key_bags[0].clone(), cert_bags[1].clone()], PW);
    let nothing = keystore_of_bags(&[], PW);
    for (what, file) in [
        ("certificates only", &certificates_only),
        ("key only", &key_only),
        ("key and another certificate", &key_and_root),
        ("nothing", &nothing),
    ] {
        assert_eq!(
            signer::inspect(file, PW),
            Err(EdsCode::KeystoreEmpty),
            "{what}"
        );
        assert_eq!(
            signer::sign(&order(KeyPurpose::Signing, NOW), file, DOC),
            Err(EdsCode::KeystoreEmpty),
            "{what}"
        );
        assert_eq!(
            signer::inspect(file, "wrong"),
            Err(EdsCode::WrongPassword),
            "{what}"
        );
    }
    // Put back together, in other bags, it signs.
    let rebuilt = keystore_of_bags(&bags, PW);
    assert!(signer::sign(&order(KeyPurpose::Signing, NOW), &rebuilt, DOC).is_ok());
}

#[test]
fn an_empty_password_opens_a_keystore_made_with_one() {
    let pki = pki();
    let key = p256_key(7);
    let file = keystore(
        &pki.issue(&key, PERSON, &[EKU_SIGN], 1),
        &pkcs8(&key),
        &[],
        "",
    );
    let o = SignOrder {
        password: String::new(),
        ..order(KeyPurpose::Signing, NOW)
    };
    assert!(signer::sign(&o, &file, DOC).is_ok());
    assert_eq!(signer::inspect(&file, " "), Err(EdsCode::WrongPassword));
}

#[test]
fn rsa_keys_in_pkcs1_sign_and_short_ones_are_refused() {
    let pki = pki();
    let mut rng = TestRng(7);
    let rsa_key = rsa::RsaPrivateKey::new(&mut rng, 2048).expect("RSA-2048");
    let spki = SubjectPublicKeyInfoOwned::from_key(rsa_key.to_public_key()).expect("spki");
    let cert = pki.issue_spki(spki, PERSON, &[EKU_SIGN], 1, NOW - 86_400, 365);
    let pkcs1 = rsa_key.to_pkcs1_der().expect("PKCS#1");
    let file = keystore(&cert, pkcs1.as_bytes(), &[&pki.root], PW);
    let signed = signer::sign(&order(KeyPurpose::Signing, NOW), &file, DOC).expect("signs");
    let v = verify(&signed.cms, DOC).expect("verifies");
    assert_eq!(v.signature_algorithm, SHA256_WITH_RSA);
    let root_pem = pem("CERTIFICATE", &pki.root.to_der().expect("der"));
    if let Some(verdict) = openssl_verify(&signed.cms, DOC, root_pem.as_bytes(), NOW) {
        assert_eq!(verdict, Ok(()));
    }
    // In PKCS#8 too.
    use rsa::pkcs8::EncodePrivateKey;
    let pkcs8 = rsa_key.to_pkcs8_der().expect("PKCS#8");
    let file = keystore(&cert, pkcs8.as_bytes(), &[], PW);
    assert!(signer::sign(&order(KeyPurpose::Signing, NOW), &file, DOC).is_ok());

    let short = rsa::RsaPrivateKey::new(&mut rng, 1024).expect("RSA-1024");
    let spki = SubjectPublicKeyInfoOwned::from_key(short.to_public_key()).expect("spki");
    let cert = pki.issue_spki(spki, PERSON, &[EKU_SIGN], 2, NOW - 86_400, 365);
    let file = keystore(
        &cert,
        short.to_pkcs1_der().expect("der").as_bytes(),
        &[],
        PW,
    );
    assert_eq!(
        signer::sign(&order(KeyPurpose::Signing, NOW), &file, DOC),
        Err(EdsCode::WeakAlgorithm)
    );
}

#[test]
fn keys_of_other_algorithms_or_garbage_in_the_key_bag_are_unsupported() {
    let pki = pki();
    let key = p256_key(7);
    let cert = pki.issue(&key, PERSON, &[EKU_SIGN], 1);
    // A PKCS#8 key of GOST R 34.10-2015 (as the national GOST keystores hold), and of Ed25519.
    let gost = [
        &[0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x15, 0x06, 0x09][..],
        &[0x2a, 0x85, 0x03, 0x07, 0x01, 0x01, 0x01, 0x02, 0x02],
        &[0x30, 0x08, 0x06, 0x06, 0x2a, 0x85, 0x03, 0x02, 0x02, 0x23],
        &[0x04, 0x12, 0x04, 0x10],
        &[0x11; 16],
    ]
    .concat();
    let ed25519 = [
        &[
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
        ][..],
        &[0x04, 0x22, 0x04, 0x20],
        &[0x22; 32],
    ]
    .concat();
    for (what, bytes) in [
        ("GOST", gost),
        ("Ed25519", ed25519),
        ("garbage", b"garbage".to_vec()),
        ("nothing", Vec::new()),
    ] {
        let file = keystore(&cert, &bytes, &[], PW);
        assert_eq!(
            signer::inspect(&file, PW),
            Err(EdsCode::UnsupportedKey),
            "{what}"
        );
    }
}

#[test]
fn signing_times_from_2050_on_are_generalized_time() {
    let pki = pki();
    let key = p256_key(7);
    let at_2050 = 2_537_049_600; // 2050-05-24
    let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).expect("spki");
    let cert = pki.issue_spki(spki, PERSON, &[EKU_SIGN], 1, NOW, 10_000);
    let file = keystore(&cert, &pkcs8(&key), &[], PW);
    for at in [at_2050 - 365 * 86_400, at_2050] {
        let signed = signer::sign(&order(KeyPurpose::Signing, at), &file, DOC).expect("signs");
        let v = verify(&signed.cms, DOC).expect("verifies");
        assert_eq!(v.signing_time, at);
        // 0x17 UTCTime, 0x18 GeneralizedTime, in the signed attributes.
        let tag = if at < 2_524_608_000 { 0x17 } else { 0x18 };
        let time_oid = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x05];
        let i = v
            .signed_attributes
            .windows(time_oid.len())
            .position(|w| w == time_oid)
            .expect("signing-time");
        assert_eq!(v.signed_attributes[i + time_oid.len() + 2], tag);
    }
}

#[test]
fn random_single_byte_corruptions_of_a_p256_keystore_are_refused() {
    let pki = pki();
    let key = p256_key(7);
    let cert = pki.issue(&key, PERSON, &[EKU_SIGN], 1);
    let good = keystore(&cert, &pkcs8(&key), &[&pki.root], PW);
    let mut next = xorshift(0x0123_4567_89ab_cdef);
    let mut codes = std::collections::BTreeMap::new();
    for _ in 0..200 {
        let r = next();
        let at = usize::try_from(r % good.len() as u64).expect("index");
        let flip = u8::try_from((r >> 32) % 255 + 1).expect("byte");
        let mut bad = good.clone();
        bad[at] ^= flip;
        match signer::sign(&order(KeyPurpose::Signing, NOW), &bad, DOC) {
            Err(code) => *codes.entry(code.code()).or_insert(0) += 1,
            Ok(signed) => panic!(
                "a corrupted keystore (byte {at} ^ {flip}) signed as {}",
                signed.signer.serial
            ),
        }
    }
    eprintln!("refusals: {codes:?}");
}

#[test]
fn keystores_written_by_openssl() {
    let pki = pki();
    let key = p256_key(7);
    let cert = pki.issue(&key, PERSON, &[EKU_SIGN], 1);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("key.pem"), pem("PRIVATE KEY", &pkcs8(&key))).expect("write");
    std::fs::write(
        dir.path().join("cert.pem"),
        pem("CERTIFICATE", &cert.to_der().expect("der")),
    )
    .expect("write");
    std::fs::write(
        dir.path().join("ca.pem"),
        pem("CERTIFICATE", &pki.root.to_der().expect("der")),
    )
    .expect("write");
    let export = |out: &str, extra: &[&str]| {
        let mut args = vec![
            "pkcs12",
            "-export",
            "-inkey",
            "key.pem",
            "-in",
            "cert.pem",
            "-certfile",
            "ca.pem",
            "-passout",
            "pass:demo-eds-2026",
            "-out",
            out,
        ];
        args.extend_from_slice(extra);
        let output = openssl(dir.path(), &args)?;
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        Some(std::fs::read(dir.path().join(out)).expect("read"))
    };
    // The legacy format (as the national center's), written by OpenSSL 3.
    let Some(legacy) = export("legacy.p12", &["-legacy"]) else {
        return;
    };
    let signed = signer::sign(&order(KeyPurpose::Signing, NOW), &legacy, DOC).expect("signs");
    assert_eq!(verify(&signed.cms, DOC).expect("verifies").signer, cert);
    assert_eq!(signer::inspect(&legacy, "x"), Err(EdsCode::WrongPassword));
    // With a SHA-256 MAC and 3DES for both bags.
    let sha256 = export(
        "sha256.p12",
        &[
            "-macalg",
            "sha256",
            "-keypbe",
            "PBE-SHA1-3DES",
            "-certpbe",
            "PBE-SHA1-3DES",
        ],
    )
    .expect("openssl");
    assert!(signer::sign(&order(KeyPurpose::Signing, NOW), &sha256, DOC).is_ok());
    assert_eq!(signer::inspect(&sha256, "x"), Err(EdsCode::WrongPassword));
    // OpenSSL 3's default (PBES2: PBKDF2 + AES-256-CBC, SHA-256 MAC): not read;
    // its password is still checked.
    let modern = export("modern.p12", &[]).expect("openssl");
    assert_eq!(signer::inspect(&modern, PW), Err(EdsCode::UnsupportedKey));
    assert_eq!(signer::inspect(&modern, "x"), Err(EdsCode::WrongPassword));
    // Without a MAC, a wrong password shows when decrypting.
    let no_mac = export("nomac.p12", &["-legacy", "-nomac"]).expect("openssl");
    assert!(signer::sign(&order(KeyPurpose::Signing, NOW), &no_mac, DOC).is_ok());
    assert_eq!(signer::inspect(&no_mac, "x"), Err(EdsCode::WrongPassword));
}
