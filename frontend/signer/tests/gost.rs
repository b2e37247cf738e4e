//! GOST keystores in the browser's signer (issue 25, part 1): every
//! GOST R 34.10-2015 keystore of the national center's test sets opens,
//! names its holder as its manifest row does and signs inside its
//! validity a CMS shaped as the center's own 2026 samples (their
//! SignerInfo read here); the signature verifies by the certificate's key
//! in `shared/gost` and in PyPI's `gostcrypto`; GOST 34.310-2004 stays
//! unsupported (TC26's keys are `tc26.rs`'s). The server's verifier checks
//! the same signatures in `backend/tests/api/pki/national_signer.rs`.

mod common;
#[path = "../../../shared/gost/tests/support/gostcrypto.rs"]
#[expect(
    dead_code,
    reason = "the driver's unhex serves the gost crate's own test"
)]
mod driver;

use cms::signed_data::SignedData;
use common::gost_cms::*;
use common::*;
use driver::{gostcrypto, halves_reversed, hex, rev};
use sha2::{Digest as _, Sha256};
use shared::eds::{EdsCode, KeyPurpose, SignOrder};
use x509_cert::der::asn1::OctetString;
use x509_cert::der::{Decode, Encode, Tagged};

const DOC: &[u8] = br#"{"request":"med-license","type":"issuance","iin":"123456789011"}"#;
const SAMPLE: &str = "samples/cms/2026_individual_detached.p7s";
const INDIVIDUAL: &str = "p12/2026_gost2015_individual_valid.p12";

fn order(password: &str, purpose: KeyPurpose, now_secs: u64) -> SignOrder {
    gost_order(password, purpose, now_secs)
}

fn keystores(kind: &str) -> Vec<(String, Row)> {
    let mut rows: Vec<(String, Row)> = manifest()
        .into_iter()
        .filter(|(f, r)| f.starts_with("p12/") && r["key_alg"].contains(kind))
        .collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows
}

fn inside(row: &Row) -> u64 {
    date_secs(&row["not_before"]) + 2 * 86_400
}

#[test]
fn every_national_gost_2015_keystore_opens_and_names_its_holder() {
    let rows = keystores("GOST R 34.10-2015");
    assert!(rows.len() >= 40, "only {} keystores", rows.len());
    for (file, row) in rows {
        let who = signer::inspect(&interop(&file), &row["password"])
            .unwrap_or_else(|e| panic!("{file}: {e:?}"));
        assert_names_holder(&row, &who, &file);
        assert_eq!(
            signer::inspect(&interop(&file), "Qwerty13"),
            Err(EdsCode::WrongPassword),
            "{file}"
        );
    }
    // The README's exceptions to the usual password.
    let ceo = interop("p12/2022_gost2015_legal_ceo_revoked_ncanode.p12");
    assert!(signer::inspect(&ceo, "Aa123456").is_ok());
    assert_eq!(signer::inspect(&ceo, PASSWORD), Err(EdsCode::WrongPassword));
}

#[test]
fn gost_2004_keystores_stay_unsupported() {
    let rows = keystores("GOST 34.310-2004");
    assert!(rows.len() >= 4, "{}", rows.len());
    for (file, row) in rows {
        let bytes = interop(&file);
        assert_eq!(
            signer::inspect(&bytes, &row["password"]),
            Err(EdsCode::UnsupportedKey),
            "{file}"
        );
        let o = order(&row["password"], KeyPurpose::Signing, inside(&row));
        assert_eq!(signer::sign(&o, &bytes, DOC), Err(EdsCode::UnsupportedKey));
        // The password is still checked first.
        assert_eq!(
            signer::inspect(&bytes, "wrong"),
            Err(EdsCode::WrongPassword)
        );
    }
}

/// Every 2015 keystore inside its validity: a signing key signs (for a
/// document and, being the holder's one key, for a login); one with
/// neither usage (an information system's) is refused as such.
#[test]
fn every_gost_2015_keystore_signs_inside_its_validity_as_the_national_samples_do() {
    let (sample_sd, sample) = signer_info(&interop(SAMPLE));
    let mut signed = 0;
    for (file, row) in keystores("GOST R 34.10-2015") {
        let bytes = interop(&file);
        let at = inside(&row);
        if !row["eku"].contains(EKU_SIGN) {
            for purpose in [KeyPurpose::Signing, KeyPurpose::Authentication] {
                let o = order(&row["password"], purpose, at);
                assert_eq!(
                    signer::sign(&o, &bytes, DOC),
                    Err(EdsCode::WrongKeyUsage),
                    "{file}"
                );
            }
            continue;
        }
        for purpose in [KeyPurpose::Signing, KeyPurpose::Authentication] {
            let o = order(&row["password"], purpose, at);
            let done = signer::sign(&o, &bytes, DOC).unwrap_or_else(|e| panic!("{file}: {e:?}"));
            let (sd, si) = signer_info(&done.cms);
            // The algorithms, with their NULL parameters, and the attributes
            // are the national sample's.
            assert_eq!(
                algorithm(&si.digest_alg),
                algorithm(&sample.digest_alg),
                "{file}"
            );
            assert_eq!(
                algorithm(&si.signature_algorithm),
                algorithm(&sample.signature_algorithm),
                "{file}"
            );
            let digests = |sd: &SignedData| {
                sd.digest_algorithms
                    .iter()
                    .map(algorithm)
                    .collect::<Vec<_>>()
            };
            assert_eq!(digests(&sd), digests(&sample_sd), "{file}");
            assert_eq!(attribute_oids(&si), attribute_oids(&sample), "{file}");
            assert_eq!(si.signature.as_bytes().len(), 128, "{file}");
            assert!(sd.encap_content_info.econtent.is_none(), "{file}: detached");
            // signing-certificate-v2 names the signer's certificate by SHA-256.
            let cert = sd
                .certificates
                .iter()
                .flat_map(|s| s.0.iter())
                .find_map(|c| match c {
                    cms::cert::CertificateChoices::Certificate(c) => Some(c.clone()),
                    cms::cert::CertificateChoices::Other(_) => None,
                })
                .expect("the certificate");
            let ess = attribute(&si, "1.2.840.113549.1.9.16.2.47");
            let ours: Vec<Vec<Vec<OctetString>>> = ess.decode_as().expect("SigningCertificateV2");
            let hash = Sha256::digest(cert.to_der().expect("der"));
            assert_eq!(ours[0][0][0].as_bytes(), &hash[..], "{file}");
            let time = attribute(&si, "1.2.840.113549.1.9.5");
            let time = x509_cert::time::Time::from_der(&time.to_der().expect("der")).expect("time");
            assert_eq!(time.to_unix_duration().as_secs(), at, "{file}");
            check_gost(&done.cms, DOC, &cert, gost::Layout::National);
            signed += 1;
        }
    }
    // 34 signing keystores (2022–2026), each for both purposes.
    assert_eq!(signed, 68);
}

