//! Making a CMS SignedData with an ECDSA P-256 key: what the browser signer
//! produces, made on the server for the demo data and the tests. (Never with
//! RSA on the server: see TOOLCHAIN.md on the `rsa` crate.)

use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier};
use p256::ecdsa::{DerSignature, SigningKey};
use x509_cert::attr::{Attribute, AttributeValue};
use x509_cert::der::asn1::{ObjectIdentifier as Oid, OctetString, SetOfVec, UtcTime};
use x509_cert::der::{Any, Encode, Tag};
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::ca::{CaError, Issued};

const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");

fn err(e: impl std::fmt::Display) -> CaError {
    CaError::Build(e.to_string())
}

/// Signs `content` as `signer` at `signing_time` (Unix seconds); the content
/// is carried in the signature when `attach`, else left out (detached).
/// The signer's certificate and `chain` are included.
pub fn sign(
    content: &[u8],
    signer: &Issued,
    chain: &[x509_cert::Certificate],
    signing_time: u64,
    attach: bool,
) -> Result<Vec<u8>, CaError> {
    let what = Content {
        content_type: ID_DATA,
        bytes: content,
        attach,
    };
    sign_content(what, signer, Some(chain), signing_time, Vec::new())
}

/// A detached CAdES signature of `content` by `signer` at `signing_time`:
/// SHA-256, the signing-certificate-v2 attribute naming the signer's
/// certificate (which PAdES and CAdES baselines require), the signer's
/// certificate and `chain` carried. The portal's seal of a PDF is one.
pub fn sign_cades(
    content: &[u8],
    signer: &Issued,
    chain: &[x509_cert::Certificate],
    signing_time: u64,
) -> Result<Vec<u8>, CaError> {
    let named = signer::signing_certificate(&signer.cert).map_err(|e| err(format!("{e:?}")))?;
    let what = Content {
        content_type: ID_DATA,
        bytes: content,
        attach: false,
    };
    sign_content(what, signer, Some(chain), signing_time, vec![named])
}

/// What a SignedData carries: its content type, bytes, and whether they
/// are in it (else detached).
#[derive(Debug, Clone, Copy)]
pub struct Content<'a> {
    pub content_type: Oid,
    pub bytes: &'a [u8],
    pub attach: bool,
}

