//! The electronic digital signature (ЭЦП) public-key infrastructure:
//! reading certificates and CRLs in the national certification center's
//! conventions, and checking the signatures between them. The CMS verifier
//! and the signing flow build on this (see the ЭЦП issue).

pub mod ca;
pub mod cert;
pub mod chain;
pub mod cms;
pub mod gost;
pub mod keystore;
pub mod pades;
pub mod revocation;
pub mod sign;
pub mod signature;
#[cfg(test)]
pub(crate) mod testdata;
pub mod tsp;
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
