//! Prime fields for the GOST curves: the element types are made by
//! primeorder's `impl_mont_field_element!`, the macro RustCrypto's `sm2`
//! and `bign256` crates use. Those crates hand the macro fiat-crypto
//! functions; here the same functions are thin wrappers over
//! crypto-bigint's constant-modulus Montgomery residues, so no modular
//! arithmetic is written in this crate.

/// Defines the field element type `$fe` modulo `$modulus_hex` (big-endian
/// hex) for `$curve`, in Montgomery form, with `ff::Field` and
/// `ff::PrimeField`. `$gen` is a quadratic non-residue, `$s` the 2-adicity
/// of the modulus minus one, `$root` = `$gen`^t (t odd, modulus − 1 = 2^s·t),
/// `$tm1d2` = (t − 1)/2 as little-endian u64 words (for Tonelli–Shanks).
#[macro_export]
#[doc(hidden)]
macro_rules! residue_field {
    (
        $curve:ty, $fe:ident, $modname:ident, $uint:ident, $bits:expr,
        $modulus_hex:expr, $gen:expr, $s:expr, $root:expr, $tm1d2:expr
    ) => {
        mod $modname {
            use $crate::reexport::bigint::{
                Word, impl_modulus,
                modular::constant_mod::{Residue, ResidueParams},
                $uint,
            };
            impl_modulus!(Modulus, $uint, $modulus_hex);
            const L: usize = <$uint>::LIMBS;
            type R = Residue<Modulus, L>;

            const fn res(w: &[Word; L]) -> R {
                R::from_montgomery(<$uint>::from_words(*w))
            }
            const fn words(r: R) -> [Word; L] {
                r.to_montgomery().to_words()
            }
            pub const MODULUS: $uint = Modulus::MODULUS;
            pub type Words = [Word; L];
            pub const fn to_mont(w: &Words) -> Words {
                words(R::new(&<$uint>::from_words(*w)))
            }
            pub const fn from_mont(w: &Words) -> Words {
                res(w).retrieve().to_words()
            }
            pub const fn add(a: &Words, b: &Words) -> Words {
                words(res(a).add(&res(b)))
            }
            pub const fn sub(a: &Words, b: &Words) -> Words {
                words(res(a).sub(&res(b)))
            }
            pub const fn mul(a: &Words, b: &Words) -> Words {
                words(res(a).mul(&res(b)))
            }
            pub const fn neg(a: &Words) -> Words {
                words(res(a).neg())
            }
            pub const fn square(a: &Words) -> Words {
                words(res(a).square())
            }
            /// The inverse (zero for zero: the caller checks).
            pub const fn invert(a: &Words) -> Words {
                words(res(a).invert().0)
            }
        }

        #[derive(Clone, Copy, PartialOrd, Ord)]
        pub struct $fe($crate::reexport::bigint::$uint);

        #[expect(
            deprecated,
            reason = "primeorder 0.13's macro names generic-array 0.14's GenericArray"
        )]
        const _: () = {
            use core::iter::{Product, Sum};
            use core::ops::{AddAssign, MulAssign, Neg, SubAssign};
            use $crate::reexport::bigint::$uint;
            use $crate::reexport::ff::PrimeField;
            use $crate::reexport::subtle::{Choice, ConstantTimeEq, CtOption};
            use $modname::{add, from_mont, mul, neg, square, sub, to_mont};

            primeorder::impl_mont_field_element!(
                $curve,
                $fe,
                $crate::reexport::FieldBytes<$curve>,
                $uint,
                $modname::MODULUS,
                $modname::Words,
                from_mont,
                to_mont,
                add,
                sub,
                mul,
                neg,
                square
            );

            impl $fe {
                const fn invert_unchecked(&self) -> Self {
                    Self(<$uint>::from_words($modname::invert(self.0.as_words())))
                }
                /// The multiplicative inverse, none for zero.
                pub fn invert(&self) -> CtOption<Self> {
                    CtOption::new(self.invert_unchecked(), !self.is_zero())
                }
                /// A square root, none for a non-residue (Tonelli–Shanks).
                pub fn sqrt(&self) -> CtOption<Self> {
                    $crate::reexport::ff::helpers::sqrt_tonelli_shanks(self, $tm1d2)
                }
            }

            impl core::fmt::Debug for $fe {
                fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    write!(f, "{}(0x{:X})", stringify!($fe), &self.to_canonical())
                }
            }

            impl $crate::reexport::Invert for $fe {
                type Output = CtOption<Self>;
                fn invert(&self) -> CtOption<Self> {
                    $fe::invert(self)
                }
            }

            impl PrimeField for $fe {
                type Repr = $crate::reexport::FieldBytes<$curve>;
                const MODULUS: &'static str = $modulus_hex;
                const NUM_BITS: u32 = $bits;
                const CAPACITY: u32 = $bits - 1;
                const TWO_INV: Self = Self::from_u64(2).invert_unchecked();
                const MULTIPLICATIVE_GENERATOR: Self = Self::from_u64($gen);
                const S: u32 = $s;
                const ROOT_OF_UNITY: Self = Self::from_hex($root);
                const ROOT_OF_UNITY_INV: Self = Self::ROOT_OF_UNITY.invert_unchecked();
                const DELTA: Self = Self::from_u64($gen).pow_vartime(&[1 << $s]);
                fn from_repr(bytes: Self::Repr) -> CtOption<Self> {
                    Self::from_bytes(&bytes)
                }
                fn to_repr(&self) -> Self::Repr {
                    self.to_bytes()
                }
                fn is_odd(&self) -> Choice {
                    self.is_odd()
                }
            }
        };
    };
}
