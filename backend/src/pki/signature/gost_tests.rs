//! The national center's GOST certificates: each OID mapping proven by
//! a root's self-signature, and the signature value's two layouts.

use crate::pki::gost::{GostError, public_key, verify};
use crate::pki::signature::{SignatureError, verify_certificate};
use crate::pki::testdata::cert;
use x509_cert::der::Encode;
use x509_cert::der::asn1::ObjectIdentifier as Oid;

const ROOT_2015: &str = "ca/root_test_gost_2022.cer";
const NCA_2015: &str = "ca/nca_gost2022_test.cer";
const ROOT_2004: &str = "ca/root_gost_test.pem";
const NCA_2004: &str = "ca/nca_gost_test.pem";

/// 1.2.398.3.10.1.1.2.2.1 = TC26 512 paramSetA, with Streebog-512 and
/// the national layout: the root's self-signature proves it, and its
/// CA's and a 2026 leaf's signatures follow.
#[test]
fn the_national_gost_2015_chain_verifies_on_tc26_512_param_set_a() {
    let root = cert(ROOT_2015);
    let (set, _) = public_key(&root.tbs_certificate.subject_public_key_info).expect("key");
    assert_eq!(set, gost::ParamSet::Tc26Gost512A);
    verify_certificate(&root, &root).expect("the root's self-signature");
    let nca = cert(NCA_2015);
    verify_certificate(&nca, &root).expect("root → CA");
    for leaf in [
        "certs/2026_gost2015_individual_valid.leaf.pem",
        "certs/2026_gost2015_legal_head_valid.leaf.pem",
        "certs/2026_gost2015_individual_cms_signer.cer",
    ] {
        verify_certificate(&cert(leaf), &nca).unwrap_or_else(|e| panic!("CA → {leaf}: {e}"));
    }
    // Not by the root directly, and not the other way round.
    assert_eq!(
        verify_certificate(&nca, &nca),
        Err(SignatureError::Mismatch)
    );
    assert_eq!(
        verify_certificate(&root, &nca),
        Err(SignatureError::Mismatch)
    );
}

/// 1.2.398.3.10.1.1.1.1.1 = CryptoPro-A, with GOST R 34.11-94 (test
/// S-box) as the national GOST 34.311-95.
#[test]
fn the_national_gost_2004_chain_verifies_on_cryptopro_a() {
    let root = cert(ROOT_2004);
    let (set, _) = public_key(&root.tbs_certificate.subject_public_key_info).expect("key");
    assert_eq!(set, gost::ParamSet::CryptoProA);
    verify_certificate(&root, &root).expect("the root's self-signature");
    verify_certificate(&cert(NCA_2004), &root).expect("root → CA");
}

/// Both byte orders of the value: the national one (r ‖ s, each
/// little-endian) under the national OID; its reversal, RFC 4491's
/// s ‖ r big-endian, under TC26's OID for the same curve and digest.
#[test]
fn the_signature_value_layouts_are_told_apart() {
    let root = cert(ROOT_2015);
    let tbs = root.tbs_certificate.to_der().expect("tbs");
    let value = root.signature.as_bytes().expect("value").to_vec();
    let spki = &root.tbs_certificate.subject_public_key_info;
    let national = Oid::new_unwrap("1.2.398.3.10.1.1.2.3.2");
    let tc26 = Oid::new_unwrap("1.2.643.7.1.1.3.3");
    let reversed: Vec<u8> = value.iter().rev().copied().collect();
    assert_eq!(verify(spki, &national, &tbs, &value), Some(Ok(())));
    assert_eq!(verify(spki, &tc26, &tbs, &reversed), Some(Ok(())));
    assert_eq!(
        verify(spki, &tc26, &tbs, &value),
        Some(Err(GostError::Mismatch))
    );
    assert_eq!(
        verify(spki, &national, &tbs, &reversed),
        Some(Err(GostError::Mismatch))
    );
    // Any changed byte of the signed data or of the value is refused.
    for i in [0, 17, tbs.len() / 2, tbs.len() - 1] {
        let mut bad = tbs.clone();
        bad[i] ^= 1;
        assert_eq!(
            verify(spki, &national, &bad, &value),
            Some(Err(GostError::Mismatch))
        );
    }
    for i in [0, 63, 64, 127] {
        let mut bad = value.clone();
        bad[i] ^= 1;
        assert!(matches!(verify(spki, &national, &tbs, &bad), Some(Err(_))));
    }
    // Not a GOST algorithm: not this module's.
    assert_eq!(
        verify(
            spki,
            &Oid::new_unwrap("1.2.840.113549.1.1.11"),
            &tbs,
            &value
        ),
        None
    );
}

/// A GOST curve not mapped (TC26 256 paramSetA, a twisted Edwards curve)
/// is refused as unsupported, not as weak.
#[test]
fn an_unmapped_gost_curve_is_unsupported_not_weak() {
    use crate::pki::cms::CmsError;
    use crate::pki::verify::VerifyError;
    use shared::eds::EdsCode;
    use x509_cert::der::Decode;
    use x509_cert::der::asn1::SequenceOf;

    let root = cert(ROOT_2015);
    let mut spki = root.tbs_certificate.subject_public_key_info.clone();
    let mut params: SequenceOf<Oid, 3> = SequenceOf::new();
    params
        .add(Oid::new_unwrap("1.2.643.7.1.2.1.1.1"))
        .expect("oid");
    let der = params.to_der().expect("der");
    spki.algorithm.parameters = Some(x509_cert::der::Any::from_der(&der).expect("any"));
    let tbs = root.tbs_certificate.to_der().expect("tbs");
    let value = root.signature.as_bytes().expect("value");
    let alg = Oid::new_unwrap("1.2.398.3.10.1.1.2.3.2");
    let err = crate::pki::signature::verify(&spki, &alg, &tbs, value).expect_err("refused");
    assert_eq!(
        err,
        SignatureError::UnsupportedAlgorithm("1.2.643.7.1.2.1.1.1".into())
    );
    assert_eq!(
        VerifyError::Cms(CmsError::Signature(err)).code(),
        EdsCode::UnsupportedAlgorithm
    );
    assert_eq!(
        VerifyError::Cms(CmsError::Signature(SignatureError::WeakKey(1024))).code(),
        EdsCode::WeakAlgorithm
    );
}
