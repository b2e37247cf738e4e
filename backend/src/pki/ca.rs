//! The demo certification center: a root and an intermediate CA that issue
//! certificates in the national convention (SPEC §9) — `SERIALNUMBER=IIN…`,
//! for legal entities `OU=BIN…` and `O`, names in `CN`/`SURNAME`/`GIVENNAME`,
//! `C=KZ`, a CRL distribution point, and in pairs like the national center's:
//! an authentication key and a signing key, with the holder's role OIDs in
//! the extended key usage. Keys are ECDSA P-256.

use std::str::FromStr;
use std::time::Duration;

use p256::ecdsa::signature::Signer;
use p256::ecdsa::{DerSignature, SigningKey};
use x509_cert::Certificate;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::der::Encode;
use x509_cert::der::asn1::{BitString, Ia5String, ObjectIdentifier as Oid, OctetString};
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{AccessDescription, AuthorityInfoAccessSyntax};
use x509_cert::ext::pkix::{AuthorityKeyIdentifier, CrlReason};
use x509_cert::ext::pkix::{CrlDistributionPoints, ExtendedKeyUsage};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;

use super::cert::{HolderRole, KeyPurpose};

#[derive(Debug, thiserror::Error)]
pub enum CaError {
    #[error("cannot build the certificate: {0}")]
    Build(String),
}

fn build_err(e: impl std::fmt::Display) -> CaError {
    CaError::Build(e.to_string())
}

/// A certificate with its private key.
#[derive(Clone)]
pub struct Issued {
    pub cert: Certificate,
    pub key: SigningKey,
}

impl std::fmt::Debug for Issued {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issued")
            .field("serial", &self.cert.tbs_certificate.serial_number)
            .finish_non_exhaustive()
    }
}

/// Who a certificate is for.
#[derive(Debug, Clone, Default)]
pub struct Holder {
    pub iin: String,
    pub surname: String,
    pub given_name: String,
    /// For an employee of a legal entity: the БИН and the organization.
    pub bin: Option<String>,
    pub organization: Option<String>,
    pub roles: Vec<HolderRole>,
}

fn role_oid(role: HolderRole) -> &'static str {
    match role {
        HolderRole::Individual => "1.2.398.3.3.4.1.1",
        HolderRole::LegalEntity => "1.2.398.3.3.4.1.2",
        HolderRole::Head => "1.2.398.3.3.4.1.2.1",
        HolderRole::SigningRight => "1.2.398.3.3.4.1.2.2",
        HolderRole::Employee => "1.2.398.3.3.4.1.2.5",
        HolderRole::InformationSystem => "1.2.398.3.3.4.1.2.6",
    }
}

/// An RFC 4514 attribute value with `,`, `+`, `"`, `\`, `<`, `>`, `;` and `=` escaped.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(crate) fn serial() -> Result<SerialNumber, CaError> {
    let mut bytes = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    bytes[0] &= 0x7f; // positive
    bytes[0] |= 0x01; // no leading zero byte
    SerialNumber::new(&bytes).map_err(build_err)
}

pub(crate) fn validity(not_before: u64, days: u64) -> Result<Validity, CaError> {
    let from =
        x509_cert::der::asn1::GeneralizedTime::from_unix_duration(Duration::from_secs(not_before))
            .map_err(build_err)?;
    let to = x509_cert::der::asn1::GeneralizedTime::from_unix_duration(Duration::from_secs(
        not_before + days * 86_400,
    ))
    .map_err(build_err)?;
    Ok(Validity {
        not_before: from.into(),
        not_after: to.into(),
    })
}

fn spki(key: &SigningKey) -> Result<SubjectPublicKeyInfoOwned, CaError> {
    SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).map_err(build_err)
}

fn new_key() -> SigningKey {
    SigningKey::random(&mut rand::rngs::OsRng)
}

