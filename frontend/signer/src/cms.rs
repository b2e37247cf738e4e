//! The detached CMS SignedData (RFC 5652) the portal's server verifies:
//! eContentType id-data without eContent; digest SHA-256; signed attributes
//! content-type, message-digest and signing-time; the signer's certificate
//! and the keystore's other certificates; the signer named by issuer and
//! serial number; sha256WithRSAEncryption (PKCS#1 v1.5) or ecdsa-with-SHA256
//! (DER signature).
//!
//! The signing time is the browser's clock given in the order: the `cms`
//! crate's own attribute reads `SystemTime`, which panics in WebAssembly.

use core::time::Duration;

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use p256::ecdsa::signature::{Keypair, Signer};
use sha2::{Digest, Sha256};
use shared::eds::EdsCode;
use x509_cert::Certificate;
use x509_cert::attr::{Attribute, AttributeValue};
use x509_cert::der::asn1::{GeneralizedTime, ObjectIdentifier as Oid, SetOfVec, UtcTime};
use x509_cert::der::{Any, DateTime, Encode};
use x509_cert::spki::{
    AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier, SignatureBitStringEncoding,
};

use crate::key::PrivateKey;

const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");

/// Building the structure failed: not expected with a parsed certificate;
/// reported as [`EdsCode::Malformed`].
fn failed<E>(_: E) -> EdsCode {
    EdsCode::Malformed
}

/// The signing-time attribute for `secs` (Unix seconds): UTCTime up to
/// 2049, GeneralizedTime from 2050 on (RFC 5652 §11.3).
pub(crate) fn signing_time(secs: u64) -> Result<Attribute, EdsCode> {
    let at = DateTime::from_unix_duration(Duration::from_secs(secs)).map_err(failed)?;
    let value = if at.year() < 2050 {
        Any::encode_from(&UtcTime::from_date_time(at).map_err(failed)?)
    } else {
        Any::encode_from(&GeneralizedTime::from_date_time(at))
    }
    .map_err(failed)?;
    let mut values = SetOfVec::new();
    values.insert(AttributeValue::from(value)).map_err(failed)?;
    Ok(Attribute {
        oid: SIGNING_TIME,
        values,
    })
}

/// Signs `content` with `key` (consumed: it is dropped, and so wiped, as
/// soon as the signature exists) as the holder of `cert`; `others` are
/// carried beside it.
pub(crate) fn detached(
    key: PrivateKey,
    cert: &Certificate,
    others: &[Certificate],
    content: &[u8],
    signing_time_secs: u64,
) -> Result<Vec<u8>, EdsCode> {
    let digest = Sha256::digest(content);
    let mut certificates = vec![cert];
    for c in others {
        // A SET OF may not repeat an element (the builder would panic).
        if !certificates.contains(&c) {
            certificates.push(c);
        }
    }
    let parts = Parts {
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest: &digest,
        signing_time: signing_time(signing_time_secs)?,
        certificates: &certificates,
    };
    match key {
        PrivateKey::Rsa(key) => {
            // PKCS#1 v1.5 without blinding (`Signer`, not `RandomizedSigner`):
            // on the holder's own device; see the TOOLCHAIN facts in README.
            let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(*key);
            build::<_, rsa::pkcs1v15::Signature>(&signer, parts)
        }
        PrivateKey::P256(key) => build::<_, p256::ecdsa::DerSignature>(&key, parts),
    }
}

struct Parts<'a> {
    sid: SignerIdentifier,
    digest: &'a [u8],
    signing_time: Attribute,
    certificates: &'a [&'a Certificate],
}

fn build<S, Sig>(signer: &S, parts: Parts<'_>) -> Result<Vec<u8>, EdsCode>
where
    S: Keypair + DynSignatureAlgorithmIdentifier + Signer<Sig>,
    Sig: SignatureBitStringEncoding,
{
    let detached = EncapsulatedContentInfo {
        econtent_type: ID_DATA,
        econtent: None,
    };
    let digest_algorithm = AlgorithmIdentifierOwned {
        oid: SHA256,
        parameters: None,
    };
    let mut info = SignerInfoBuilder::new(
        signer,
        parts.sid,
        digest_algorithm.clone(),
        &detached,
        Some(parts.digest),
    )
    .map_err(failed)?;
    info.add_signed_attribute(parts.signing_time)
        .map_err(failed)?;
    let mut builder = SignedDataBuilder::new(&detached);
    builder
        .add_digest_algorithm(digest_algorithm)
        .map_err(failed)?;
    for c in parts.certificates {
        builder
            .add_certificate(CertificateChoices::Certificate((*c).clone()))
            .map_err(failed)?;
    }
    builder.add_signer_info::<S, Sig>(info).map_err(failed)?;
    builder.build().map_err(failed)?.to_der().map_err(failed)
}
