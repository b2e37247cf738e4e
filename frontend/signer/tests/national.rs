//! The national certification center's test keystores
//! (`backend/tests/fixtures/nca-test-pki/p12`): every RSA one opens, says whose it
//! is as its manifest row does, and signs (inside its validity) what the
//! server's verifier and OpenSSL accept. The GOST ones are `gost.rs`'s.

mod common;

use common::*;
use shared::eds::{EdsCode, KeyPurpose, SignOrder, Signer};
use signer::protocol::{self, Answer};
use x509_cert::der::Encode;

const DOC: &[u8] = br#"{"request":"med-license","type":"issuance","iin":"123456789011"}"#;

fn order(purpose: KeyPurpose, now_secs: u64) -> SignOrder {
    SignOrder {
        password: PASSWORD.into(),
        purpose,
        expect_iin: None,
        expect_bin: None,
        now_ms: now_secs as f64 * 1000.0 + 123.0,
    }
}

/// The keystore's row, the purpose its EKU gives, and a time inside its validity.
fn facts(name: &str) -> (Row, KeyPurpose, u64) {
    let row = manifest()
        .remove(&format!("p12/{name}"))
        .unwrap_or_else(|| panic!("{name} not in the manifest"));
    let eku = row["eku"].clone();
    let purpose = match (eku.contains(EKU_SIGN), eku.contains(EKU_AUTH)) {
        (true, false) => KeyPurpose::Signing,
        (false, true) => KeyPurpose::Authentication,
        _ => panic!("{name}: EKU {eku}"),
    };
    let inside = date_secs(&row["not_before"]) + 2 * 86_400;
    (row, purpose, inside)
}

fn other(purpose: KeyPurpose) -> KeyPurpose {
    match purpose {
        KeyPurpose::Signing => KeyPurpose::Authentication,
        KeyPurpose::Authentication => KeyPurpose::Signing,
    }
}

#[test]
fn there_are_rsa_keystores_of_each_kind() {
    let names = rsa_keystores();
    assert!(names.len() >= 8, "{names:?}");
    assert!(names.iter().any(|n| n.contains("_auth")));
    assert!(names.iter().any(|n| n.contains("_sign")));
    assert!(names.iter().any(|n| n.contains("legal")));
}

#[test]
fn every_rsa_keystore_opens_and_names_its_holder_as_the_manifest_does() {
    for name in rsa_keystores() {
        let (row, _, _) = facts(&name);
        let file = interop(&format!("p12/{name}"));
        let who = signer::inspect(&file, PASSWORD).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(who.iin.is_some(), "{name}");
        assert_names_holder(&row, &who, &name);
    }
}

#[test]
fn a_wrong_password_is_told_as_such() {
    for name in rsa_keystores() {
        let file = interop(&format!("p12/{name}"));
        for wrong in ["qwerty12", "Qwerty123", "", "Qwerty12 ", "Қwerty12"] {
            assert_eq!(
                signer::inspect(&file, wrong),
                Err(EdsCode::WrongPassword),
                "{name} with {wrong:?}"
            );
        }
        let (_, purpose, inside) = facts(&name);
        let mut o = order(purpose, inside);
        o.password = "Aa123456".into();
        assert_eq!(signer::sign(&o, &file, DOC), Err(EdsCode::WrongPassword));
    }
}

#[test]
fn what_is_not_a_keystore_says_so() {
    let mut files: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"not a keystore".to_vec(),
        b"-----BEGIN PKCS12-----\nMIIKAQ==\n-----END PKCS12-----\n".to_vec(),
        vec![0x30],
        vec![0x30, 0x03, 0x02, 0x01, 0x03],
        vec![0x30, 0x80, 0x02, 0x01, 0x03, 0x00, 0x00],
        vec![0u8; 64],
        // Larger than any keystore (1 MiB).
        vec![0x30; (1 << 20) + 1],
        (0..=255u8).collect(),
    ];
    for dir in ["certs", "ca", "crl", "samples/cms"] {
        for entry in std::fs::read_dir(interop_dir().join(dir)).expect("dir") {
            files.push(std::fs::read(entry.expect("entry").path()).expect("read"));
        }
    }
    let keystore = interop("p12/2021_rsa_individual_sign_ncanode.p12");
    files.push(keystore[..keystore.len() / 2].to_vec());
    files.push(keystore[1..].to_vec());
    let mut longer = keystore;
    longer.push(0);
    files.push(longer);
    for (i, f) in files.iter().enumerate() {
        assert_eq!(
            signer::inspect(f, PASSWORD),
            Err(EdsCode::NotAKeystore),
            "file {i} ({} bytes)",
            f.len()
        );
        let o = order(KeyPurpose::Signing, 1_622_505_600);
        assert_eq!(signer::sign(&o, f, DOC), Err(EdsCode::NotAKeystore));
    }
}

