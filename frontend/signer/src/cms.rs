//! The detached CMS SignedData (RFC 5652) the portal's server verifies:
//! eContentType id-data without eContent; the signer's certificate and the
//! keystore's other certificates; the signer named by issuer and serial
//! number. RSA and P-256: digest SHA-256, signed attributes content-type,
//! message-digest and signing-time, sha256WithRSAEncryption (PKCS#1 v1.5)
//! or ecdsa-with-SHA256 (DER signature). GOST: as the national center's
//! own 2026 CMS samples are made — the key's digest (Streebog-512 under
//! 1.2.398.3.10.1.3.3 for its GOST R 34.10-2015 keys) and signature
//! algorithm (1.2.398.3.10.1.1.2.3.2), both with NULL parameters, the
//! value r ‖ s little-endian (`gost::Profile`), and the signed attributes
//! content-type, signing-time, signing-certificate-v2 (the certificate's
//! SHA-256) and message-digest.
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
use x509_cert::der::asn1::{
    GeneralizedTime, ObjectIdentifier as Oid, OctetString, SetOfVec, UtcTime,
};
use x509_cert::der::{Any, DateTime, Encode};
use x509_cert::spki::{
    AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier, SignatureBitStringEncoding,
};

use crate::gost::GostSignature;
use crate::key::PrivateKey;

const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
/// id-aa-signingCertificateV2 (RFC 5035).
const SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");

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

/// The signing-certificate-v2 attribute naming `cert` by its SHA-256
/// (ESSCertIDv2 with the default hash algorithm and no issuer-serial, as
/// the national center writes it). Each SEQUENCE here has one field, whose
/// DER is that of a SEQUENCE OF one element: SigningCertificateV2 {
/// certs { ESSCertIDv2 { certHash } } }.
pub fn signing_certificate(cert: &Certificate) -> Result<Attribute, EdsCode> {
    let hash = Sha256::digest(cert.to_der().map_err(failed)?);
    let ess_cert_id = vec![OctetString::new(hash.to_vec()).map_err(failed)?];
    let value: Vec<Vec<Vec<OctetString>>> = vec![vec![ess_cert_id]];
    let mut values = SetOfVec::new();
    values
        .insert(AttributeValue::from(
            Any::encode_from(&value).map_err(failed)?,
        ))
        .map_err(failed)?;
    Ok(Attribute {
        oid: SIGNING_CERTIFICATE_V2,
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
    let mut certificates = vec![cert];
    for c in others {
        // A SET OF may not repeat an element (the builder would panic).
        if !certificates.contains(&c) {
            certificates.push(c);
        }
    }
    let sha256 = AlgorithmIdentifierOwned {
        oid: SHA256,
        parameters: None,
    };
    let mut parts = Parts {
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_algorithm: sha256,
        digest: Sha256::digest(content).to_vec(),
        attributes: vec![signing_time(signing_time_secs)?],
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
        PrivateKey::Gost(key) => {
            parts.digest_algorithm = key.digest_algorithm();
            parts.digest = crate::gost::digest(content);
            parts.attributes.push(signing_certificate(cert)?);
            build::<_, GostSignature>(&*key, parts)
        }
    }
}

struct Parts<'a> {
    sid: SignerIdentifier,
    digest_algorithm: AlgorithmIdentifierOwned,
    /// The content's digest, by `digest_algorithm`.
    digest: Vec<u8>,
    /// The signed attributes besides content-type and message-digest.
    attributes: Vec<Attribute>,
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
    let digest_algorithm = parts.digest_algorithm;
    let mut info = SignerInfoBuilder::new(
        signer,
        parts.sid,
        digest_algorithm.clone(),
        &detached,
        Some(&parts.digest),
    )
    .map_err(failed)?;
    for attribute in parts.attributes {
        info.add_signed_attribute(attribute).map_err(failed)?;
    }
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