/// [`sign`] of any content type (a timestamp's TSTInfo), with `extra`
/// signed attributes beside the signing time; the signer's certificate and
/// `chain` carried, or none when `chain` is None.
pub fn sign_content(
    what: Content<'_>,
    signer: &Issued,
    chain: Option<&[x509_cert::Certificate]>,
    signing_time: u64,
    extra: Vec<Attribute>,
) -> Result<Vec<u8>, CaError> {
    let econtent = Any::new(
        Tag::OctetString,
        OctetString::new(what.bytes).map_err(err)?.as_bytes(),
    )
    .map_err(err)?;
    let signed_content = EncapsulatedContentInfo {
        econtent_type: what.content_type,
        econtent: Some(econtent),
    };
    let digest = AlgorithmIdentifierOwned {
        oid: SHA256,
        parameters: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: signer.cert.tbs_certificate.issuer.clone(),
        serial_number: signer.cert.tbs_certificate.serial_number.clone(),
    });
    let key: &SigningKey = &signer.key;
    let mut info =
        SignerInfoBuilder::new(key, sid, digest.clone(), &signed_content, None).map_err(err)?;
    let time =
        UtcTime::from_unix_duration(std::time::Duration::from_secs(signing_time)).map_err(err)?;
    let mut values = SetOfVec::new();
    values
        .insert(AttributeValue::from(Any::encode_from(&time).map_err(err)?))
        .map_err(err)?;
    info.add_signed_attribute(Attribute {
        oid: SIGNING_TIME,
        values,
    })
    .map_err(err)?;
    for attribute in extra {
        info.add_signed_attribute(attribute).map_err(err)?;
    }

    let detached = EncapsulatedContentInfo {
        econtent_type: what.content_type,
        econtent: None,
    };
    let mut builder = SignedDataBuilder::new(if what.attach {
        &signed_content
    } else {
        &detached
    });
    builder.add_digest_algorithm(digest).map_err(err)?;
    let Some(chain) = chain else {
        // No certificates at all, not even the signer's.
        builder
            .add_signer_info::<SigningKey, DerSignature>(info)
            .map_err(err)?;
        let signed: ContentInfo = builder.build().map_err(err)?;
        return signed.to_der().map_err(err);
    };
    builder
        .add_certificate(CertificateChoices::Certificate(signer.cert.clone()))
        .map_err(err)?;
    // A certificate twice would make the builder fail (a SET must not repeat).
    let mut added = vec![&signer.cert];
    for c in chain {
        if !added.contains(&c) {
            added.push(c);
            builder
                .add_certificate(CertificateChoices::Certificate(c.clone()))
                .map_err(err)?;
        }
    }
    builder
        .add_signer_info::<SigningKey, DerSignature>(info)
        .map_err(err)?;
    let signed: ContentInfo = builder.build().map_err(err)?;
    signed.to_der().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pki::ca::{self, Holder, Revocation};
    use crate::pki::cert::{HolderRole, KeyPurpose};
    use crate::pki::chain::{ChainError, TrustStore};
    use crate::pki::cms::CmsError;
    use crate::pki::revocation::crl::Crl;
    use crate::pki::verify::{Expected, VerifyError, verify};

    const NOW: u64 = 1_795_400_000; // 2026-11-23

    struct World {
        store: TrustStore,
        crls: Vec<Crl>,
        nca: Issued,
        sign: Issued,
        auth: Issued,
        revoked: Issued,
    }

    fn world() -> World {
        let root = ca::root("ДЕМО КО", NOW - 10 * 86_400, 3650).expect("root");
        let nca = ca::intermediate(&root, "ДЕМО ҰКО", NOW - 10 * 86_400, 1825).expect("nca");
        let holder = Holder {
            iin: "900101300007".into(),
            surname: "Асқаров".into(),
            given_name: "Ерлан".into(),
            roles: vec![HolderRole::Individual],
            ..Holder::default()
        };
        let url = "http://127.0.0.1/crl";
        let sign =
            ca::leaf(&nca, &holder, KeyPurpose::Signing, url, NOW - 86_400, 365).expect("sign");
        let auth = ca::leaf(
            &nca,
            &holder,
            KeyPurpose::Authentication,
            url,
            NOW - 86_400,
            365,
        )
        .expect("auth");
        let revoked =
            ca::leaf(&nca, &holder, KeyPurpose::Signing, url, NOW - 86_400, 365).expect("revoked");
        let list = ca::crl(
            &nca,
            &[Revocation {
                serial: revoked.cert.tbs_certificate.serial_number.clone(),
                at: NOW - 3600,
                hold: false,
            }],
            NOW - 7200,
            NOW + 86_400,
        )
        .expect("crl");
        let crls = vec![Crl::parse(&list.to_der().expect("der")).expect("crl")];
        World {
            store: TrustStore::new(vec![root.cert], vec![]),
            crls,
            nca,
            sign,
            auth,
            revoked,
        }
    }

    const DOC: &[u8] = br#"{"request":"med-license","type":"issuance"}"#;

    fn expected() -> Expected<'static> {
        Expected {
            content: DOC,
            iin: Some("900101300007"),
            bin: None,
            purpose: KeyPurpose::Signing,
        }
    }

    #[test]
    fn a_signature_made_here_verifies_attached_and_detached() {
        let w = world();
        for attach in [true, false] {
            let sig = sign(
                DOC,
                &w.sign,
                std::slice::from_ref(&w.nca.cert),
                NOW - 60,
                attach,
            )
            .expect("sign");
            let report = verify(&sig, expected(), &w.store, &w.crls, NOW).expect("verifies");
            assert_eq!(report.signer_iin.as_deref(), Some("900101300007"));
            assert_eq!(report.path.len(), 3);
            assert_eq!(report.signing_time, NOW - 60);
        }
    }

    #[test]
    fn each_way_to_be_wrong_has_its_own_refusal() {
        let w = world();
        let chain = [w.nca.cert.clone()];
        let good = sign(DOC, &w.sign, &chain, NOW - 60, true).expect("sign");
        let refuse = |sig: &[u8], e: Expected<'_>| verify(sig, e, &w.store, &w.crls, NOW).err();

        assert_eq!(
            refuse(
                &good,
                Expected {
                    content: b"{}",
                    ..expected()
                }
            ),
            Some(VerifyError::Cms(CmsError::DigestMismatch))
        );
        assert_eq!(
            refuse(
                &good,
                Expected {
                    iin: Some("920310300007"),
                    ..expected()
                }
            ),
            Some(VerifyError::IinMismatch)
        );
        assert_eq!(
            refuse(
                &good,
                Expected {
                    bin: Some("050440000002"),
                    ..expected()
                }
            ),
            Some(VerifyError::BinMismatch)
        );
        let by_auth_key = sign(DOC, &w.auth, &chain, NOW - 60, true).expect("sign");
        assert_eq!(
            refuse(&by_auth_key, expected()),
            Some(VerifyError::WrongKeyPurpose {
                expected: KeyPurpose::Signing,
                found: KeyPurpose::Authentication
            })
        );
        let by_revoked = sign(DOC, &w.revoked, &chain, NOW - 60, true).expect("sign");
        assert_eq!(
            refuse(&by_revoked, expected()),
            Some(VerifyError::ChainAtSigning(ChainError::Revoked(0)))
        );
        let from_the_future = sign(DOC, &w.sign, &chain, NOW + 3600, true).expect("sign");
        assert_eq!(
            refuse(&from_the_future, expected()),
            Some(VerifyError::SigningTimeInFuture)
        );
        let before_the_certificate =
            sign(DOC, &w.sign, &chain, NOW - 2 * 86_400, true).expect("sign");
        assert_eq!(
            refuse(&before_the_certificate, expected()),
            Some(VerifyError::SignedBeforeValidity)
        );
        let without_intermediate = sign(DOC, &w.sign, &[], NOW - 60, true).expect("sign");
        assert_eq!(
            refuse(&without_intermediate, expected()),
            Some(VerifyError::ChainAtSigning(ChainError::UnknownIssuer(0)))
        );
        // Detached, and the content not given: cms::verify is told the content by
        // `expected`, so here a detached signature over other bytes is refused.
        let detached = sign(b"other bytes", &w.sign, &chain, NOW - 60, false).expect("sign");
        assert_eq!(
            refuse(&detached, expected()),
            Some(VerifyError::Cms(CmsError::DigestMismatch))
        );
        assert_eq!(
            crate::pki::cms::verify(&detached, None).err(),
            Some(CmsError::ContentMissing)
        );
        // The signer's certificate swapped for another holder's.
        let other = ca::leaf(
            &w.nca,
            &Holder {
                iin: "920310300007".into(),
                surname: "Оспанов".into(),
                given_name: "Данияр".into(),
                roles: vec![HolderRole::Individual],
                ..Holder::default()
            },
            KeyPurpose::Signing,
            "http://127.0.0.1/crl",
            NOW - 86_400,
            365,
        )
        .expect("other");
        let swapped = Issued {
            cert: other.cert,
            key: w.sign.key.clone(),
        };
        let sig = sign(DOC, &swapped, &chain, NOW - 60, true).expect("sign");
        assert!(matches!(
            verify(
                &sig,
                Expected {
                    iin: Some("920310300007"),
                    ..expected()
                },
                &w.store,
                &w.crls,
                NOW
            ),
            Err(VerifyError::Cms(CmsError::Signature(_)))
        ));
        // Later than the CRL's nextUpdate: stale.
        assert_eq!(
            verify(&good, expected(), &w.store, &w.crls, NOW + 2 * 86_400).err(),
            Some(VerifyError::ChainNow(ChainError::CrlStale(0)))
        );
    }

    #[test]
    fn a_thousand_single_byte_changes_are_never_accepted() {
        let w = world();
        let good = sign(
            DOC,
            &w.sign,
            std::slice::from_ref(&w.nca.cert),
            NOW - 60,
            true,
        )
        .expect("sign");
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            // xorshift64*: a fixed, reproducible sequence.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_f491_4f6c_dd1d)
        };
        for _ in 0..1000 {
            let r = next();
            let at = usize::try_from(r % good.len() as u64).expect("index");
            let flip = u8::try_from((r >> 32) % 255 + 1).expect("byte");
            let mut bad = good.clone();
            bad[at] ^= flip;
            // Whatever still parses must either be refused or be exactly the
            // original document by the original signer.
            if let Ok(report) = verify(&bad, expected(), &w.store, &w.crls, NOW) {
                let original = verify(&good, expected(), &w.store, &w.crls, NOW).expect("good");
                assert_eq!(
                    report.signer_serial, original.signer_serial,
                    "byte {at} ^ {flip}"
                );
            }
        }
        // And changes to the content are never accepted.
        for i in 0..DOC.len() {
            let mut doc = DOC.to_vec();
            doc[i] ^= 0x20;
            assert!(
                verify(
                    &good,
                    Expected {
                        content: &doc,
                        ..expected()
                    },
                    &w.store,
                    &w.crls,
                    NOW
                )
                .is_err()
            );
        }
    }
}