#[test]
fn every_rsa_keystore_signs_inside_its_validity_and_the_signature_verifies() {
    for name in rsa_keystores() {
        let (_, purpose, inside) = facts(&name);
        let file = interop(&format!("p12/{name}"));
        let o = order(purpose, inside);
        let signed = signer::sign(&o, &file, DOC).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(Ok(signed.signer.clone()), signer::inspect(&file, PASSWORD));
        let v = verify(&signed.cms, DOC).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v.signature_algorithm, SHA256_WITH_RSA);
        assert_eq!(
            v.signing_time, inside,
            "{name}: the signing time is the order's"
        );
        let serial: String = v
            .signer
            .tbs_certificate
            .serial_number
            .as_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(serial, signed.signer.serial);
        // The national keystores carry the leaf only.
        assert_eq!(v.certificates.len(), 1, "{name}");
        // Over other content, it does not verify.
        assert!(verify(&signed.cms, b"other").is_err());
    }
}

#[test]
fn expired_and_not_yet_valid_certificates_are_refused_before_signing() {
    for name in rsa_keystores() {
        let (row, purpose, _) = facts(&name);
        let file = interop(&format!("p12/{name}"));
        let now = NOW_2026_MS as u64 / 1000;
        assert_eq!(
            signer::sign(&order(purpose, now), &file, DOC),
            Err(EdsCode::Expired),
            "{name}"
        );
        let before = date_secs(&row["not_before"]) - 2 * 86_400;
        assert_eq!(
            signer::sign(&order(purpose, before), &file, DOC),
            Err(EdsCode::NotYetValid),
            "{name}"
        );
    }
    // The exact edges: the last second of validity signs, the next does not.
    let file = interop("p12/2021_rsa_individual_sign_ncanode.p12");
    let not_after = signer::inspect(&file, PASSWORD).expect("open").not_after;
    let at = |secs: u64| SignOrder {
        now_ms: secs as f64 * 1000.0,
        ..order(KeyPurpose::Signing, 0)
    };
    assert!(signer::sign(&at(not_after), &file, DOC).is_ok());
    assert_eq!(
        signer::sign(&at(not_after + 1), &file, DOC),
        Err(EdsCode::Expired)
    );
}

#[test]
fn authentication_and_signing_keys_are_not_interchangeable() {
    for name in rsa_keystores() {
        let (_, purpose, inside) = facts(&name);
        let file = interop(&format!("p12/{name}"));
        let expected = match purpose {
            KeyPurpose::Authentication => EdsCode::AuthKeyForSigning,
            KeyPurpose::Signing => EdsCode::SigningKeyForAuth,
        };
        assert_eq!(
            signer::sign(&order(other(purpose), inside), &file, DOC),
            Err(expected.clone()),
            "{name}"
        );
        // The wrong purpose is told even when the certificate has also expired.
        let now = NOW_2026_MS as u64 / 1000;
        assert_eq!(
            signer::sign(&order(other(purpose), now), &file, DOC),
            Err(expected),
            "{name}"
        );
    }
    // The pairs: one holder, an authentication and a signing key.
    for (auth, sign) in [
        (
            "2018_rsa_individual_auth.p12",
            "2018_rsa_individual_sign.p12",
        ),
        (
            "2023_rsa_individual_auth.p12",
            "2023_rsa_individual_sign.p12",
        ),
        (
            "2022_rsa_individual_auth_revoked_ncanode.p12",
            "2022_rsa_individual_sign_revoked_ncanode.p12",
        ),
    ] {
        let (_, _, inside) = facts(auth);
        let auth = interop(&format!("p12/{auth}"));
        let sign = interop(&format!("p12/{sign}"));
        assert!(signer::sign(&order(KeyPurpose::Authentication, inside), &auth, DOC).is_ok());
        assert!(signer::sign(&order(KeyPurpose::Signing, inside), &sign, DOC).is_ok());
        assert_eq!(
            signer::sign(&order(KeyPurpose::Signing, inside), &auth, DOC),
            Err(EdsCode::AuthKeyForSigning)
        );
        assert_eq!(
            signer::sign(&order(KeyPurpose::Authentication, inside), &sign, DOC),
            Err(EdsCode::SigningKeyForAuth)
        );
    }
}

