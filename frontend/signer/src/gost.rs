//! GOST keys: the national center's GOST R 34.10-2015 (512 bits, key
//! algorithm 1.2.398.3.10.1.1.2.2, parameter set 1.2.398.3.10.1.1.2.2.1 =
//! TC26 512 paramSetA) and TC26's 512-bit GOST R 34.10-2012
//! (1.2.643.7.1.1.1.2), read from a PKCS#8 PrivateKeyInfo and signed with
//! by `shared/gost` (RustCrypto's primeorder and crypto-bigint: no curve
//! arithmetic here) over RustCrypto's Streebog-512. Which digest and
//! signature algorithm a key signs with is `gost::Profile`'s.
//!
//! Only the 512-bit curve is linked into the worker (`gost::sign_on`): a
//! 256-bit key (TC26's 1.2.643.7.1.1.1.1) is [`EdsCode::UnsupportedKey`],
//! as its curve's code would add 5.5 KB gzip to the download for keys the
//! national center does not issue; and Streebog-512 is called directly, so
//! GOST R 34.11-94 (the 2004 keys' digest) stays out too.
//!
//! The private key d sits in the PKCS#8 `privateKey` as an OCTET STRING
//! of d little-endian (the national keystores, and RFC 9215's form) or an
//! INTEGER (big-endian). GOST 34.310-2004 keys (1.2.398.3.10.1.1.1.1) are
//! [`EdsCode::UnsupportedKey`]: the national center's CMS names their
//! signature by the key's OID, which the server's allow-list does not
//! take, and every such test key has expired.

use gost::curves::tc26_512a::Tc26Gost512A;
use p256::ecdsa::signature::{Error as SignatureError, Keypair, Signer};
use shared::eds::EdsCode;
use streebog::Digest as _;
use x509_cert::Certificate;
use x509_cert::der::asn1::{BitString, ObjectIdentifier as Oid, OctetString};
use x509_cert::der::{Any, Decode};
use x509_cert::spki::{
    AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier, SignatureBitStringEncoding,
};
use zeroize::Zeroizing;

use crate::ber::{Reader, Tlv};
use crate::pkcs12::{INTEGER, OCTET_STRING, OID, SEQUENCE};

/// The one curve and digest the worker signs with.
const SET: gost::ParamSet = gost::ParamSet::Tc26Gost512A;

/// Streebog-512 of `data`, in the byte order the CMS carries.
pub(crate) fn digest(data: &[u8]) -> Vec<u8> {
    streebog::Streebog512::digest(data).to_vec()
}

/// A 512-bit GOST private key, its profile, and its public key.
pub(crate) struct GostKey {
    key_oid: Oid,
    profile: gost::Profile,
    /// d, little-endian, 64 bytes; wiped on drop.
    d: Zeroizing<Vec<u8>>,
    /// x ‖ y, little-endian, as the certificate carries it.
    public: Vec<u8>,
}

/// The curve named first in GostR3410-PublicKeyParameters.
fn param_set(params: Option<Tlv<'_>>) -> Option<gost::ParamSet> {
    let params = params.filter(|p| p.tag == SEQUENCE)?;
    let curve = params.reader().expect(OID)?;
    let curve = Oid::from_bytes(curve.value).ok()?;
    gost::ParamSet::from_oid(&curve.to_string())
}

/// d, little-endian and `size` bytes long, from the `privateKey` contents.
fn private_scalar(inner: &[u8], size: usize) -> Option<Zeroizing<Vec<u8>>> {
    let mut r = Reader::new(inner);
    let t = r.read()?;
    if !r.is_empty() {
        return None;
    }
    let (value, big_endian) = match t.tag {
        OCTET_STRING => (t.value, false),
        INTEGER => (t.value.strip_prefix(&[0]).unwrap_or(t.value), true),
        _ => return None,
    };
    if value.len() > size {
        return None;
    }
    // Allocated once at its full size: no copy of d is left behind by a
    // growing vector.
    let mut out = Zeroizing::new(vec![0u8; size]);
    if big_endian {
        for (o, b) in out.iter_mut().zip(value.iter().rev()) {
            *o = *b;
        }
    } else {
        out[..value.len()].copy_from_slice(value);
    }
    Some(out)
}

