//! Reading the GOST CMS the signer makes: its SignerInfo, attributes and
//! algorithms, the certificate's GOST key, and the signature checked by
//! that key in `shared/gost` (`gost.rs` and `tc26.rs` share these).

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use shared::eds::{KeyPurpose, SignOrder};
use x509_cert::Certificate;
use x509_cert::der::asn1::{ObjectIdentifier as Oid, OctetString};
use x509_cert::der::{Any, Decode, Encode};
use x509_cert::spki::AlgorithmIdentifierOwned;

/// An order with `password` for `purpose` at `now_secs` (and some milliseconds).
pub fn gost_order(password: &str, purpose: KeyPurpose, now_secs: u64) -> SignOrder {
    SignOrder {
        password: password.into(),
        purpose,
        expect_iin: None,
        expect_bin: None,
        now_ms: now_secs as f64 * 1000.0 + 456.0,
    }
}

pub fn signer_info(cms: &[u8]) -> (SignedData, SignerInfo) {
    let info = ContentInfo::from_der(cms).expect("ContentInfo");
    let sd: SignedData = info.content.decode_as().expect("SignedData");
    let si = sd.signer_infos.0.get(0).expect("a signer").clone();
    (sd, si)
}

pub fn attribute_oids(si: &SignerInfo) -> Vec<String> {
    let mut oids: Vec<String> = si
        .signed_attrs
        .iter()
        .flat_map(|a| a.iter())
        .map(|a| a.oid.to_string())
        .collect();
    oids.sort();
    oids
}

pub fn attribute(si: &SignerInfo, oid: &str) -> Any {
    si.signed_attrs
        .iter()
        .flat_map(|a| a.iter())
        .find(|a| a.oid.to_string() == oid)
        .and_then(|a| a.values.iter().next().cloned())
        .unwrap_or_else(|| panic!("no attribute {oid}"))
}

pub fn algorithm(a: &AlgorithmIdentifierOwned) -> (String, Option<Any>) {
    (a.oid.to_string(), a.parameters.clone())
}

/// The key octets (x ‖ y, little-endian) and parameter set of a GOST certificate.
pub fn public_key(cert: &Certificate) -> (gost::ParamSet, Vec<u8>) {
    let spki = &cert.tbs_certificate.subject_public_key_info;
    let params: Vec<Oid> = spki
        .algorithm
        .parameters
        .as_ref()
        .expect("parameters")
        .decode_as()
        .expect("GOST parameters");
    let set = gost::ParamSet::from_oid(&params[0].to_string()).expect("known curve");
    let bits = spki.subject_public_key.as_bytes().expect("whole bytes");
    (
        set,
        OctetString::from_der(bits).expect("octets").into_bytes(),
    )
}

/// Checks a GOST CMS made by the signer over `doc` by `cert`'s key, in
/// `layout`, and gives the digest and value the signature covers.
pub fn check_gost(
    cms: &[u8],
    doc: &[u8],
    cert: &Certificate,
    layout: gost::Layout,
) -> (Vec<u8>, Vec<u8>) {
    let (_, si) = signer_info(cms);
    let signed = si
        .signed_attrs
        .as_ref()
        .expect("signed")
        .to_der()
        .expect("der");
    let alg = gost::SignatureAlgorithm::from_oid(&si.signature_algorithm.oid.to_string())
        .expect("a GOST signature algorithm");
    assert_eq!(alg.layout, layout);
    let digest = alg.digest.digest(&signed);
    let (set, key) = public_key(cert);
    let value = si.signature.as_bytes().to_vec();
    assert_eq!(gost::verify(set, &key, &digest, &value, layout), Ok(()));
    let md = attribute(&si, "1.2.840.113549.1.9.4")
        .decode_as::<OctetString>()
        .expect("message digest");
    assert_eq!(md.as_bytes(), alg.digest.digest(doc).as_slice());
    (digest, value)
}
