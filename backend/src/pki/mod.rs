//! The electronic digital signature (ЭЦП) public-key infrastructure:
//! reading certificates and CRLs in the national certification center's
//! conventions, and checking the signatures between them. The CMS verifier
//! and the signing flow build on this (see the ЭЦП issue).

pub mod ca;
pub mod cert;
pub mod chain;
pub mod cms;
pub mod crl;
pub mod keystore;
pub mod sign;
pub mod signature;
pub mod verify;

/// Lower-case hex of `bytes` (serial numbers, digests).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The national center's test PKI, copied into the repository
/// (`backend/tests/fixtures/nca-test-pki`), for the tests.
#[cfg(test)]
pub(crate) mod testdata {
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
}
