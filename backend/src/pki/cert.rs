//! What a certificate says about its holder, in the national certification
//! center's conventions (SPEC §9): the subject's `SERIALNUMBER` holds `IIN` +
//! the ИИН; an employee of a legal entity has `OU` = `BIN` + the БИН and `O`
//! the organization; the name is in `CN`, `SURNAME`, `GIVENNAME`. The
//! extended key usage tells an authentication key (1.3.6.1.5.5.7.3.2) from a
//! signing key (1.3.6.1.5.5.7.3.4), and carries the holder's role OIDs.

use x509_cert::Certificate;
use x509_cert::der::asn1::ObjectIdentifier as Oid;
use x509_cert::der::{Decode, DecodePem, Encode, Tag, Tagged};
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{CrlDistributionPoints, ExtendedKeyUsage, SubjectKeyIdentifier};

const CN: Oid = Oid::new_unwrap("2.5.4.3");
const SURNAME: Oid = Oid::new_unwrap("2.5.4.4");
const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
const COUNTRY: Oid = Oid::new_unwrap("2.5.4.6");
const ORGANIZATION: Oid = Oid::new_unwrap("2.5.4.10");
const ORG_UNIT: Oid = Oid::new_unwrap("2.5.4.11");
const GIVEN_NAME: Oid = Oid::new_unwrap("2.5.4.42");
const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
const CRL_POINTS: Oid = Oid::new_unwrap("2.5.29.31");
const EKU_CLIENT_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");
const EKU_EMAIL_PROTECTION: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");
const RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const EC: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
const P256: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");

/// What the key is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPurpose {
    /// Logging in (extended key usage: client authentication).
    Authentication,
    /// Signing documents (extended key usage: e-mail protection, as the
    /// national center marks its signing keys).
    Signing,
    /// Neither, or both.
    Other,
}

/// The holder's role, from the role OIDs in the extended key usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolderRole {
    Individual,
    LegalEntity,
    Head,
    SigningRight,
    Employee,
    InformationSystem,
}

impl HolderRole {
    fn from_oid(oid: &str) -> Option<HolderRole> {
        match oid {
            "1.2.398.3.3.4.1.1" => Some(HolderRole::Individual),
            "1.2.398.3.3.4.1.2" => Some(HolderRole::LegalEntity),
            "1.2.398.3.3.4.1.2.1" => Some(HolderRole::Head),
            "1.2.398.3.3.4.1.2.2" => Some(HolderRole::SigningRight),
            "1.2.398.3.3.4.1.2.5" => Some(HolderRole::Employee),
            "1.2.398.3.3.4.1.2.6" => Some(HolderRole::InformationSystem),
            _ => None,
        }
    }
}

/// The kind of public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyAlgorithm {
    Rsa,
    EcdsaP256,
    /// Anything else (GOST keys among them), by algorithm OID.
    Other(String),
}

/// A certificate read into the facts the portal uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertInfo {
    /// Lower-case hex, as the certificate encodes it.
    pub serial_hex: String,
    /// The ИИН digits after `IIN` in `SERIALNUMBER`, as written (not checked).
    pub iin: Option<String>,
    /// The БИН digits after `BIN` in `OU`, as written.
    pub bin: Option<String>,
    pub common_name: Option<String>,
    pub surname: Option<String>,
    pub given_name: Option<String>,
    pub organization: Option<String>,
    pub country: Option<String>,
    /// Validity, in seconds since the Unix epoch.
    pub not_before: u64,
    pub not_after: u64,
    pub purpose: KeyPurpose,
    pub roles: Vec<HolderRole>,
    /// Every extended key usage OID, dotted.
    pub extended_key_usage: Vec<String>,
    pub key_algorithm: KeyAlgorithm,
    pub crl_urls: Vec<String>,
    /// The DER of the issuer's name, to find the issuing CA.
    pub issuer_der: Vec<u8>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CertError {
    #[error("not a certificate: {0}")]
    Malformed(String),
}

fn malformed(e: impl std::fmt::Display) -> CertError {
    CertError::Malformed(e.to_string())
}

const PEM_BEGIN: &str = "-----BEGIN CERTIFICATE-----";

/// Reads a DER or PEM certificate. PEM may come after other text, such as
/// the "Bag Attributes" OpenSSL writes when it exports a keystore.
pub fn parse(bytes: &[u8]) -> Result<CertInfo, CertError> {
    info(&read(bytes)?)
}

/// Reads a DER or PEM certificate into its ASN.1 form.
pub fn read(bytes: &[u8]) -> Result<Certificate, CertError> {
    let pem = std::str::from_utf8(bytes)
        .ok()
        .and_then(|t| t.find(PEM_BEGIN).map(|at| &t[at..]));
    match pem {
        Some(text) => Certificate::from_pem(text).map_err(malformed),
        None => Certificate::from_der(bytes).map_err(malformed),
    }
}

