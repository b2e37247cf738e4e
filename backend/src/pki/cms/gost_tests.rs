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
