//! What the signer reads from the holder's certificate, in the national
//! certification center's conventions (the same reading as the server's
//! `backend/src/pki/cert.rs`): `SERIALNUMBER` = `IIN` + the ИИН, `OU` =
//! `BIN` + the БИН, `O` the organization, `CN` the name; the extended key
//! usage tells an authentication key (1.3.6.1.5.5.7.3.2) from a signing key
//! (1.3.6.1.5.5.7.3.4), except for the national center's GOST R 34.10-2015
//! key, which is both (`shared::eds::national_single_key`).

use shared::eds::{EdsCode, KeyPurpose, SignOrder, Signer};
use x509_cert::Certificate;
use x509_cert::der::asn1::ObjectIdentifier as Oid;
use x509_cert::der::{Any, Decode, Tag, Tagged};
use x509_cert::ext::pkix::ExtendedKeyUsage;

const CN: Oid = Oid::new_unwrap("2.5.4.3");
const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
const ORGANIZATION: Oid = Oid::new_unwrap("2.5.4.10");
const ORG_UNIT: Oid = Oid::new_unwrap("2.5.4.11");
const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
const EKU_CLIENT_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");
const EKU_EMAIL_PROTECTION: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");

/// What the certificate's extended key usage allows, as the server reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Usage {
    Authentication,
    Signing,
    /// Neither, or both.
    Other,
}

fn extended_key_usage(cert: &Certificate) -> Option<ExtendedKeyUsage> {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == EXT_KEY_USAGE)
        .and_then(|e| ExtendedKeyUsage::from_der(e.extn_value.as_bytes()).ok())
}

/// Whether the certificate is the national center's single GOST key,
/// which logs in as well as signs.
fn single_key(cert: &Certificate) -> bool {
    let eku: Vec<String> = extended_key_usage(cert)
        .map(|e| e.0.iter().map(ToString::to_string).collect())
        .unwrap_or_default();
    let algorithm = cert.tbs_certificate.subject_public_key_info.algorithm.oid;
    shared::eds::national_single_key(&algorithm.to_string(), &eku)
}

pub(crate) fn usage(cert: &Certificate) -> Usage {
    let Some(eku) = extended_key_usage(cert) else {
        return Usage::Other;
    };
    match (
        eku.0.contains(&EKU_CLIENT_AUTH),
        eku.0.contains(&EKU_EMAIL_PROTECTION),
    ) {
        (true, false) => Usage::Authentication,
        (false, true) => Usage::Signing,
        _ => Usage::Other,
    }
}

/// The text of a directory string (UTF8String, PrintableString, IA5String,
/// TeletexString, VisibleString or BMPString).
fn text(value: &Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::TeletexString
        | Tag::VisibleString => core::str::from_utf8(bytes).ok().map(str::to_owned),
        Tag::BmpString => {
            if !bytes.len().is_multiple_of(2) {
                return None;
            }
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

/// The subject's attributes with `oid`, as text, in order.
fn subject(cert: &Certificate, oid: Oid) -> impl Iterator<Item = String> + '_ {
    cert.tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(move |atv| atv.oid == oid)
        .filter_map(|atv| text(&atv.value))
}

/// Twelve digits after `prefix`.
fn twelve_digits(value: &str, prefix: &str) -> Option<String> {
    let digits = value.strip_prefix(prefix)?;
    (digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.to_owned())
}

/// Who the certificate names.
pub(crate) fn signer(cert: &Certificate) -> Signer {
    let tbs = &cert.tbs_certificate;
    Signer {
        common_name: subject(cert, CN).next(),
        iin: subject(cert, SERIAL_NUMBER).find_map(|v| twelve_digits(&v, "IIN")),
        bin: subject(cert, ORG_UNIT).find_map(|v| twelve_digits(&v, "BIN")),
        organization: subject(cert, ORGANIZATION).next(),
        serial: tbs
            .serial_number
            .as_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        not_after: tbs.validity.not_after.to_unix_duration().as_secs(),
    }
}

/// The checks before signing: the key's purpose, the validity at `now`
/// (Unix seconds), the expected ИИН and БИН.
pub(crate) fn check(
    cert: &Certificate,
    signer: &Signer,
    order: &SignOrder,
    now: u64,
) -> Result<(), EdsCode> {
    match (order.purpose, usage(cert)) {
        (KeyPurpose::Signing, Usage::Signing)
        | (KeyPurpose::Authentication, Usage::Authentication) => {}
        (KeyPurpose::Authentication, Usage::Signing) if single_key(cert) => {}
        (KeyPurpose::Signing, Usage::Authentication) => return Err(EdsCode::AuthKeyForSigning),
        (KeyPurpose::Authentication, Usage::Signing) => return Err(EdsCode::SigningKeyForAuth),
        (_, Usage::Other) => return Err(EdsCode::WrongKeyUsage),
    }
    let validity = &cert.tbs_certificate.validity;
    if now < validity.not_before.to_unix_duration().as_secs() {
        return Err(EdsCode::NotYetValid);
    }
    if now > validity.not_after.to_unix_duration().as_secs() {
        return Err(EdsCode::Expired);
    }
    if let Some(iin) = &order.expect_iin
        && signer.iin.as_ref() != Some(iin)
    {
        return Err(EdsCode::IinMismatch);
    }
    if let Some(bin) = &order.expect_bin
        && signer.bin.as_ref() != Some(bin)
    {
        return Err(EdsCode::BinMismatch);
    }
    Ok(())
}