/// The key of a PKCS#8 whose algorithm is `oid` (its DER value bytes),
/// with the algorithm's parameters and the `privateKey` contents; `None`
/// when `oid` is no GOST key algorithm.
pub(crate) fn parse(
    oid: &[u8],
    params: Option<Tlv<'_>>,
    inner: &[u8],
) -> Option<Result<GostKey, EdsCode>> {
    let key_oid = Oid::from_bytes(oid).ok()?;
    let name = key_oid.to_string();
    if !gost::is_gost_key(&name) {
        return None;
    }
    let unsupported = EdsCode::UnsupportedKey;
    let profile = gost::Profile::for_key(&name)
        .filter(|p| p.digest == gost::Digest::Streebog512 && param_set(params) == Some(SET));
    let Some(profile) = profile else {
        return Some(Err(unsupported));
    };
    let Some(d) = private_scalar(inner, SET.size()) else {
        return Some(Err(unsupported));
    };
    Some(match gost::public_key_on::<Tc26Gost512A>(&d) {
        Ok(public) => Ok(GostKey {
            key_oid,
            profile,
            d,
            public,
        }),
        Err(_) => Err(unsupported),
    })
}

impl GostKey {
    /// Whether `cert` carries this key: the same algorithm, curve and point.
    pub(crate) fn matches(&self, cert: &Certificate) -> bool {
        let spki = &cert.tbs_certificate.subject_public_key_info;
        let params = spki.algorithm.parameters.as_ref().and_then(|p| {
            let der = x509_cert::der::Encode::to_der(p).ok()?;
            let mut r = Reader::new(&der);
            param_set(r.read())
        });
        let octets = spki
            .subject_public_key
            .as_bytes()
            .and_then(|b| OctetString::from_der(b).ok());
        spki.algorithm.oid == self.key_oid
            && params == Some(SET)
            && octets.is_some_and(|o| o.as_bytes() == self.public.as_slice())
    }

    /// The digest algorithm, with NULL parameters as the national center writes it.
    pub(crate) fn digest_algorithm(&self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: Oid::new_unwrap(self.profile.digest_oid),
            parameters: Some(Any::null()),
        }
    }
}

/// A GOST signature value in its profile's layout.
pub(crate) struct GostSignature(Vec<u8>);

impl SignatureBitStringEncoding for GostSignature {
    fn to_bitstring(&self) -> x509_cert::der::Result<BitString> {
        BitString::from_bytes(&self.0)
    }
}

impl Keypair for GostKey {
    type VerifyingKey = Vec<u8>;

    fn verifying_key(&self) -> Vec<u8> {
        self.public.clone()
    }
}

impl DynSignatureAlgorithmIdentifier for GostKey {
    fn signature_algorithm_identifier(&self) -> x509_cert::spki::Result<AlgorithmIdentifierOwned> {
        Ok(AlgorithmIdentifierOwned {
            oid: Oid::new_unwrap(self.profile.signature_oid),
            parameters: Some(Any::null()),
        })
    }
}

impl Signer<GostSignature> for GostKey {
    /// Streebog-512 of `msg` (the DER of the signed attributes), signed
    /// with a fresh random k from the platform (the browser's
    /// `crypto.getRandomValues` in the worker).
    fn try_sign(&self, msg: &[u8]) -> Result<GostSignature, SignatureError> {
        let digest = digest(msg);
        let mut rng = rand_core::OsRng;
        gost::sign_on::<Tc26Gost512A>(&self.d, &digest, self.profile.layout, &mut rng)
            .map(GostSignature)
            .map_err(|_| SignatureError::new())
    }
}
