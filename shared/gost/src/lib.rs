//! GOST R 34.10-2012 (and the national GOST 34.310-2004 / 34.10-2015)
//! signatures for the portal's server and its browser signer.
//!
//! The curves are RustCrypto types: primeorder's points over field elements
//! whose arithmetic is crypto-bigint's (`field.rs`, `curve.rs`); the digests
//! are RustCrypto's `streebog` (GOST R 34.11-2012) and `gost94` (GOST R
//! 34.11-94 with the test S-box, which the national center's GOST 34.311-95
//! proves to be: its 2004 roots verify with it). `algorithms.rs` maps the
//! national center's and TC26's object identifiers to a curve, a digest and
//! the byte layout of the signature value; `profile.rs` says which digest
//! and signature algorithms a key of each kind signs with.

#![no_std]
extern crate alloc;
#[cfg(test)]
extern crate std;

mod algorithms;
mod curve;
pub mod curves;
pub mod dsa;
mod field;
mod lincomb;
mod profile;

pub use algorithms::{
    Digest, Layout, ParamSet, SignatureAlgorithm, is_gost_key, public_key, public_key_on, sign,
    sign_on, signature_for_key, verify,
};
pub use profile::Profile;

/// What the macros name; not part of the crate's API.
#[doc(hidden)]
pub mod reexport {
    pub use elliptic_curve::bigint;
    pub use elliptic_curve::ff;
    pub use elliptic_curve::ops::{Invert, Reduce};
    pub use elliptic_curve::point::DecompressPoint;
    pub use elliptic_curve::scalar::{FromUintUnchecked, IsHigh};
    pub use elliptic_curve::subtle;
    pub use elliptic_curve::{
        Curve, CurveArithmetic, FieldBytes, FieldBytesEncoding, PrimeCurve, ScalarPrimitive,
    };
}

/// Why a key or signature is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// Wrong lengths, or a number not below its modulus, or zero.
    Encoding,
    /// The public key is not a point of the curve.
    NotOnCurve,
    /// The signature does not match.
    Mismatch,
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(match self {
            Error::Encoding => "a malformed GOST key or signature",
            Error::NotOnCurve => "the GOST public key is not on its curve",
            Error::Mismatch => "the GOST signature does not match",
        })
    }
}

impl core::error::Error for Error {}