#[test]
fn the_expected_iin_and_bin_are_checked_before_signing() {
    let (_, purpose, inside) = facts("2023_rsa_individual_sign.p12");
    let person = interop("p12/2023_rsa_individual_sign.p12");
    let expecting = |iin: Option<&str>, bin: Option<&str>| SignOrder {
        expect_iin: iin.map(str::to_owned),
        expect_bin: bin.map(str::to_owned),
        ..order(purpose, inside)
    };
    assert!(signer::sign(&expecting(Some("123456789011"), None), &person, DOC).is_ok());
    assert_eq!(
        signer::sign(&expecting(Some("123456789012"), None), &person, DOC),
        Err(EdsCode::IinMismatch)
    );
    assert_eq!(
        signer::sign(&expecting(Some("IIN123456789011"), None), &person, DOC),
        Err(EdsCode::IinMismatch)
    );
    // An individual's certificate has no БИН.
    assert_eq!(
        signer::sign(&expecting(None, Some("123456789021")), &person, DOC),
        Err(EdsCode::BinMismatch)
    );

    let (_, purpose, inside) = facts("2023_rsa_legal.p12");
    let legal = interop("p12/2023_rsa_legal.p12");
    let expecting = |iin: Option<&str>, bin: Option<&str>| SignOrder {
        expect_iin: iin.map(str::to_owned),
        expect_bin: bin.map(str::to_owned),
        ..order(purpose, inside)
    };
    let signed = signer::sign(
        &expecting(Some("123456789011"), Some("123456789021")),
        &legal,
        DOC,
    )
    .expect("the legal entity's key");
    assert_eq!(signed.signer.bin.as_deref(), Some("123456789021"));
    assert_eq!(signed.signer.organization.as_deref(), Some("АО \"ТЕСТ\""));
    assert_eq!(
        signer::sign(
            &expecting(Some("123456789011"), Some("123456789022")),
            &legal,
            DOC
        ),
        Err(EdsCode::BinMismatch)
    );
    assert_eq!(
        signer::sign(
            &expecting(Some("000000000000"), Some("123456789021")),
            &legal,
            DOC
        ),
        Err(EdsCode::IinMismatch)
    );
}

#[test]
fn openssl_verifies_the_signatures_against_the_national_chains() {
    let version = std::process::Command::new("openssl")
        .arg("version")
        .output();
    let Ok(version) = version else {
        eprintln!(
            "SKIPPED: the `openssl` binary is not installed; OpenSSL did not check the signatures"
        );
        return;
    };
    eprintln!("{}", String::from_utf8_lossy(&version.stdout).trim());
    let test_chain = [
        interop("ca/root_rsa_test.pem"),
        interop("ca/nca_rsa_test.pem"),
    ]
    .concat();
    let chain_2018 = [
        interop("ca/2018_root_rsa__no_TEST_in_name.pem"),
        interop("ca/2018_nca_rsa__no_TEST_in_name.pem"),
    ]
    .concat();
    let cases = [
        ("2021_rsa_individual_sign_ncanode.p12", &test_chain),
        ("2022_rsa_individual_sign_revoked_ncanode.p12", &test_chain),
        ("2022_rsa_individual_auth_revoked_ncanode.p12", &test_chain),
        ("2018_rsa_individual_sign.p12", &chain_2018),
        ("2018_rsa_individual_auth.p12", &chain_2018),
    ];
    for (name, chain) in cases {
        let (_, purpose, inside) = facts(name);
        let file = interop(&format!("p12/{name}"));
        let signed = signer::sign(&order(purpose, inside), &file, DOC).expect("sign");
        let verdict = openssl_verify(&signed.cms, DOC, chain, inside).expect("openssl ran");
        assert_eq!(verdict, Ok(()), "{name}");
        // OpenSSL does check: other content, or a time outside validity, fails.
        let other =
            openssl_verify(&signed.cms, b"other content", chain, inside).expect("openssl ran");
        assert!(other.is_err(), "{name}: other content accepted");
        let late = openssl_verify(&signed.cms, DOC, chain, NOW_2026_MS as u64 / 1000)
            .expect("openssl ran");
        assert!(late.is_err(), "{name}: accepted after expiry");
    }
    // The 2021 signer at 2021-06-01, as the brief names it.
    let file = interop("p12/2021_rsa_individual_sign_ncanode.p12");
    let signed =
        signer::sign(&order(KeyPurpose::Signing, 1_622_505_600), &file, DOC).expect("sign");
    assert_eq!(
        openssl_verify(&signed.cms, DOC, &test_chain, 1_622_505_600),
        Some(Ok(()))
    );
}

