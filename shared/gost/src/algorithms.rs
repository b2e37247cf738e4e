//! Object identifiers → parameter set, digest and signature layout, and the
//! entry points that pick the curve at run time.

use alloc::vec::Vec;
use elliptic_curve::rand_core::CryptoRngCore;

use crate::Error;
use crate::curves::{cryptopro_a::CryptoProA, tc26_512a::Tc26Gost512A};
use crate::dsa::{GostCurve, Signature, SigningKey, VerifyingKey, nonzero_scalar};

/// A curve, named by the public key's parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamSet {
    /// TC26 512-bit paramSetA.
    Tc26Gost512A,
    /// CryptoPro-A (= TC26 256-bit paramSetB).
    CryptoProA,
}

impl ParamSet {
    /// The set named by a public key's `publicKeyParamSet` OID.
    pub fn from_oid(oid: &str) -> Option<Self> {
        match oid {
            // National center: GOST R 34.10-2015 512, GOST 34.310-2004.
            "1.2.398.3.10.1.1.2.2.1" | "1.2.643.7.1.2.1.2.1" => Some(Self::Tc26Gost512A),
            "1.2.398.3.10.1.1.1.1.1"
            | "1.2.643.2.2.35.1"
            | "1.2.643.2.2.36.0"
            | "1.2.643.7.1.2.1.1.2" => Some(Self::CryptoProA),
            _ => None,
        }
    }

    /// Bytes of one coordinate, of r and of s.
    pub fn size(self) -> usize {
        match self {
            Self::Tc26Gost512A => 64,
            Self::CryptoProA => 32,
        }
    }
}

/// Whether an OID names a GOST public key (whose parameters name the curve).
pub fn is_gost_key(oid: &str) -> bool {
    matches!(
        oid,
        "1.2.398.3.10.1.1.2.2" | "1.2.398.3.10.1.1.1.1" | "1.2.643.7.1.1.1.1" | "1.2.643.7.1.1.1.2"
    )
}

/// The signature algorithm a CMS signer means when it names only its
/// key's algorithm, as RFC 4490 §3.2 has GOST signers do (and the national
/// center's 2018 SDK samples): the key's convention with the signer's
/// digest; none for a digest that key does not sign with.
pub fn signature_for_key(key: &str, digest: Digest) -> Option<&'static str> {
    match (key, digest) {
        ("1.2.398.3.10.1.1.1.1", Digest::Gost94Test) => Some("1.2.398.3.10.1.1.1.2"),
        ("1.2.398.3.10.1.1.2.2", Digest::Streebog512) => Some("1.2.398.3.10.1.1.2.3.2"),
        ("1.2.643.7.1.1.1.1", Digest::Streebog256) => Some("1.2.643.7.1.1.3.2"),
        ("1.2.643.7.1.1.1.2", Digest::Streebog512) => Some("1.2.643.7.1.1.3.3"),
        _ => None,
    }
}

/// A GOST digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digest {
    Streebog256,
    Streebog512,
    /// GOST R 34.11-94 with the test parameters (the national GOST 34.311-95).
    Gost94Test,
}

impl Digest {
    /// The digest named by a CMS `digestAlgorithm` OID.
    pub fn from_oid(oid: &str) -> Option<Self> {
        match oid {
            "1.2.643.7.1.1.2.2" => Some(Self::Streebog256),
            "1.2.398.3.10.1.3.3" | "1.2.643.7.1.1.2.3" => Some(Self::Streebog512),
            "1.2.398.3.10.1.3.1" => Some(Self::Gost94Test),
            _ => None,
        }
    }

    /// The digest as the streebog/gost94 crates give it: the byte string
    /// whose little-endian reading is the integer α of the standard.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        use streebog::Digest as _;
        match self {
            Self::Streebog256 => streebog::Streebog256::digest(data).to_vec(),
            Self::Streebog512 => streebog::Streebog512::digest(data).to_vec(),
            Self::Gost94Test => gost94::Gost94Test::digest(data).to_vec(),
        }
    }
}

/// How r and s sit in the signature value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The national center's: r then s, each little-endian (the byte
    /// reversal of RFC 4491's).
    National,
    /// RFC 4491 §2.2.2 / RFC 7091: s then r, each big-endian.
    Rfc4491,
}

/// A signature algorithm OID: its digest and the signature's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignatureAlgorithm {
    pub digest: Digest,
    pub layout: Layout,
}