/// The text of a directory string (UTF8String, PrintableString, IA5String or BMPString).
fn text(value: &x509_cert::der::Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String
        | Tag::PrintableString
        | Tag::Ia5String
        | Tag::TeletexString
        | Tag::VisibleString => std::str::from_utf8(bytes).ok().map(str::to_owned),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

pub fn info(cert: &Certificate) -> Result<CertInfo, CertError> {
    let tbs = &cert.tbs_certificate;
    let mut out = CertInfo {
        serial_hex: super::hex(tbs.serial_number.as_bytes()),
        iin: None,
        bin: None,
        common_name: None,
        surname: None,
        given_name: None,
        organization: None,
        country: None,
        not_before: tbs.validity.not_before.to_unix_duration().as_secs(),
        not_after: tbs.validity.not_after.to_unix_duration().as_secs(),
        purpose: KeyPurpose::Other,
        roles: Vec::new(),
        extended_key_usage: Vec::new(),
        key_algorithm: KeyAlgorithm::Other(String::new()),
        crl_urls: Vec::new(),
        issuer_der: tbs.issuer.to_der().map_err(malformed)?,
    };
    for rdn in tbs.subject.0.iter() {
        for atv in rdn.0.iter() {
            let Some(value) = text(&atv.value) else {
                continue;
            };
            match atv.oid {
                o if o == SERIAL_NUMBER => out.iin = value.strip_prefix("IIN").map(str::to_owned),
                o if o == ORG_UNIT => {
                    if let Some(bin) = value.strip_prefix("BIN") {
                        out.bin = Some(bin.to_owned());
                    }
                }
                o if o == CN => out.common_name = Some(value),
                o if o == SURNAME => out.surname = Some(value),
                o if o == GIVEN_NAME => out.given_name = Some(value),
                o if o == ORGANIZATION => out.organization = Some(value),
                o if o == COUNTRY => out.country = Some(value),
                _ => {}
            }
        }
    }
    let spki = &tbs.subject_public_key_info.algorithm;
    out.key_algorithm = if spki.oid == RSA {
        KeyAlgorithm::Rsa
    } else if spki.oid == EC
        && spki
            .parameters
            .as_ref()
            .and_then(|p| p.decode_as::<Oid>().ok())
            == Some(P256)
    {
        KeyAlgorithm::EcdsaP256
    } else {
        KeyAlgorithm::Other(spki.oid.to_string())
    };
    for ext in tbs.extensions.iter().flatten() {
        if ext.extn_id == EXT_KEY_USAGE {
            let eku = ExtendedKeyUsage::from_der(ext.extn_value.as_bytes()).map_err(malformed)?;
            out.extended_key_usage = eku.0.iter().map(ToString::to_string).collect();
            let auth = eku.0.contains(&EKU_CLIENT_AUTH);
            let sign = eku.0.contains(&EKU_EMAIL_PROTECTION);
            out.purpose = match (auth, sign) {
                (true, false) => KeyPurpose::Authentication,
                (false, true) => KeyPurpose::Signing,
                _ => KeyPurpose::Other,
            };
            out.roles = out
                .extended_key_usage
                .iter()
                .filter_map(|o| HolderRole::from_oid(o))
                .collect();
        } else if ext.extn_id == CRL_POINTS {
            // A malformed distribution point is not fatal: the CRL can be found by issuer.
            if let Ok(points) = CrlDistributionPoints::from_der(ext.extn_value.as_bytes()) {
                for point in points.0 {
                    if let Some(DistributionPointName::FullName(names)) = point.distribution_point {
                        for name in names {
                            if let GeneralName::UniformResourceIdentifier(uri) = name {
                                out.crl_urls.push(uri.to_string());
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}

/// The DER of `cert`'s public key (its `SubjectPublicKeyInfo`): what a
/// signature check made with this certificate as the issuer is remembered
/// by (`chain::TrustStore`, `crl::Crl::verify`).
pub fn public_key_der(cert: &Certificate) -> Result<Vec<u8>, x509_cert::der::Error> {
    cert.tbs_certificate.subject_public_key_info.to_der()
}

/// The key identifier in an authority key identifier extension among `exts`.
pub fn authority_key_id(exts: Option<&[x509_cert::ext::Extension]>) -> Option<Vec<u8>> {
    let ext = exts?
        .iter()
        .find(|e| e.extn_id == Oid::new_unwrap("2.5.29.35"))?;
    let aki =
        x509_cert::ext::pkix::AuthorityKeyIdentifier::from_der(ext.extn_value.as_bytes()).ok()?;
    aki.key_identifier.map(|k| k.as_bytes().to_vec())
}

/// Whether `cert`'s extended key usage names `purpose` (an EKU that does
/// not parse names nothing).
pub fn has_extended_key_usage(cert: &Certificate, purpose: &Oid) -> bool {
    cert.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .filter(|e| e.extn_id == EXT_KEY_USAGE)
        .filter_map(|e| ExtendedKeyUsage::from_der(e.extn_value.as_bytes()).ok())
        .any(|eku| eku.0.contains(purpose))
}

/// The subject key identifier `cert` names, if any.
pub fn subject_key_id(cert: &Certificate) -> Option<Vec<u8>> {
    const SKI: Oid = Oid::new_unwrap("2.5.29.14");
    let ext = cert
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == SKI)?;
    SubjectKeyIdentifier::from_der(ext.extn_value.as_bytes())
        .ok()
        .map(|s| s.0.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::path::PathBuf;

    use super::*;

    /// The national center's test PKI, copied into the repository (`backend/tests/fixtures/nca-test-pki`).
    fn interop() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nca-test-pki")
    }

    /// MANIFEST.tsv rows by file, as maps of column → value.
    fn manifest() -> HashMap<String, HashMap<String, String>> {
        let raw = std::fs::read_to_string(interop().join("MANIFEST.tsv")).expect("MANIFEST.tsv");
        let mut lines = raw.lines();
        let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
        lines
            .map(|l| {
                let row: HashMap<String, String> = header
                    .iter()
                    .zip(l.split('\t'))
                    .map(|(k, v)| ((*k).to_owned(), v.to_owned()))
                    .collect();
                (row["file"].clone(), row)
            })
            .collect()
    }

    fn date(secs: u64) -> String {
        let days = i32::try_from(secs / 86_400).expect("days");
        shared::calendar::Date::from_unix_days(days).to_string()
    }

    #[test]
    fn every_interop_certificate_reads_as_its_manifest_says() {
        let manifest = manifest();
        let dir = interop().join("certs");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).expect("certs dir") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("name")
                .to_owned();
            let info = parse(&std::fs::read(&path).expect("read"))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            // A leaf taken out of a keystore is described by the keystore's row.
            let stem = name
                .trim_end_matches(".leaf.pem")
                .trim_end_matches(".pem")
                .trim_end_matches(".cer");
            let Some(row) = manifest
                .get(&format!("certs/{name}"))
                .or_else(|| manifest.get(&format!("p12/{stem}.p12")))
            else {
                continue;
            };
            if !row["serial"].is_empty() {
                assert_eq!(
                    info.serial_hex.trim_start_matches('0'),
                    row["serial"].trim_start_matches('0'),
                    "{name}"
                );
            }
            assert_eq!(
                date(info.not_before),
                row["not_before"],
                "{name} not_before"
            );
            assert_eq!(date(info.not_after), row["not_after"], "{name} not_after");
            let eku: Vec<&str> = row["eku"].split(',').filter(|s| !s.is_empty()).collect();
            assert_eq!(info.extended_key_usage, eku, "{name} eku");
            let subject = &row["subject"];
            let iin = subject
                .split(", ")
                .find_map(|p| p.strip_prefix("SERIALNUMBER=IIN"));
            assert_eq!(info.iin.as_deref(), iin, "{name} iin");
            let bin = subject.split(", ").find_map(|p| p.strip_prefix("OU=BIN"));
            assert_eq!(info.bin.as_deref(), bin, "{name} bin");
            let cn = subject.split(", ").find_map(|p| p.strip_prefix("CN="));
            assert_eq!(info.common_name.as_deref(), cn, "{name} cn");
            if row["key_alg"].starts_with("RSA") {
                assert_eq!(info.key_algorithm, KeyAlgorithm::Rsa, "{name}");
            }
            checked += 1;
        }
        assert!(
            checked >= 10,
            "only {checked} certificates matched the manifest"
        );
    }

    #[test]
    fn signing_and_authentication_keys_are_told_apart() {
        let read = |f: &str| {
            parse(&std::fs::read(interop().join("certs").join(f)).expect("read")).expect("parse")
        };
        let sign = read("2022_rsa_individual_sign.cer");
        assert_eq!(sign.purpose, KeyPurpose::Signing);
        assert_eq!(sign.roles, [HolderRole::Individual]);
        let auth = read("2022_rsa_individual_auth.cer");
        assert_eq!(auth.purpose, KeyPurpose::Authentication);
        let ceo = read("2022_gost2004_legal_ceo.cer");
        assert_eq!(ceo.roles, [HolderRole::LegalEntity, HolderRole::Head]);
        assert_eq!(ceo.bin.as_deref(), Some("123456789021"));
        assert!(matches!(ceo.key_algorithm, KeyAlgorithm::Other(_)));
    }

    #[test]
    fn garbage_is_refused() {
        assert!(parse(b"").is_err());
        assert!(parse(b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").is_err());
        assert!(parse(&[0x30, 0x03, 0x02, 0x01, 0x01]).is_err());
    }
}