#[test]
fn random_single_byte_corruptions_never_open_another_key() {
    let name = "2021_rsa_individual_sign_ncanode.p12";
    let (_, purpose, inside) = facts(name);
    let good = interop(&format!("p12/{name}"));
    let original = signer::inspect(&good, PASSWORD).expect("the original opens");
    let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
    let mut codes = std::collections::BTreeMap::new();
    for _ in 0..200 {
        let r = next();
        let at = usize::try_from(r % good.len() as u64).expect("index");
        let flip = u8::try_from((r >> 32) % 255 + 1).expect("byte");
        let mut bad = good.clone();
        bad[at] ^= flip;
        match signer::sign(&order(purpose, inside), &bad, DOC) {
            Err(code) => *codes.entry(code.code()).or_insert(0) += 1,
            Ok(signed) => {
                // Never another key: and in fact, never at all.
                assert_eq!(signed.signer, original, "byte {at} ^ {flip}");
                panic!("a corrupted keystore (byte {at} ^ {flip}) signed");
            }
        }
    }
    eprintln!("refusals: {codes:?}");
    // Most bytes are under the MAC.
    assert!(codes.contains_key("wrong_password"));

    // Every byte outside the MAC's reach (the PFX's header, the MAC data),
    // changed in several ways: the structure's checks refuse each.
    let auth_safe = 30..good.len() - 61;
    assert_eq!(&good[auth_safe.start..auth_safe.start + 2], &[0x30, 0x80]);
    let mut refusals = std::collections::BTreeMap::new();
    for at in (0..good.len()).filter(|i| !auth_safe.contains(i)) {
        for flip in [0x01u8, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xff] {
            let mut bad = good.clone();
            bad[at] ^= flip;
            match signer::sign(&order(purpose, inside), &bad, DOC) {
                Err(code) => *refusals.entry(code.code()).or_insert(0) += 1,
                Ok(_) => panic!("a corrupted keystore (byte {at} ^ {flip}) signed"),
            }
        }
    }
    eprintln!("refusals outside the MAC: {refusals:?}");
    assert!(refusals.contains_key("not_a_keystore"));
}

#[test]
fn the_worker_protocol_signs_and_refuses_with_json() {
    let name = "2021_rsa_individual_sign_ncanode.p12";
    let (_, purpose, inside) = facts(name);
    let file = interop(&format!("p12/{name}"));
    let o = order(purpose, inside);
    let json = serde_json::to_string(&o).expect("json");
    let Answer::Signed { cms, signer } = protocol::answer(&json, &file, DOC) else {
        panic!("refused");
    };
    let signer: Signer = serde_json::from_str(&signer).expect("Signer JSON");
    assert_eq!(Ok(signer), signer::inspect(&file, PASSWORD));
    verify(&cms, DOC).expect("verifies");
    // The certificate in the signature is the keystore's.
    let v = verify(&cms, DOC).expect("verifies");
    assert_eq!(
        v.signer.to_der().expect("der"),
        interop_cert_der("certs/2021_rsa_individual_sign_ncanode.leaf.pem")
    );

    let wrong = SignOrder {
        password: "nope".into(),
        ..o.clone()
    };
    assert_eq!(
        protocol::answer(&serde_json::to_string(&wrong).expect("json"), &file, DOC),
        Answer::Refused {
            code: r#"{"code":"wrong_password"}"#.into()
        }
    );
    let late = SignOrder {
        now_ms: NOW_2026_MS,
        ..o
    };
    assert_eq!(
        protocol::answer(&serde_json::to_string(&late).expect("json"), &file, DOC),
        Answer::Refused {
            code: r#"{"code":"expired"}"#.into()
        }
    );
    // The order as the app writes it, with optional fields left out.
    let minimal = format!(
        r#"{{"password":"{PASSWORD}","purpose":"signing","now_ms":{}}}"#,
        inside * 1000
    );
    assert!(matches!(
        protocol::answer(&minimal, &file, DOC),
        Answer::Signed { .. }
    ));
}

/// The DER of a PEM certificate in the interop folder.
fn interop_cert_der(rel: &str) -> Vec<u8> {
    let text = String::from_utf8(interop(rel)).expect("PEM text");
    let begin = text.find("-----BEGIN CERTIFICATE-----").expect("PEM");
    let (_, der) = x509_cert::der::pem::decode_vec(&text.as_bytes()[begin..]).expect("PEM");
    der
}
