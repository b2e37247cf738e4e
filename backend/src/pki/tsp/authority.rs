//! The demo center's timestamping certificate: a P-256 key issued by its
//! intermediate, for timestamping only (`id-kp-timeStamping`, critical, as
//! RFC 3161 §2.3 asks).

use std::str::FromStr;

use p256::ecdsa::{DerSignature, SigningKey};
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::asn1::ObjectIdentifier as Oid;
use x509_cert::der::{EncodeValue, Length, Tag, Tagged, Writer};
use x509_cert::ext::AsExtension;
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::name::Name;
use x509_cert::spki::SubjectPublicKeyInfoOwned;

use crate::pki::ca::{self, CaError, Issued};

const KP_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");

fn err(e: impl std::fmt::Display) -> CaError {
    CaError::Build(e.to_string())
}

/// The extended key usage "timestamping only", marked critical.
struct TimeStampingOnly(ExtendedKeyUsage);

impl x509_cert::der::oid::AssociatedOid for TimeStampingOnly {
    const OID: Oid = <ExtendedKeyUsage as x509_cert::der::oid::AssociatedOid>::OID;
}

impl EncodeValue for TimeStampingOnly {
    fn value_len(&self) -> x509_cert::der::Result<Length> {
        self.0.value_len()
    }
    fn encode_value(&self, writer: &mut impl Writer) -> x509_cert::der::Result<()> {
        self.0.encode_value(writer)
    }
}

impl Tagged for TimeStampingOnly {
    fn tag(&self) -> Tag {
        self.0.tag()
    }
}

impl AsExtension for TimeStampingOnly {
    fn critical(&self, _: &Name, _: &[x509_cert::ext::Extension]) -> bool {
        true
    }
}

/// A timestamping certificate issued by `ca`, valid for `days`.
pub fn issue(
    ca: &Issued,
    common_name: &str,
    not_before: u64,
    days: u64,
) -> Result<Issued, CaError> {
    let key = SigningKey::random(&mut rand::rngs::OsRng);
    let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).map_err(err)?;
    let subject = Name::from_str(&format!("CN={common_name},C=KZ")).map_err(err)?;
    let profile = Profile::Leaf {
        issuer: ca.cert.tbs_certificate.subject.clone(),
        enable_key_agreement: false,
        enable_key_encipherment: false,
    };
    let mut builder = CertificateBuilder::new(
        profile,
        ca::serial()?,
        ca::validity(not_before, days)?,
        subject,
        spki,
        &ca.key,
    )
    .map_err(err)?;
    builder
        .add_extension(&TimeStampingOnly(ExtendedKeyUsage(vec![KP_TIME_STAMPING])))
        .map_err(err)?;
    let cert = builder.build::<DerSignature>().map_err(err)?;
    Ok(Issued { cert, key })
}
