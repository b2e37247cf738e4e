//! Certificate revocation lists: never a panic, whatever is asked of one.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(crl) = backend::pki::revocation::crl::Crl::parse(data) {
        let _ = crl.revoked_count();
        let _ = crl.this_update();
        let _ = crl.next_update();
        let _ = crl.is_current_at(1_800_000_000);
        let _ = crl.authority_key_id();
        let _ = crl.status(data.get(..8).unwrap_or_default());
    }
});
