//! The GOST R 34.10-2012 signature equation over any curve of this crate
//! (section 6 of the standard; RFC 7091): the digest read as a
//! little-endian integer e (1 if e ≡ 0 mod q), then
//!
//! - signing: C = k·G, r = x_C mod q, s = (r·d + k·e) mod q;
//! - verifying: v = e⁻¹, z₁ = s·v, z₂ = −r·v, C = z₁·G + z₂·Q, accept iff
//!   x_C mod q = r.
//!
//! Points and scalars are primeorder's and crypto-bigint's, the linear
//! combination `lincomb.rs`'s; this file only orders the steps.

use alloc::vec::Vec;
use elliptic_curve::ops::Reduce;
use elliptic_curve::point::AffineCoordinates;
use elliptic_curve::rand_core::CryptoRngCore;
use elliptic_curve::subtle::Choice;
use elliptic_curve::zeroize::{Zeroize, Zeroizing};
use elliptic_curve::{Field, FieldBytes, PrimeField};
use primeorder::{AffinePoint, PrimeCurveParams, ProjectivePoint};

use crate::Error;
use crate::lincomb::lincomb_vartime;

type Scalar<C> = <C as elliptic_curve::CurveArithmetic>::Scalar;
type Fe<C> = <C as PrimeCurveParams>::FieldElement;

/// What the curve macro adds to primeorder's parameters.
pub trait GostCurve: PrimeCurveParams {
    /// A coordinate from its big-endian bytes, none if not below p.
    fn field_from_be(bytes: &[u8]) -> Option<Fe<Self>>;
    /// Whether (x, y) satisfies the curve equation.
    fn on_curve(x: &Fe<Self>, y: &Fe<Self>) -> bool;
    fn y_is_odd(y: &Fe<Self>) -> Choice;
    /// The point with abscissa x and y of this parity, if any.
    fn decompress(x: &FieldBytes<Self>, y_is_odd: Choice) -> Option<AffinePoint<Self>>;
}

/// r and s, each in [1, q−1].
pub struct Signature<C: GostCurve> {
    pub r: Scalar<C>,
    pub s: Scalar<C>,
}

/// A public key: a point of the curve other than the identity.
pub struct VerifyingKey<C: GostCurve> {
    point: ProjectivePoint<C>,
}

fn be_bytes<C: GostCurve>(be: &[u8]) -> Result<FieldBytes<C>, Error> {
    let mut repr = FieldBytes::<C>::default();
    if be.len() != repr.len() {
        return Err(Error::Encoding);
    }
    repr.copy_from_slice(be);
    Ok(repr)
}

/// A scalar in [1, q−1] from big-endian bytes.
pub fn nonzero_scalar<C: GostCurve>(be: &[u8]) -> Result<Scalar<C>, Error> {
    let s: Option<Scalar<C>> = Scalar::<C>::from_repr(be_bytes::<C>(be)?).into();
    s.filter(|s| !bool::from(s.is_zero()))
        .ok_or(Error::Encoding)
}

/// e = α mod q, α the digest as a little-endian integer; 1 for 0.
fn digest_scalar<C: GostCurve>(digest: &[u8]) -> Result<Scalar<C>, Error> {
    let be: Vec<u8> = digest.iter().rev().copied().collect();
    let e = <Scalar<C> as Reduce<C::Uint>>::reduce_bytes(&be_bytes::<C>(&be)?);
    Ok(if bool::from(e.is_zero()) {
        Scalar::<C>::ONE
    } else {
        e
    })
}

/// x mod q of a point, as a scalar.
fn x_mod_q<C: GostCurve>(p: &ProjectivePoint<C>) -> Scalar<C> {
    let affine: AffinePoint<C> = p.to_affine();
    <Scalar<C> as Reduce<C::Uint>>::reduce_bytes(&affine.x())
}

impl<C: GostCurve> VerifyingKey<C> {
    /// The key from its affine coordinates, big-endian; refused off the
    /// curve.
    pub fn from_coordinates(x: &[u8], y: &[u8]) -> Result<Self, Error> {
        let fx = C::field_from_be(x).ok_or(Error::Encoding)?;
        let fy = C::field_from_be(y).ok_or(Error::Encoding)?;
        if !C::on_curve(&fx, &fy) {
            return Err(Error::NotOnCurve);
        }
        // On the curve, the point with x and y's parity is (x, y).
        let affine = C::decompress(&be_bytes::<C>(x)?, C::y_is_odd(&fy));
        let point = ProjectivePoint::<C>::from(affine.ok_or(Error::NotOnCurve)?);
        Ok(Self { point })
    }

