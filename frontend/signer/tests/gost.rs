//! GOST keystores in the browser's signer (issue 25, part 1): every
//! GOST R 34.10-2015 keystore of the national center's test sets opens,
//! names its holder as its manifest row does and signs inside its
//! validity a CMS shaped as the center's own 2026 samples (their
//! SignerInfo read here); the signature verifies by the certificate's key
//! in `shared/gost` and in PyPI's `gostcrypto`; GOST 34.310-2004 stays
//! unsupported. TC26's 512-bit GOST R 34.10-2012 key, in a keystore made
//! here, signs with RFC 4491's layout; a 256-bit one is unsupported. The server's verifier checks the same
//! signatures in `backend/tests/api/pki/national_signer.rs`.

mod common;
#[path = "../../../shared/gost/tests/support/gostcrypto.rs"]
#[expect(
    dead_code,
    reason = "the driver's unhex serves the gost crate's own test"
)]
mod driver;

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use common::*;
use driver::{gostcrypto, halves_reversed, hex, rev};
use sha2::{Digest as _, Sha256};
use shared::eds::{EdsCode, KeyPurpose, SignOrder};
use x509_cert::Certificate;
use x509_cert::der::asn1::{BitString, ObjectIdentifier as Oid, OctetString};
use x509_cert::der::{Any, Decode, Encode, Tagged};
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

const DOC: &[u8] = br#"{"request":"med-license","type":"issuance","iin":"123456789011"}"#;
const SAMPLE: &str = "samples/cms/2026_individual_detached.p7s";
const INDIVIDUAL: &str = "p12/2026_gost2015_individual_valid.p12";

fn order(password: &str, purpose: KeyPurpose, now_secs: u64) -> SignOrder {
    SignOrder {
        password: password.into(),
        purpose,
        expect_iin: None,
        expect_bin: None,
        now_ms: now_secs as f64 * 1000.0 + 456.0,
    }
}

/// The GOST keystores of the manifest whose key algorithm names `kind`.
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

fn signer_info(cms: &[u8]) -> (SignedData, SignerInfo) {
    let info = ContentInfo::from_der(cms).expect("ContentInfo");
    let sd: SignedData = info.content.decode_as().expect("SignedData");
    let si = sd.signer_infos.0.get(0).expect("a signer").clone();
    (sd, si)
}

fn attribute_oids(si: &SignerInfo) -> Vec<String> {
    let mut oids: Vec<String> = si
        .signed_attrs
        .iter()
        .flat_map(|a| a.iter())
        .map(|a| a.oid.to_string())
        .collect();
    oids.sort();
    oids
}

fn attribute(si: &SignerInfo, oid: &str) -> Any {
    si.signed_attrs
        .iter()
        .flat_map(|a| a.iter())
        .find(|a| a.oid.to_string() == oid)
        .and_then(|a| a.values.iter().next().cloned())
        .unwrap_or_else(|| panic!("no attribute {oid}"))
}

fn algorithm(a: &AlgorithmIdentifierOwned) -> (String, Option<Any>) {
    (a.oid.to_string(), a.parameters.clone())
}

/// The key octets (x ‖ y, little-endian) and parameter set of a GOST certificate.
fn public_key(cert: &Certificate) -> (gost::ParamSet, Vec<u8>) {
    let spki = &cert.tbs_certificate.subject_public_key_info;
    let params: Vec<Oid> = spki
        .algorithm
        .parameters
        .as_ref()
        .expect("parameters")
        .decode_as()
        .expect("GOST parameters");
    let set = gost::ParamSet::from_oid(&params[0].to_string()).expect("known curve");
    let bits = spki.subject_public_key.as_bytes().expect("whole bytes");
    (
        set,
        OctetString::from_der(bits).expect("octets").into_bytes(),
    )
}