/// A self-signed root CA valid for `days` from `not_before` (Unix seconds).
pub fn root(common_name: &str, not_before: u64, days: u64) -> Result<Issued, CaError> {
    let key = new_key();
    let subject = Name::from_str(&format!("CN={},C=KZ", escape(common_name))).map_err(build_err)?;
    let builder = CertificateBuilder::new(
        Profile::Root,
        serial()?,
        validity(not_before, days)?,
        subject,
        spki(&key)?,
        &key,
    )
    .map_err(build_err)?;
    let cert = builder.build::<DerSignature>().map_err(build_err)?;
    Ok(Issued { cert, key })
}

/// An intermediate CA issued by `parent`.
pub fn intermediate(
    parent: &Issued,
    common_name: &str,
    not_before: u64,
    days: u64,
) -> Result<Issued, CaError> {
    let key = new_key();
    let subject = Name::from_str(&format!("CN={},C=KZ", escape(common_name))).map_err(build_err)?;
    let profile = Profile::SubCA {
        issuer: parent.cert.tbs_certificate.subject.clone(),
        path_len_constraint: Some(0),
    };
    let builder = CertificateBuilder::new(
        profile,
        serial()?,
        validity(not_before, days)?,
        subject,
        spki(&key)?,
        &parent.key,
    )
    .map_err(build_err)?;
    let cert = builder.build::<DerSignature>().map_err(build_err)?;
    Ok(Issued { cert, key })
}

/// A holder's certificate issued by `ca`, for authentication or signing,
/// with an ECDSA P-256 key.
pub fn leaf<'a>(
    ca: &Issued,
    holder: &Holder,
    purpose: KeyPurpose,
    urls: impl Into<Urls<'a>>,
    not_before: u64,
    days: u64,
) -> Result<Issued, CaError> {
    let key = new_key();
    let spki = spki(&key)?;
    let cert = holder_certificate(ca, holder, purpose, urls, not_before, days, spki)?;
    Ok(Issued { cert, key })
}

/// A holder's certificate with its RSA key, like the national center's RSA
/// keystores. The key is only ever used by its holder (in the browser, or by
/// the signer crate in tests): the server never signs with RSA.
#[derive(Clone)]
pub struct IssuedRsa {
    pub cert: Certificate,
    pub key: rsa::RsaPrivateKey,
}

impl std::fmt::Debug for IssuedRsa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IssuedRsa")
            .field("serial", &self.cert.tbs_certificate.serial_number)
            .finish_non_exhaustive()
    }
}

/// A holder's certificate issued by `ca` with an RSA key of `bits` (2048 for
/// real use; smaller only to prove that the verifier refuses it).
pub fn leaf_rsa<'a>(
    ca: &Issued,
    holder: &Holder,
    purpose: KeyPurpose,
    urls: impl Into<Urls<'a>>,
    not_before: u64,
    days: u64,
    bits: usize,
) -> Result<IssuedRsa, CaError> {
    use rsa::pkcs8::EncodePublicKey;
    let key = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, bits).map_err(build_err)?;
    let der = key.to_public_key().to_public_key_der().map_err(build_err)?;
    let spki = {
        use x509_cert::der::Decode;
        SubjectPublicKeyInfoOwned::from_der(der.as_bytes()).map_err(build_err)?
    };
    let cert = holder_certificate(ca, holder, purpose, urls, not_before, days, spki)?;
    Ok(IssuedRsa { cert, key })
}

/// A holder's certificate issued by `ca` with an ECDSA P-384 key (the
/// OpenSSL interop tests sign with it; the demo center's keystores are
/// P-256 and RSA).
pub fn leaf_p384<'a>(
    ca: &Issued,
    holder: &Holder,
    purpose: KeyPurpose,
    urls: impl Into<Urls<'a>>,
    not_before: u64,
    days: u64,
) -> Result<(Certificate, p384::SecretKey), CaError> {
    use p384::pkcs8::EncodePublicKey;
    let key = p384::SecretKey::random(&mut rand::rngs::OsRng);
    let der = key.public_key().to_public_key_der().map_err(build_err)?;
    let spki = {
        use x509_cert::der::Decode;
        SubjectPublicKeyInfoOwned::from_der(der.as_bytes()).map_err(build_err)?
    };
    let cert = holder_certificate(ca, holder, purpose, urls, not_before, days, spki)?;
    Ok((cert, key))
}