#[test]
fn the_sample_and_our_signature_agree_in_every_signed_attribute_but_the_values() {
    // Same holder (individual_valid), same shapes: each attribute's value
    // has the sample's ASN.1 type and length, so a verifier reading the
    // sample reads ours.
    let (_, sample) = signer_info(&interop(SAMPLE));
    let row = &manifest()[INDIVIDUAL];
    let done = signer::sign(
        &order(PASSWORD, KeyPurpose::Signing, inside(row)),
        &interop(INDIVIDUAL),
        DOC,
    )
    .expect("signs");
    let (_, ours) = signer_info(&done.cms);
    for oid in attribute_oids(&sample) {
        let (a, b) = (attribute(&sample, &oid), attribute(&ours, &oid));
        assert_eq!(a.tag(), b.tag(), "{oid}");
        assert_eq!(a.value().len(), b.value().len(), "{oid}");
    }
    // And the signing-certificate-v2 of the sample names the same certificate.
    assert_eq!(
        attribute(&sample, "1.2.840.113549.1.9.16.2.47"),
        attribute(&ours, "1.2.840.113549.1.9.16.2.47")
    );
}

#[test]
fn gostcrypto_verifies_the_signers_gost_signatures() {
    for file in [INDIVIDUAL, "p12/2026_gost2015_legal_head_valid.p12"] {
        let row = &manifest()[file];
        let bytes = interop(file);
        let done = signer::sign(
            &order(PASSWORD, KeyPurpose::Signing, inside(row)),
            &bytes,
            DOC,
        )
        .expect("signs");
        let (sd, _) = signer_info(&done.cms);
        let cert = match sd.certificates.expect("certificates").0.get(0) {
            Some(cms::cert::CertificateChoices::Certificate(c)) => c.clone(),
            _ => panic!("no certificate"),
        };
        let (digest, value) = check_gost(&done.cms, DOC, &cert, gost::Layout::National);
        let (_, key) = public_key(&cert);
        let verify = |digest: &[u8]| {
            gostcrypto(&[
                "verify",
                "512A",
                &hex(&halves_reversed(&key)),
                &hex(&rev(digest)),
                &hex(&halves_reversed(&value)),
            ])
        };
        assert_eq!(verify(&digest), "True", "{file}");
        assert_eq!(
            verify(&gost::Digest::Streebog512.digest(b"other")),
            "False",
            "{file}"
        );
        // A fresh k each time: the same order signs differently, both valid.
        let again = signer::sign(
            &order(PASSWORD, KeyPurpose::Signing, inside(row)),
            &bytes,
            DOC,
        )
        .expect("signs");
        assert_ne!(again.cms, done.cms);
        check_gost(&again.cms, DOC, &cert, gost::Layout::National);
    }
}

#[test]
fn a_gost_key_is_checked_before_signing_as_any_other() {
    let row = &manifest()[INDIVIDUAL];
    let bytes = interop(INDIVIDUAL);
    let not_after = signer::inspect(&bytes, PASSWORD).expect("opens").not_after;
    let sign_at = |secs| signer::sign(&order(PASSWORD, KeyPurpose::Signing, secs), &bytes, DOC);
    assert!(sign_at(not_after).is_ok());
    assert_eq!(sign_at(not_after + 1), Err(EdsCode::Expired));
    assert_eq!(
        sign_at(date_secs(&row["not_before"]) - 86_400),
        Err(EdsCode::NotYetValid)
    );
    let expecting = |iin: &str| SignOrder {
        expect_iin: Some(iin.into()),
        ..order(PASSWORD, KeyPurpose::Signing, inside(row))
    };
    assert!(signer::sign(&expecting("123456789011"), &bytes, DOC).is_ok());
    assert_eq!(
        signer::sign(&expecting("123456789012"), &bytes, DOC),
        Err(EdsCode::IinMismatch)
    );
    let wrong = SignOrder {
        password: "qwerty12".into(),
        ..order(PASSWORD, KeyPurpose::Signing, inside(row))
    };
    assert_eq!(
        signer::sign(&wrong, &bytes, DOC),
        Err(EdsCode::WrongPassword)
    );
}