    /// The key from the public key's octets: x ‖ y, each little-endian
    /// (RFC 4491 §2.3.2, and the national center's certificates).
    pub fn from_le_octets(octets: &[u8]) -> Result<Self, Error> {
        if !octets.len().is_multiple_of(2) {
            return Err(Error::Encoding);
        }
        let (x, y) = octets.split_at(octets.len() / 2);
        let x: Vec<u8> = x.iter().rev().copied().collect();
        let y: Vec<u8> = y.iter().rev().copied().collect();
        Self::from_coordinates(&x, &y)
    }

    /// The key's octets: x ‖ y, each little-endian.
    pub fn to_le_octets(&self) -> Vec<u8> {
        let affine: AffinePoint<C> = self.point.to_affine();
        let mut out: Vec<u8> = affine.x().iter().rev().copied().collect();
        out.extend(y_of::<C>(&affine).iter().rev());
        out
    }

    /// Checks `sig` over a message whose digest is `digest`.
    pub fn verify_digest(&self, digest: &[u8], sig: &Signature<C>) -> Result<(), Error> {
        let e = digest_scalar::<C>(digest)?;
        let v: Option<Scalar<C>> = e.invert().into();
        let v = v.ok_or(Error::Encoding)?;
        let z1 = sig.s * v;
        let z2 = -(sig.r * v);
        let c = lincomb_vartime(&ProjectivePoint::<C>::GENERATOR, &z1, &self.point, &z2);
        // One inversion: primeorder's projective identity test makes two.
        let c: AffinePoint<C> = c.to_affine();
        let x = <Scalar<C> as Reduce<C::Uint>>::reduce_bytes(&c.x());
        if bool::from(c.is_identity()) || x != sig.r {
            return Err(Error::Mismatch);
        }
        Ok(())
    }
}

/// The y coordinate of an affine point, big-endian: primeorder keeps it
/// private and offers no uncompressed encoding for 64-byte fields, so it
/// is the root of x³ − 3x + b with the point's parity.
fn y_of<C: GostCurve>(affine: &AffinePoint<C>) -> FieldBytes<C> {
    let odd = affine.y_is_odd();
    let x = affine.x();
    let fx = Fe::<C>::from_repr(x).unwrap_or(Fe::<C>::ZERO);
    let alpha = fx.square() * fx + C::EQUATION_A * fx + C::EQUATION_B;
    let beta = alpha.sqrt().unwrap_or(Fe::<C>::ZERO);
    let y = if bool::from(beta.is_odd()) == bool::from(odd) {
        beta
    } else {
        -beta
    };
    y.to_repr()
}

/// A private key d in [1, q−1], wiped when dropped.
pub struct SigningKey<C: GostCurve> {
    d: Scalar<C>,
}

impl<C: GostCurve> Drop for SigningKey<C> {
    fn drop(&mut self) {
        self.d.zeroize();
    }
}

impl<C: GostCurve> SigningKey<C> {
    /// The key from d's little-endian bytes (the national keystores' form).
    pub fn from_le_bytes(le: &[u8]) -> Result<Self, Error> {
        let be: Zeroizing<Vec<u8>> = Zeroizing::new(le.iter().rev().copied().collect());
        Ok(Self {
            d: nonzero_scalar::<C>(&be)?,
        })
    }

    pub fn verifying_key(&self) -> VerifyingKey<C> {
        VerifyingKey {
            point: ProjectivePoint::<C>::GENERATOR * self.d,
        }
    }

    /// Signs a message whose digest is `digest`, with a fresh random k
    /// (wiped once used: k and the signature give d).
    pub fn sign_digest(
        &self,
        digest: &[u8],
        rng: &mut impl CryptoRngCore,
    ) -> Result<Signature<C>, Error> {
        let e = digest_scalar::<C>(digest)?;
        loop {
            let k = Zeroizing::new(Scalar::<C>::random(&mut *rng));
            if bool::from(k.is_zero()) {
                continue;
            }
            let r = x_mod_q::<C>(&(ProjectivePoint::<C>::GENERATOR * *k));
            if bool::from(r.is_zero()) {
                continue;
            }
            let s = r * self.d + *k * e;
            if !bool::from(s.is_zero()) {
                return Ok(Signature { r, s });
            }
        }
    }
}