fn holder_certificate<'a>(
    ca: &Issued,
    holder: &Holder,
    purpose: KeyPurpose,
    urls: impl Into<Urls<'a>>,
    not_before: u64,
    days: u64,
    spki: SubjectPublicKeyInfoOwned,
) -> Result<Certificate, CaError> {
    let cn = format!("{} {}", holder.surname, holder.given_name);
    let mut dn = format!(
        "CN={},surname={},serialNumber=IIN{},C=KZ,givenName={}",
        escape(&cn),
        escape(&holder.surname),
        escape(&holder.iin),
        escape(&holder.given_name)
    );
    if let Some(bin) = &holder.bin {
        dn.push_str(&format!(",OU=BIN{}", escape(bin)));
    }
    if let Some(org) = &holder.organization {
        dn.push_str(&format!(",O={}", escape(org)));
    }
    let subject = Name::from_str(&dn).map_err(build_err)?;
    let profile = Profile::Leaf {
        issuer: ca.cert.tbs_certificate.subject.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let mut builder = CertificateBuilder::new(
        profile,
        serial()?,
        validity(not_before, days)?,
        subject,
        spki,
        &ca.key,
    )
    .map_err(build_err)?;
    // `Other`: neither purpose (only to prove that such a key is refused).
    let usage = match purpose {
        KeyPurpose::Authentication => Some("1.3.6.1.5.5.7.3.2"),
        KeyPurpose::Signing => Some("1.3.6.1.5.5.7.3.4"),
        KeyPurpose::Other => None,
    };
    let mut eku = Vec::new();
    if let Some(usage) = usage {
        eku.push(Oid::new(usage).map_err(build_err)?);
    }
    for role in &holder.roles {
        eku.push(Oid::new(role_oid(*role)).map_err(build_err)?);
    }
    builder
        .add_extension(&ExtendedKeyUsage(eku))
        .map_err(build_err)?;
    let urls = urls.into();
    let uri = Ia5String::new(urls.crl).map_err(build_err)?;
    let points = CrlDistributionPoints(vec![DistributionPoint {
        distribution_point: Some(DistributionPointName::FullName(vec![
            GeneralName::UniformResourceIdentifier(uri),
        ])),
        reasons: None,
        crl_issuer: None,
    }]);
    builder.add_extension(&points).map_err(build_err)?;
    if let Some(ocsp) = urls.ocsp {
        let access = AuthorityInfoAccessSyntax(vec![AccessDescription {
            access_method: Oid::new("1.3.6.1.5.5.7.48.1").map_err(build_err)?,
            access_location: GeneralName::UniformResourceIdentifier(
                Ia5String::new(ocsp).map_err(build_err)?,
            ),
        }]);
        builder.add_extension(&access).map_err(build_err)?;
    }
    builder.build::<DerSignature>().map_err(build_err)
}

/// Where a holder's certificate says its revocation is published: the CRL
/// distribution point, and the OCSP responder when there is one.
#[derive(Debug, Clone, Copy)]
pub struct Urls<'a> {
    pub crl: &'a str,
    pub ocsp: Option<&'a str>,
}

impl<'a> From<&'a str> for Urls<'a> {
    fn from(crl: &'a str) -> Urls<'a> {
        Urls { crl, ocsp: None }
    }
}

impl<'a> From<&'a String> for Urls<'a> {
    fn from(crl: &'a String) -> Urls<'a> {
        Urls { crl, ocsp: None }
    }
}

/// A revocation to publish.
#[derive(Debug, Clone)]
pub struct Revocation {
    pub serial: SerialNumber,
    /// When, in Unix seconds.
    pub at: u64,
    /// Suspended rather than revoked (reason `certificateHold`).
    pub hold: bool,
}

fn utc(secs: u64) -> Result<x509_cert::time::Time, CaError> {
    let t = x509_cert::der::asn1::UtcTime::from_unix_duration(Duration::from_secs(secs))
        .map_err(build_err)?;
    Ok(x509_cert::time::Time::UtcTime(t))
}

