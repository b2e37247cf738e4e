//! CMS SignedData and the verdict on a signed request: never a panic, and
//! nothing made of random bytes is accepted against an empty trust store.
#![no_main]

use backend::pki::cert::KeyPurpose;
use backend::pki::chain::TrustStore;
use backend::pki::verify::{Expected, verify};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = backend::pki::cms::certificates(data);
    let _ = backend::pki::cms::verify(data, None);
    let _ = backend::pki::cms::verify(data, Some(b"content"));
    let store = TrustStore::new(Vec::new(), Vec::new());
    let verdict = verify(
        data,
        Expected {
            content: b"content",
            iin: Some("900101300007"),
            bin: None,
            purpose: KeyPurpose::Signing,
        },
        &store,
        &[],
        1_800_000_000,
    );
    assert!(verdict.is_err(), "nothing is trusted by an empty store");
});
