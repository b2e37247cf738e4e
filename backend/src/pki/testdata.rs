//! The national center's test PKI, copied into the repository
//! (`backend/tests/fixtures/nca-test-pki`), for the tests.

use std::path::PathBuf;

pub fn interop(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/nca-test-pki")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn cert(rel: &str) -> x509_cert::Certificate {
    super::cert::read(&interop(rel)).expect("certificate")
}