fn extension(oid: &str, value: &impl Encode) -> Result<x509_cert::ext::Extension, CaError> {
    Ok(x509_cert::ext::Extension {
        extn_id: Oid::new(oid).map_err(build_err)?,
        critical: false,
        extn_value: OctetString::new(value.to_der().map_err(build_err)?).map_err(build_err)?,
    })
}

/// The CRL of `ca`, signed by it, current from `this_update` to `next_update`.
pub fn crl(
    ca: &Issued,
    revoked: &[Revocation],
    this_update: u64,
    next_update: u64,
) -> Result<CertificateList, CaError> {
    let mut entries = Vec::with_capacity(revoked.len());
    for r in revoked {
        let reason = if r.hold {
            CrlReason::CertificateHold
        } else {
            CrlReason::Unspecified
        };
        entries.push(RevokedCert {
            serial_number: r.serial.clone(),
            revocation_date: utc(r.at)?,
            crl_entry_extensions: Some(vec![extension("2.5.29.21", &reason)?]),
        });
    }
    let aki = AuthorityKeyIdentifier {
        key_identifier: super::chain::subject_key_id(&ca.cert)
            .map(OctetString::new)
            .transpose()
            .map_err(build_err)?,
        authority_cert_issuer: None,
        authority_cert_serial_number: None,
    };
    let algorithm = AlgorithmIdentifierOwned {
        oid: Oid::new("1.2.840.10045.4.3.2").map_err(build_err)?,
        parameters: None,
    };
    let tbs = TbsCertList {
        version: x509_cert::Version::V2,
        signature: algorithm.clone(),
        issuer: ca.cert.tbs_certificate.subject.clone(),
        this_update: utc(this_update)?,
        next_update: Some(utc(next_update)?),
        revoked_certificates: (!entries.is_empty()).then_some(entries),
        crl_extensions: Some(vec![extension("2.5.29.35", &aki)?]),
    };
    let der = tbs.to_der().map_err(build_err)?;
    let signature: DerSignature = ca.key.sign(&der);
    Ok(CertificateList {
        tbs_cert_list: tbs,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(signature.as_bytes()).map_err(build_err)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::cert;
    use crate::pki::chain::{ChainError, TrustStore, validate};

    const NOW: u64 = 1_795_400_000; // 2026-11-23

    fn person() -> Holder {
        Holder {
            iin: "900101300007".into(),
            surname: "Асқаров".into(),
            given_name: "Ерлан".into(),
            roles: vec![HolderRole::Individual],
            ..Holder::default()
        }
    }

    #[test]
    fn the_demo_center_issues_certificates_in_the_national_convention() {
        let root = root(
            "ДЕМО ТҮБІРЛІК КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (ECDSA)",
            NOW - 86_400,
            3650,
        )
        .expect("root");
        let nca = intermediate(
            &root,
            "ДЕМО ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (ECDSA)",
            NOW - 86_400,
            1825,
        )
        .expect("nca");
        let url = "http://127.0.0.1:8080/pki/crl/demo-nca.crl";
        let sign = leaf(&nca, &person(), KeyPurpose::Signing, url, NOW - 3600, 365).expect("sign");
        let auth = leaf(
            &nca,
            &person(),
            KeyPurpose::Authentication,
            url,
            NOW - 3600,
            365,
        )
        .expect("auth");

        let info = cert::info(&sign.cert).expect("info");
        assert_eq!(info.iin.as_deref(), Some("900101300007"));
        assert_eq!(info.surname.as_deref(), Some("Асқаров"));
        assert_eq!(info.common_name.as_deref(), Some("Асқаров Ерлан"));
        assert_eq!(info.country.as_deref(), Some("KZ"));
        assert_eq!(info.purpose, KeyPurpose::Signing);
        assert_eq!(info.roles, [HolderRole::Individual]);
        assert_eq!(info.crl_urls, [url]);
        assert_eq!(info.key_algorithm, cert::KeyAlgorithm::EcdsaP256);
        assert_eq!(
            cert::info(&auth.cert).expect("info").purpose,
            KeyPurpose::Authentication
        );

        let store = TrustStore::new(vec![root.cert.clone()], vec![nca.cert.clone()]);
        // No CRL yet: the leaf's revocation cannot be checked.
        assert_eq!(
            validate(&sign.cert, &store, &[], NOW),
            Err(ChainError::CrlMissing(0))
        );
        // A certificate used as a CA is refused.
        let other = Holder {
            iin: "920310300007".into(),
            surname: "Оспанов".into(),
            ..person()
        };
        let rogue = leaf(&sign, &other, KeyPurpose::Signing, url, NOW - 3600, 30).expect("rogue");
        let store_with_leaf = TrustStore::new(vec![root.cert], vec![nca.cert, sign.cert]);
        assert_eq!(
            validate(&rogue.cert, &store_with_leaf, &[], NOW),
            Err(ChainError::IssuerNotCa(1))
        );
    }

    #[test]
    fn revocation_holds_and_stale_or_foreign_crls_are_each_refused() {
        let root = root("ДЕМО КО", NOW - 86_400, 3650).expect("root");
        let nca = intermediate(&root, "ДЕМО ҰКО", NOW - 86_400, 1825).expect("nca");
        let url = "http://127.0.0.1/crl";
        let good = leaf(&nca, &person(), KeyPurpose::Signing, url, NOW - 3600, 365).expect("good");
        let gone =
            leaf(&nca, &person(), KeyPurpose::Signing, url, NOW - 3600, 365).expect("revoked");
        let held = leaf(&nca, &person(), KeyPurpose::Signing, url, NOW - 3600, 365).expect("held");
        let revocations = [
            Revocation {
                serial: gone.cert.tbs_certificate.serial_number.clone(),
                at: NOW - 60,
                hold: false,
            },
            Revocation {
                serial: held.cert.tbs_certificate.serial_number.clone(),
                at: NOW - 60,
                hold: true,
            },
        ];
        let list = crl(&nca, &revocations, NOW - 600, NOW + 86_400).expect("crl");
        let der = list.to_der().expect("der");
        let crls = [crate::pki::revocation::crl::Crl::parse(&der).expect("parse")];
        let store = TrustStore::new(vec![root.cert], vec![nca.cert.clone()]);
        assert_eq!(
            validate(&good.cert, &store, &crls, NOW).map(|p| p.len()),
            Ok(3)
        );
        assert_eq!(
            validate(&gone.cert, &store, &crls, NOW),
            Err(ChainError::Revoked(0))
        );
        assert_eq!(
            validate(&held.cert, &store, &crls, NOW),
            Err(ChainError::OnHold(0))
        );
        // A day and a bit later the CRL is past its nextUpdate.
        assert_eq!(
            validate(&good.cert, &store, &crls, NOW + 90_000),
            Err(ChainError::CrlStale(0))
        );
        // A CRL naming the intermediate but signed by another key.
        let impostor = Issued {
            cert: nca.cert,
            key: new_key(),
        };
        let forged = crl(&impostor, &[], NOW - 600, NOW + 86_400).expect("forged");
        let forged = [
            crate::pki::revocation::crl::Crl::parse(&forged.to_der().expect("der")).expect("parse"),
        ];
        assert_eq!(
            validate(&good.cert, &store, &forged, NOW),
            Err(ChainError::CrlSignature(0))
        );
    }

    #[test]
    fn a_legal_entity_employee_carries_the_bin_and_organization() {
        let root = root("ДЕМО КО", NOW - 86_400, 3650).expect("root");
        let holder = Holder {
            bin: Some("050440000002".into()),
            organization: Some("ТОО \"Каспий Мед Сервис\", Ақтау".into()),
            roles: vec![HolderRole::LegalEntity, HolderRole::Head],
            ..person()
        };
        let c = leaf(
            &root,
            &holder,
            KeyPurpose::Signing,
            "http://127.0.0.1/crl",
            NOW,
            365,
        )
        .expect("leaf");
        let info = cert::info(&c.cert).expect("info");
        assert_eq!(info.bin.as_deref(), Some("050440000002"));
        assert_eq!(
            info.organization.as_deref(),
            Some("ТОО \"Каспий Мед Сервис\", Ақтау")
        );
        assert_eq!(info.roles, [HolderRole::LegalEntity, HolderRole::Head]);
    }
}
