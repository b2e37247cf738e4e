//! The national center's 2026 GOST R 34.10-2015 CMS samples, attached and
//! detached, and its two-signer ones.

use super::*;
use crate::pki::testdata::*;

const SAMPLES: [(&str, &str); 4] = [
    (
        "samples/cms/2026_individual_attached.p7s",
        "samples/cms/2026_individual_document.txt",
    ),
    (
        "samples/cms/2026_individual_detached.p7s",
        "samples/cms/2026_individual_document.txt",
    ),
    (
        "samples/cms/2026_legal_entity_attached.p7s",
        "samples/cms/2026_legal_entity_document.txt",
    ),
    (
        "samples/cms/2026_legal_entity_detached.p7s",
        "samples/cms/2026_legal_entity_document.txt",
    ),
];

#[test]
fn the_2026_gost_samples_verify_attached_and_detached() {
    for (sig, doc) in SAMPLES {
        let document = interop(doc);
        let v = verify(&interop(sig), Some(&document)).unwrap_or_else(|e| panic!("{sig}: {e}"));
        assert_eq!(v.content, document, "{sig}");
        let key = &v
            .signer
            .tbs_certificate
            .subject_public_key_info
            .algorithm
            .oid;
        assert_eq!(key.to_string(), "1.2.398.3.10.1.1.2.2", "{sig}");
        // Another document is refused.
        let mut other = document.clone();
        other[0] ^= 1;
        assert_eq!(
            verify(&interop(sig), Some(&other)).err(),
            Some(CmsError::DigestMismatch),
            "{sig}"
        );
    }
    // A detached signature without its document cannot be checked.
    assert_eq!(
        verify(&interop(SAMPLES[1].0), None).err(),
        Some(CmsError::ContentMissing)
    );
}

/// The 2018 SDK sample names only its key's algorithm (GOST 34.310-2004,
/// `1.2.398.3.10.1.1.1.1`) as the signature algorithm, as RFC 4490 §3.2
/// has GOST signers do: it verifies with the signer's digest (GOST
/// 34.311-95), and another content is refused.
#[test]
fn a_signer_naming_only_its_gost_2004_key_verifies_with_its_digest() {
    let (_, pem) =
        x509_cert::der::pem::decode_vec(&interop("samples/cms/2018_sdk_test_CMS_GOST.pem"))
            .expect("PEM");
    let v = verify(&pem, None).unwrap_or_else(|e| panic!("2018: {e}"));
    let spki = &v.signer.tbs_certificate.subject_public_key_info;
    assert_eq!(spki.algorithm.oid.to_string(), "1.2.398.3.10.1.1.1.1");
    assert!(!v.content.is_empty());
    let mut other = v.content.clone();
    other[0] ^= 1;
    assert_eq!(
        verify(&pem, Some(&other)).err(),
        Some(CmsError::DigestMismatch)
    );
}