impl SignatureAlgorithm {
    pub fn from_oid(oid: &str) -> Option<Self> {
        let (digest, layout) = match oid {
            "1.2.398.3.10.1.1.2.3.2" => (Digest::Streebog512, Layout::National),
            "1.2.398.3.10.1.1.1.2" => (Digest::Gost94Test, Layout::National),
            "1.2.643.7.1.1.3.2" => (Digest::Streebog256, Layout::Rfc4491),
            "1.2.643.7.1.1.3.3" => (Digest::Streebog512, Layout::Rfc4491),
            _ => return None,
        };
        Some(Self { digest, layout })
    }
}

/// r and s, big-endian, from a signature value in `layout`.
fn split(value: &[u8], layout: Layout, n: usize) -> Result<(Vec<u8>, Vec<u8>), Error> {
    if value.len() != 2 * n {
        return Err(Error::Encoding);
    }
    let (a, b) = value.split_at(n);
    Ok(match layout {
        Layout::National => (
            a.iter().rev().copied().collect(),
            b.iter().rev().copied().collect(),
        ),
        Layout::Rfc4491 => (b.to_vec(), a.to_vec()),
    })
}

fn join(r: &[u8], s: &[u8], layout: Layout) -> Vec<u8> {
    match layout {
        Layout::National => r.iter().rev().chain(s.iter().rev()).copied().collect(),
        Layout::Rfc4491 => s.iter().chain(r.iter()).copied().collect(),
    }
}

fn verify_on<C: GostCurve>(
    key: &[u8],
    digest: &[u8],
    value: &[u8],
    layout: Layout,
    n: usize,
) -> Result<(), Error> {
    let (r, s) = split(value, layout, n)?;
    let sig = Signature::<C> {
        r: nonzero_scalar::<C>(&r)?,
        s: nonzero_scalar::<C>(&s)?,
    };
    VerifyingKey::<C>::from_le_octets(key)?.verify_digest(digest, &sig)
}

/// Checks a signature value over `digest` by the public key `key` (x ‖ y,
/// little-endian, the octets inside the certificate's key BIT STRING).
pub fn verify(
    set: ParamSet,
    key: &[u8],
    digest: &[u8],
    value: &[u8],
    layout: Layout,
) -> Result<(), Error> {
    let n = set.size();
    match set {
        ParamSet::Tc26Gost512A => verify_on::<Tc26Gost512A>(key, digest, value, layout, n),
        ParamSet::CryptoProA => verify_on::<CryptoProA>(key, digest, value, layout, n),
    }
}

/// Signs `digest` with the private key d (little-endian bytes) on the
/// curve `C` only: for a caller that needs one curve's code and not the
/// others' (the browser's signer, whose download it is).
pub fn sign_on<C: GostCurve>(
    d: &[u8],
    digest: &[u8],
    layout: Layout,
    rng: &mut impl CryptoRngCore,
) -> Result<Vec<u8>, Error> {
    use elliptic_curve::PrimeField as _;
    let sig = SigningKey::<C>::from_le_bytes(d)?.sign_digest(digest, rng)?;
    Ok(join(&sig.r.to_repr(), &sig.s.to_repr(), layout))
}

/// Signs `digest` with the private key d (little-endian bytes).
pub fn sign(
    set: ParamSet,
    d: &[u8],
    digest: &[u8],
    layout: Layout,
    rng: &mut impl CryptoRngCore,
) -> Result<Vec<u8>, Error> {
    match set {
        ParamSet::Tc26Gost512A => sign_on::<Tc26Gost512A>(d, digest, layout, rng),
        ParamSet::CryptoProA => sign_on::<CryptoProA>(d, digest, layout, rng),
    }
}

/// The public key octets (x ‖ y, little-endian) of the private key d on
/// the curve `C` (see [`sign_on`]).
pub fn public_key_on<C: GostCurve>(d: &[u8]) -> Result<Vec<u8>, Error> {
    Ok(SigningKey::<C>::from_le_bytes(d)?
        .verifying_key()
        .to_le_octets())
}

/// The public key octets (x ‖ y, little-endian) of the private key d.
pub fn public_key(set: ParamSet, d: &[u8]) -> Result<Vec<u8>, Error> {
    match set {
        ParamSet::Tc26Gost512A => public_key_on::<Tc26Gost512A>(d),
        ParamSet::CryptoProA => public_key_on::<CryptoProA>(d),
    }
}
