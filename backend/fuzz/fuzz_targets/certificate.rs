//! Certificates (DER or PEM) as the portal reads them: never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(cert) = backend::pki::cert::read(data) {
        let _ = backend::pki::cert::info(&cert);
        let _ = backend::pki::chain::subject_key_id(&cert);
    }
    let _ = backend::pki::cert::parse(data);
});
