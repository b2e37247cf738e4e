//! A GOST R 34.10 curve as RustCrypto types: the `Curve`, its field and
//! scalar types (see `field.rs`), and primeorder's affine and projective
//! points with its complete addition formulas for `a = −3`.

/// Defines the curve type `$curve` (field bytes `$size`, integers
/// `$uint`, order `$order_hex`), its field element `FieldElement` and
/// scalar `Scalar`, with `y² = x³ − 3x + b` and generator `(gx, gy)`.
#[macro_export]
#[doc(hidden)]
macro_rules! gost_curve {
    (
        $curve:ident, $uint:ident, $size:ty, $bits:expr,
        field: ($p:expr, $pgen:expr, $ps:expr, $proot:expr, $ptm:expr),
        order: ($q:expr, $qgen:expr, $qs:expr, $qroot:expr, $qtm:expr),
        b: $b:expr, gx: $gx:expr, gy: $gy:expr
    ) => {
        use $crate::reexport::bigint::$uint;
        use $crate::reexport::ff::PrimeField as _;

        #[derive(Clone, Copy, Debug, Default, Eq, PartialEq, PartialOrd, Ord)]
        pub struct $curve;

        impl $crate::reexport::Curve for $curve {
            type FieldBytesSize = $size;
            type Uint = $uint;
            const ORDER: $uint = <$uint>::from_be_hex($q);
        }
        impl $crate::reexport::PrimeCurve for $curve {}
        impl $crate::reexport::FieldBytesEncoding<$curve> for $uint {}

        $crate::residue_field!(
            $curve,
            FieldElement,
            fe_impl,
            $uint,
            $bits,
            $p,
            $pgen,
            $ps,
            $proot,
            $ptm
        );
        $crate::residue_field!(
            $curve,
            Scalar,
            scalar_impl,
            $uint,
            $bits,
            $q,
            $qgen,
            $qs,
            $qroot,
            $qtm
        );
        $crate::scalar_traits!($curve, Scalar, $uint);

        pub type AffinePoint = primeorder::AffinePoint<$curve>;
        pub type ProjectivePoint = primeorder::ProjectivePoint<$curve>;

        impl $crate::reexport::CurveArithmetic for $curve {
            type AffinePoint = AffinePoint;
            type ProjectivePoint = ProjectivePoint;
            type Scalar = Scalar;
        }

        impl primeorder::PrimeCurveParams for $curve {
            type FieldElement = FieldElement;
            type PointArithmetic = primeorder::point_arithmetic::EquationAIsMinusThree;
            const EQUATION_A: FieldElement = FieldElement::from_u64(3).neg();
            const EQUATION_B: FieldElement = FieldElement::from_hex($b);
            const GENERATOR: (FieldElement, FieldElement) =
                (FieldElement::from_hex($gx), FieldElement::from_hex($gy));
        }

        impl $crate::dsa::GostCurve for $curve {
            fn field_from_be(bytes: &[u8]) -> Option<FieldElement> {
                let mut repr = $crate::reexport::FieldBytes::<$curve>::default();
                if bytes.len() != repr.len() {
                    return None;
                }
                repr.copy_from_slice(bytes);
                FieldElement::from_repr(repr).into()
            }
            fn decompress(
                x: &$crate::reexport::FieldBytes<$curve>,
                y_is_odd: $crate::reexport::subtle::Choice,
            ) -> Option<AffinePoint> {
                use $crate::reexport::DecompressPoint as _;
                AffinePoint::decompress(x, y_is_odd).into()
            }
            fn on_curve(x: &FieldElement, y: &FieldElement) -> bool {
                use primeorder::PrimeCurveParams as _;
                let rhs = x.square() * x + Self::EQUATION_A * x + Self::EQUATION_B;
                bool::from($crate::reexport::subtle::ConstantTimeEq::ct_eq(
                    &y.square(),
                    &rhs,
                ))
            }
            fn y_is_odd(y: &FieldElement) -> $crate::reexport::subtle::Choice {
                y.is_odd()
            }
        }
    };
}

/// The traits `elliptic-curve` asks of a curve's scalar beyond `ff`'s
/// (as in RustCrypto's `sm2`): reduction of a digest, the high half,
/// shifts, and the conversions to and from its integer forms.
#[macro_export]
#[doc(hidden)]
macro_rules! scalar_traits {
    ($curve:ident, $scalar:ident, $uint:ident) => {
        const _: () = {
            use $crate::reexport::bigint::{Limb, $uint};
            use $crate::reexport::subtle::{
                Choice, ConditionallySelectable as _, ConstantTimeGreater as _,
            };
            use $crate::reexport::{Curve as _, FieldBytes, FieldBytesEncoding, ScalarPrimitive};

            impl AsRef<$scalar> for $scalar {
                fn as_ref(&self) -> &$scalar {
                    self
                }
            }
            impl $crate::reexport::IsHigh for $scalar {
                fn is_high(&self) -> Choice {
                    const HALF: $uint = $curve::ORDER.shr_vartime(1);
                    self.to_canonical().ct_gt(&HALF)
                }
            }
            impl core::ops::Shr<usize> for $scalar {
                type Output = Self;
                fn shr(self, rhs: usize) -> Self {
                    Self::from_uint_unchecked(self.to_canonical().shr_vartime(rhs))
                }
            }
            impl core::ops::ShrAssign<usize> for $scalar {
                fn shr_assign(&mut self, rhs: usize) {
                    *self = *self >> rhs;
                }
            }
            impl $crate::reexport::FromUintUnchecked for $scalar {
                type Uint = $uint;
                fn from_uint_unchecked(uint: $uint) -> Self {
                    Self::from_uint_unchecked(uint)
                }
            }
            /// One subtraction suffices: every curve here has an order
            /// above 2^(bits−1), so any integer of its width is below 2q.
            impl $crate::reexport::Reduce<$uint> for $scalar {
                type Bytes = FieldBytes<$curve>;
                fn reduce(w: $uint) -> Self {
                    let (r, borrow) = w.sbb(&$curve::ORDER, Limb::ZERO);
                    let underflow = Choice::from((borrow.0 >> (Limb::BITS - 1)) as u8);
                    Self::from_uint_unchecked(<$uint>::conditional_select(&w, &r, !underflow))
                }
                fn reduce_bytes(bytes: &FieldBytes<$curve>) -> Self {
                    Self::reduce(<$uint as FieldBytesEncoding<$curve>>::decode_field_bytes(
                        bytes,
                    ))
                }
            }
            impl From<ScalarPrimitive<$curve>> for $scalar {
                fn from(w: ScalarPrimitive<$curve>) -> Self {
                    Self::from_uint_unchecked(*w.as_uint())
                }
            }
            impl From<$scalar> for ScalarPrimitive<$curve> {
                fn from(s: $scalar) -> Self {
                    // The canonical form is below the order by construction.
                    Option::from(ScalarPrimitive::new(s.to_canonical())).unwrap_or_default()
                }
            }
            impl From<$scalar> for FieldBytes<$curve> {
                fn from(s: $scalar) -> Self {
                    s.to_bytes()
                }
            }
            impl From<$scalar> for $uint {
                fn from(s: $scalar) -> $uint {
                    s.to_canonical()
                }
            }
        };
    };
}