/// Checks a GOST CMS made by the signer over [`DOC`] by `cert`'s key, in
/// `layout`, and gives the digest and value the signature covers.
fn check_gost(cms: &[u8], cert: &Certificate, layout: gost::Layout) -> (Vec<u8>, Vec<u8>) {
    let (_, si) = signer_info(cms);
    let signed = si
        .signed_attrs
        .as_ref()
        .expect("signed")
        .to_der()
        .expect("der");
    let alg = gost::SignatureAlgorithm::from_oid(&si.signature_algorithm.oid.to_string())
        .expect("a GOST signature algorithm");
    assert_eq!(alg.layout, layout);
    let digest = alg.digest.digest(&signed);
    let (set, key) = public_key(cert);
    let value = si.signature.as_bytes().to_vec();
    assert_eq!(gost::verify(set, &key, &digest, &value, layout), Ok(()));
    let md = attribute(&si, "1.2.840.113549.1.9.4")
        .decode_as::<OctetString>()
        .expect("message digest");
    assert_eq!(md.as_bytes(), alg.digest.digest(DOC).as_slice());
    (digest, value)
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
            check_gost(&done.cms, &cert, gost::Layout::National);
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
        let (digest, value) = check_gost(&done.cms, &cert, gost::Layout::National);
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
        check_gost(&again.cms, &cert, gost::Layout::National);
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

/// A TC26 GOST R 34.10-2012 keystore made here: the key `d` (little-endian)
/// on `curve`, a certificate from the test center, the PKCS#8 `privateKey`
/// as an OCTET STRING of d or (`as_integer`) an INTEGER.
fn tc26_keystore(key_oid: &str, curve: &str, d: &[u8], as_integer: bool) -> (Vec<u8>, Certificate) {
    let set = gost::ParamSet::from_oid(curve).expect("curve");
    let public = gost::public_key(set, d).expect("public key");
    let params = Any::encode_from(&vec![Oid::new_unwrap(curve)]).expect("params");
    let algorithm = AlgorithmIdentifierOwned {
        oid: Oid::new_unwrap(key_oid),
        parameters: Some(params),
    };
    let spki = SubjectPublicKeyInfoOwned {
        algorithm: algorithm.clone(),
        subject_public_key: BitString::from_bytes(
            &OctetString::new(public)
                .expect("octets")
                .to_der()
                .expect("der"),
        )
        .expect("bits"),
    };
    let ca_key = p256_key(7);
    let ca = root_ca(&ca_key, 1_790_000_000);
    let cert = leaf(
        &ca,
        &ca_key,
        spki,
        &Spec {
            dn: "CN=ТЕСТОВ ТЕСТ,SERIALNUMBER=IIN900101300007,C=KZ",
            eku: &[EKU_SIGN],
            serial: &[0x26, 0x01],
            not_before: 1_790_000_000,
            days: 365,
        },
    );
    let private = if as_integer {
        let be: Vec<u8> = [&[0u8][..], &rev(d)].concat();
        x509_cert::der::asn1::Int::new(&be)
            .expect("int")
            .to_der()
            .expect("der")
    } else {
        OctetString::new(d.to_vec())
            .expect("octets")
            .to_der()
            .expect("der")
    };
    let info = [
        vec![0x02, 0x01, 0x00],
        algorithm.to_der().expect("der"),
        OctetString::new(private)
            .expect("octets")
            .to_der()
            .expect("der"),
    ]
    .concat();
    let pkcs8 = [vec![0x30, u8::try_from(info.len()).expect("short")], info].concat();
    (keystore(&cert, &pkcs8, &[&ca], PASSWORD), cert)
}

#[test]
fn a_tc26_512_bit_key_signs_in_rfc_4491_layout_and_gostcrypto_agrees() {
    let mut d = [0u8; 64];
    let mut next = xorshift(0x2026_1207);
    for b in &mut d {
        *b = u8::try_from(next() % 256).expect("byte");
    }
    d[63] &= 0x3f; // d below q, little-endian
    let (key_oid, curve) = ("1.2.643.7.1.1.1.2", "1.2.643.7.1.2.1.2.1");
    for as_integer in [false, true] {
        let (p12, cert) = tc26_keystore(key_oid, curve, &d, as_integer);
        let done = signer::sign(
            &order(PASSWORD, KeyPurpose::Signing, 1_790_500_000),
            &p12,
            DOC,
        )
        .unwrap_or_else(|e| panic!("{key_oid}: {e:?}"));
        let (_, si) = signer_info(&done.cms);
        assert_eq!(si.digest_alg.oid.to_string(), "1.2.643.7.1.1.2.3");
        assert_eq!(si.signature_algorithm.oid.to_string(), "1.2.643.7.1.1.3.3");
        let (dig, value) = check_gost(&done.cms, &cert, gost::Layout::Rfc4491);
        // s ‖ r big-endian: gostcrypto's own order is r ‖ s.
        let (_, key) = public_key(&cert);
        let (s, r) = value.split_at(64);
        let verdict = gostcrypto(&[
            "verify",
            "512A",
            &hex(&halves_reversed(&key)),
            &hex(&rev(&dig)),
            &hex(&[r, s].concat()),
        ]);
        assert_eq!(verdict, "True", "{key_oid}");
        // A TC26 key is no national single key: it does not log in.
        assert_eq!(
            signer::sign(
                &order(PASSWORD, KeyPurpose::Authentication, 1_790_500_000),
                &p12,
                DOC
            ),
            Err(EdsCode::SigningKeyForAuth)
        );
    }
}

#[test]
fn a_256_bit_gost_key_is_unsupported_in_the_worker() {
    // Its curve's code would be in every download for keys the national
    // center does not issue (see `src/gost.rs`). The second: a 512-bit key
    // named with a 256-bit curve, unsupported rather than misread.
    for key_oid in ["1.2.643.7.1.1.1.1", "1.2.643.7.1.1.1.2"] {
        let (p12, _) = tc26_keystore(key_oid, "1.2.643.7.1.2.1.1.2", &[0x11; 32], false);
        let refused = signer::inspect(&p12, PASSWORD);
        assert_eq!(refused, Err(EdsCode::UnsupportedKey), "{key_oid}");
    }
}
