//! The national center's GOST keys in X.509: the public key's parameter
//! set and octets from a SubjectPublicKeyInfo, for the `gost` crate's
//! signature equation (see `shared/gost`).

use x509_cert::der::Decode;
use x509_cert::der::asn1::{ObjectIdentifier as Oid, OctetString, SequenceOf};
use x509_cert::spki::SubjectPublicKeyInfoOwned;

/// Why a GOST key or signature is refused (`signature` maps it to its
/// `SignatureError`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GostError {
    BadKey,
    UnsupportedCurve(String),
    Mismatch,
}

/// The parameter set and the key's octets (x ‖ y, little-endian).
pub fn public_key(
    spki: &SubjectPublicKeyInfoOwned,
) -> Result<(gost::ParamSet, Vec<u8>), GostError> {
    if !gost::is_gost_key(&spki.algorithm.oid.to_string()) {
        return Err(GostError::BadKey);
    }
    let params = spki
        .algorithm
        .parameters
        .as_ref()
        .ok_or(GostError::BadKey)?;
    // GostR3410-PublicKeyParameters (RFC 4491 §2.3.2): the curve first,
    // then digest parameters (the signature algorithm names the digest).
    let params: SequenceOf<Oid, 3> = params.decode_as().map_err(|_| GostError::BadKey)?;
    let curve = params.get(0).ok_or(GostError::BadKey)?.to_string();
    let set = gost::ParamSet::from_oid(&curve).ok_or(GostError::UnsupportedCurve(curve))?;
    let bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or(GostError::BadKey)?;
    let octets = OctetString::from_der(bits).map_err(|_| GostError::BadKey)?;
    Ok((set, octets.into_bytes()))
}

/// Checks a GOST signature value `signature` over `message`, if
/// `algorithm` is a GOST signature algorithm; `None` when it is not.
pub fn verify(
    signer: &SubjectPublicKeyInfoOwned,
    algorithm: &Oid,
    message: &[u8],
    signature: &[u8],
) -> Option<Result<(), GostError>> {
    let alg = gost::SignatureAlgorithm::from_oid(&algorithm.to_string())?;
    Some(public_key(signer).and_then(|(set, key)| {
        let digest = alg.digest.digest(message);
        gost::verify(set, &key, &digest, signature, alg.layout).map_err(|e| match e {
            // A value of the wrong length, or r or s out of range.
            gost::Error::Mismatch | gost::Error::Encoding => GostError::Mismatch,
            gost::Error::NotOnCurve => GostError::BadKey,
        })
    }))
}
