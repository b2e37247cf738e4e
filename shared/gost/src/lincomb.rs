//! z₁·G + z₂·Q for verification, with the doublings shared (Straus's
//! interleaving, 4-bit fixed windows): about 512 doublings and 270
//! additions on the 512-bit curve where primeorder's default
//! `LinearCombination` (two scalar multiplications, then a sum) spends
//! 1024 doublings and 290 additions. The doublings and additions are
//! primeorder's complete formulas; this file only orders them.
//!
//! Variable-time: it branches on the scalars' digits. Only for
//! verification, where z₁, z₂, G and Q are all public (derived from the
//! signature, the digest and the public key). Signing keeps primeorder's
//! constant-time multiplication.

use elliptic_curve::PrimeField;
use elliptic_curve::group::Group;
use primeorder::{PrimeCurveParams, ProjectivePoint};

type Scalar<C> = <C as elliptic_curve::CurveArithmetic>::Scalar;

/// 0·P, 1·P, …, 15·P.
fn table<C: PrimeCurveParams>(p: &ProjectivePoint<C>) -> [ProjectivePoint<C>; 16] {
    let mut t = [ProjectivePoint::<C>::IDENTITY; 16];
    for i in 1..16 {
        t[i] = t[i - 1] + p;
    }
    t
}

/// a·P + b·R, in variable time (public inputs only).
pub fn lincomb_vartime<C: PrimeCurveParams>(
    p: &ProjectivePoint<C>,
    a: &Scalar<C>,
    r: &ProjectivePoint<C>,
    b: &Scalar<C>,
) -> ProjectivePoint<C> {
    let (tp, tr) = (table(p), table(r));
    // Big-endian bytes: the most significant digit first.
    let (ab, bb) = (a.to_repr(), b.to_repr());
    let mut acc = ProjectivePoint::<C>::IDENTITY;
    let mut started = false;
    for (x, y) in ab.iter().zip(bb.iter()) {
        for shift in [4u8, 0] {
            // Leading zero digits cost nothing (primeorder's identity test
            // is an inversion, so a flag says whether acc is still zero).
            if started {
                acc = (0..4).fold(acc, |d, _| Group::double(&d));
            }
            let (dx, dy) = (
                usize::from((x >> shift) & 15),
                usize::from((y >> shift) & 15),
            );
            if dx != 0 {
                acc += tp[dx];
            }
            if dy != 0 {
                acc += tr[dy];
            }
            started |= dx != 0 || dy != 0;
        }
    }
    acc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curves::{cryptopro_a::CryptoProA, tc26_512a::Tc26Gost512A};
    use elliptic_curve::Field;

    fn agrees_with_primeorder<C: PrimeCurveParams>() {
        let mut rng = rand::thread_rng();
        let g = ProjectivePoint::<C>::GENERATOR;
        let q = g * Scalar::<C>::random(&mut rng);
        let cases = [
            (Scalar::<C>::ZERO, Scalar::<C>::ZERO),
            (Scalar::<C>::ONE, Scalar::<C>::ZERO),
            (Scalar::<C>::ZERO, -Scalar::<C>::ONE),
            (-Scalar::<C>::ONE, -Scalar::<C>::ONE),
        ];
        let random =
            (0..20).map(|_| (Scalar::<C>::random(&mut rng), Scalar::<C>::random(&mut rng)));
        for (a, b) in cases.into_iter().chain(random) {
            assert_eq!(lincomb_vartime(&g, &a, &q, &b), g * a + q * b);
        }
    }

    #[test]
    fn the_shared_doublings_give_primeorders_sum_on_both_curve_sizes() {
        agrees_with_primeorder::<Tc26Gost512A>();
        agrees_with_primeorder::<CryptoProA>();
    }
}
