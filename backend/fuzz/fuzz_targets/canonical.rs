//! The canonical form (RFC 8785) of any JSON: never a panic, and the
//! canonical bytes are a fixed point (canonical of canonical is itself).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let Ok(bytes) = shared::canonical::to_bytes(&value) else {
        return;
    };
    let again: serde_json::Value =
        serde_json::from_slice(&bytes).expect("canonical output is JSON");
    let twice = shared::canonical::to_bytes(&again).expect("canonical output canonicalizes");
    assert_eq!(twice, bytes);
});
