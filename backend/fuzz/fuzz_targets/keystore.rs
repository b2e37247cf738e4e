//! PKCS#12 keystores: the server's reader, and the browser signer's (its
//! BER→DER step included). Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = backend::pki::keystore::open(data, "demo-eds-2026");
    let _ = signer::inspect(data, "demo-eds-2026");
    let _ = signer::ber::to_der(data);
});
