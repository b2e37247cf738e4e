//! The parameter sets the national certification center's keys use,
//! constants from RFC 7836 / R 1323565.1.024-2019 (as in PyPI `gostcrypto`,
//! which the tests check against). Each mapping from the national OIDs is
//! proven by the tests in `tests/nca.rs`: the national roots'
//! self-signatures verify on these curves.

/// `id-tc26-gost-3410-12-512-paramSetA` (1.2.643.7.1.2.1.2.1); the national
/// center's `1.2.398.3.10.1.1.2.2.1` (GOST R 34.10-2015, 512 bits).
pub mod tc26_512a {
    use elliptic_curve::consts::U64;
    crate::gost_curve!(
        Tc26Gost512A, U512, U64, 512,
        field: (
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc7",
            5, 1,
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffdc6",
            [0xffffffffffffff71, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0x3fffffffffffffff]
        ),
        order: (
            "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff27e69532f48d89116ff22b8d4e0560609b4b38abfad2b85dcacdb1411f10b275",
            2, 2,
            "e9efe9063cab12402363b7716098ded1a771486f03e5c685742b00ed998384ebc26d968b9ea9a90576e1f9e72b1ff639ae5608ad5835736fc469aff061dfd4aa",
            [0xb959b62823e2164e, 0x136967157f5a570b, 0x2dfe4571a9c0ac0c, 0xe4fcd2a65e91b122, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff, 0x1fffffffffffffff]
        ),
        b: "e8c2505dedfc86ddc1bd0b2b6667f1da34b82574761cb0e879bd081cfd0b6265ee3cb090f30d27614cb4574010da90dd862ef9d4ebee4761503190785a71c760",
        gx: "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003",
        gy: "7503cfe87a836ae3a61b8816e25450e6ce5e1c93acf1abc1778064fdcbefa921df1626be4fd036e93d75e6a50e3a41e98028fe5fc235f5b889a589cb5215f2a4"
    );
}

/// `id-GostR3410-2001-CryptoPro-A-ParamSet` (1.2.643.2.2.35.1), the same
/// curve as `id-tc26-gost-3410-2012-256-paramSetB`; the national center's
/// `1.2.398.3.10.1.1.1.1.1` (GOST 34.310-2004, 256 bits).
pub mod cryptopro_a {
    use elliptic_curve::consts::U32;
    crate::gost_curve!(
        CryptoProA, U256, U32, 256,
        field: (
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd97",
            7, 1,
            "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd96",
            [0xffffffffffffff65, 0xffffffffffffffff, 0xffffffffffffffff, 0x3fffffffffffffff]
        ),
        order: (
            "ffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b893",
            2, 1,
            "ffffffffffffffffffffffffffffffff6c611070995ad10045841b09b761b892",
            [0x116106c26dd86e24, 0xdb18441c2656b440, 0xffffffffffffffff, 0x3fffffffffffffff]
        ),
        b: "00000000000000000000000000000000000000000000000000000000000000a6",
        gx: "0000000000000000000000000000000000000000000000000000000000000001",
        gy: "8d91e471e0989cda27df505a453f2b7635294f2ddf23e3b122acc99c9e9f1e14"
    );
}

/// The constants the field macro was given, checked the way primeorder
/// checks RustCrypto's curves (t odd, modulus − 1 = 2^S · t).
#[cfg(test)]
mod tests {
    use elliptic_curve::PrimeField;

    macro_rules! constants {
        ($name:ident, $curve:ident, $fe:ident, $t:expr) => {
            #[test]
            fn $name() {
                use super::$curve::$fe;
                let t = $t;
                assert_eq!($fe::from(2u32) * $fe::TWO_INV, $fe::ONE);
                assert_eq!($fe::ROOT_OF_UNITY.pow_vartime(&[1u64 << $fe::S]), $fe::ONE);
                assert_ne!(
                    $fe::ROOT_OF_UNITY.pow_vartime(&[1u64 << ($fe::S - 1)]),
                    $fe::ONE
                );
                assert_eq!(
                    $fe::MULTIPLICATIVE_GENERATOR.pow_vartime(&t),
                    $fe::ROOT_OF_UNITY
                );
                assert_eq!($fe::ROOT_OF_UNITY * $fe::ROOT_OF_UNITY_INV, $fe::ONE);
                assert_eq!($fe::DELTA.pow_vartime(&t), $fe::ONE);
                // Inversion, square roots, and the byte form.
                let x = $fe::from(0x1234_5678u64).square() + $fe::ONE;
                assert_eq!(x * x.invert().unwrap(), $fe::ONE);
                let r = x.square().sqrt().unwrap();
                assert!(r == x || r == -x);
                assert!(bool::from($fe::MULTIPLICATIVE_GENERATOR.sqrt().is_none()));
                assert_eq!($fe::from_repr(x.to_repr()).unwrap(), x);
                assert!(bool::from($fe::ZERO.invert().is_none()));
            }
        };
    }

    constants!(
        tc26_512a_field,
        tc26_512a,
        FieldElement,
        [
            0xfffffffffffffee3u64,
            0xffffffffffffffff,
            0xffffffffffffffff,
            0xffffffffffffffff,
            0xffffffffffffffff,
            0xffffffffffffffff,
            0xffffffffffffffff,
            0x7fffffffffffffff
        ]
    );
    constants!(
        tc26_512a_scalar,
        tc26_512a,
        Scalar,
        [
            0x72b36c5047c42c9du64,
            0x26d2ce2afeb4ae17,
            0x5bfc8ae353815818,
            0xc9f9a54cbd236244,
            0xffffffffffffffff,
            0xffffffffffffffff,
            0xffffffffffffffff,
            0x3fffffffffffffff
        ]
    );
    constants!(
        cryptopro_a_field,
        cryptopro_a,
        FieldElement,
        [
            0xfffffffffffffecbu64,
            0xffffffffffffffff,
            0xffffffffffffffff,
            0x7fffffffffffffff
        ]
    );
    constants!(
        cryptopro_a_scalar,
        cryptopro_a,
        Scalar,
        [
            0x22c20d84dbb0dc49u64,
            0xb63088384cad6880,
            0xffffffffffffffff,
            0x7fffffffffffffff
        ]
    );

    /// The generator is on its curve and of order q.
    #[test]
    fn generators_have_the_curve_order() {
        use elliptic_curve::group::Group;
        let g = super::tc26_512a::ProjectivePoint::generator();
        let q_minus_1 = -super::tc26_512a::Scalar::ONE;
        assert_eq!(
            g * q_minus_1 + g,
            super::tc26_512a::ProjectivePoint::identity()
        );
        let g = super::cryptopro_a::ProjectivePoint::generator();
        let q_minus_1 = -super::cryptopro_a::Scalar::ONE;
        assert_eq!(
            g * q_minus_1 + g,
            super::cryptopro_a::ProjectivePoint::identity()
        );
        assert_ne!(
            g * q_minus_1,
            super::cryptopro_a::ProjectivePoint::identity()
        );
    }
}
