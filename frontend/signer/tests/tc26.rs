//! TC26's GOST R 34.10-2012 keys in the browser's signer (issue 25,
//! part 1), in keystores made here by the test center: a 512-bit one signs
//! with RFC 4491's layout and TC26's OIDs, and PyPI's `gostcrypto` verifies
//! it; a 256-bit one is unsupported in the worker (see `src/gost.rs`).

mod common;
#[path = "../../../shared/gost/tests/support/gostcrypto.rs"]
#[expect(
    dead_code,
    reason = "the driver's unhex serves the gost crate's own test"
)]
mod driver;

use common::gost_cms::*;
use common::*;
use driver::{gostcrypto, halves_reversed, hex, rev};
use shared::eds::{EdsCode, KeyPurpose};
use x509_cert::Certificate;
use x509_cert::der::asn1::{BitString, ObjectIdentifier as Oid, OctetString};
use x509_cert::der::{Any, Encode};
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

const DOC: &[u8] = br#"{"request":"med-license","type":"issuance","iin":"900101300007"}"#;

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
            &gost_order(PASSWORD, KeyPurpose::Signing, 1_790_500_000),
            &p12,
            DOC,
        )
        .unwrap_or_else(|e| panic!("{key_oid}: {e:?}"));
        let (_, si) = signer_info(&done.cms);
        assert_eq!(si.digest_alg.oid.to_string(), "1.2.643.7.1.1.2.3");
        assert_eq!(si.signature_algorithm.oid.to_string(), "1.2.643.7.1.1.3.3");
        let (dig, value) = check_gost(&done.cms, DOC, &cert, gost::Layout::Rfc4491);
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
                &gost_order(PASSWORD, KeyPurpose::Authentication, 1_790_500_000),
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
