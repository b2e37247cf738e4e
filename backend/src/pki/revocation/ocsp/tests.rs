//! The national center's OCSP samples judged (GOST-2015 and RSA responders
//! it delegated; its GOST 34.310-2004 one refused as unsupported), the
//! demo responder's answers judged and cross-checked by OpenSSL, and the
//! revocation policy weighing an answer against the CRLs.

use x509_cert::der::Encode;

use super::respond::respond;
use super::*;
use crate::pki::ca::{self, Holder, Issued, Urls};
use crate::pki::cert::{HolderRole, KeyPurpose};
use crate::pki::chain::{ChainError, TrustStore, validate_with};
use crate::pki::revocation::Evidence;
use crate::pki::testdata::*;

/// 2022-09-02 17:00 UTC, a minute after the samples were produced.
const SEPT_2022: u64 = 1_662_138_000;
const NOW: u64 = 1_795_400_000; // 2026-11-23

fn serial_of(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

fn sample(name: &str) -> Vec<u8> {
    interop(&format!("samples/ocsp/{name}"))
}

#[test]
fn the_national_centers_responses_are_judged_each_as_it_says() {
    let gost2022 = cert("ca/nca_gost2022_test.cer");
    let individual = judge(
        &sample("ocsp_response_individual_2015.bin"),
        &serial_of("0FF06211DC82BEB00253FFA000F1DE84ABEF454F"),
        &gost2022,
        None,
    )
    .expect("a GOST-2015 answer by the delegated responder");
    // The national test responder says this key is on hold since 1970
    // (MANIFEST: "valid (but OCSP sample says hold)").
    assert_eq!(individual.status, Status::Revoked { at: 0, hold: true });
    assert!(individual.is_current(SEPT_2022));
    assert!(!individual.is_current(NOW), "no nextUpdate: five minutes");

    let ceo = judge(
        &sample("ocsp_response_ceo_2015_revoked.bin"),
        &serial_of("3A90343E720594C55204B19CB9A402422EF0E622"),
        &gost2022,
        None,
    )
    .expect("answer");
    assert_eq!(
        ceo.status,
        Status::Revoked {
            at: 1_658_917_530, // 2022-07-27 10:25:30 UTC
            hold: true
        }
    );

    let rsa = judge(
        &sample("ocsp_response_individual_sign_2004.bin"),
        &serial_of("4279390A141F5353A62947B61ED65E81741467D1"),
        &cert("ca/nca_rsa_test.pem"),
        None,
    )
    .expect("an RSA answer by the delegated responder");
    assert_eq!(rsa.status, Status::Good);

    // GOST 34.310-2004, by a delegated responder of the 2004 GOST CA.
    let gost2004 = judge(
        &sample("ocsp_response_ceo_sign_2004_revoked.bin"),
        &serial_of("12E3E7B9966D09EB9CDA64251457E815C2A8DDED"),
        &cert("ca/nca_gost_test.pem"),
        None,
    );
    assert_eq!(
        gost2004.map(|a| a.status),
        Ok(Status::Revoked {
            at: 1_642_487_455, // 2022-01-18 06:30:55 UTC, superseded
            hold: false
        })
    );
}

#[test]
fn a_sample_changed_or_asked_otherwise_is_refused_with_its_reason() {
    let gost2022 = cert("ca/nca_gost2022_test.cer");
    let der = sample("ocsp_response_ceo_2015_revoked.bin");
    let serial = serial_of("3A90343E720594C55204B19CB9A402422EF0E622");
    // The last bytes are the responder certificate's; the response's own
    // signature sits before it: change one byte of it.
    let response = OcspResponse::from_der(&der).expect("der");
    let basic =
        BasicOcspResponse::from_der(response.response_bytes.expect("bytes").response.as_bytes())
            .expect("basic");
    let mut forged = basic.clone();
    let mut sig = basic.signature.raw_bytes().to_vec();
    sig[10] ^= 1;
    forged.signature = x509_cert::der::asn1::BitString::from_bytes(&sig).expect("bits");
    let forged = OcspResponse::successful(forged)
        .expect("response")
        .to_der()
        .expect("der");
    assert!(matches!(
        judge(&forged, &serial, &gost2022, None),
        Err(OcspError::Signature(SignatureError::Mismatch))
    ));
    assert_eq!(
        judge(&der, &serial, &gost2022, Some(b"another question")),
        Err(OcspError::NonceMismatch)
    );
    assert_eq!(
        judge(
            &der,
            &serial_of("0FF06211DC82BEB00253FFA000F1DE84ABEF454F"),
            &gost2022,
            None
        ),
        Err(OcspError::NotForThisCertificate)
    );
    // The RSA CA did not delegate the GOST responder.
    assert_eq!(
        judge(&der, &serial, &cert("ca/nca_rsa_test.pem"), None),
        Err(OcspError::NotForThisCertificate)
    );
    assert!(matches!(
        judge(b"garbage", &serial, &gost2022, None),
        Err(OcspError::Malformed(_))
    ));
}

struct Demo {
    root: Issued,
    nca: Issued,
    leaf: Issued,
}

fn demo() -> Demo {
    let root = ca::root("ДЕМО ТҮБІР", NOW - 86_400, 3650).expect("root");
    let nca = ca::intermediate(&root, "ДЕМО ОРТАЛЫҚ", NOW - 86_400, 1825).expect("nca");
    let holder = Holder {
        iin: "900101300007".into(),
        surname: "Асқаров".into(),
        given_name: "Ерлан".into(),
        roles: vec![HolderRole::Individual],
        ..Holder::default()
    };
    let urls = Urls {
        crl: "http://127.0.0.1:8080/pki/demo-nca.crl",
        ocsp: Some("http://127.0.0.1:8080/pki/ocsp"),
    };
    let leaf = ca::leaf(&nca, &holder, KeyPurpose::Signing, urls, NOW - 3600, 365).expect("leaf");
    Demo { root, nca, leaf }
}

#[test]
fn the_demo_responder_answers_what_the_center_recorded() {
    let d = demo();
    assert_eq!(ocsp_urls(&d.leaf.cert), ["http://127.0.0.1:8080/pki/ocsp"]);
    let serial = d
        .leaf
        .cert
        .tbs_certificate
        .serial_number
        .as_bytes()
        .to_vec();
    let (request_der, nonce) = request(&d.leaf.cert, &d.nca.cert).expect("request");
    let good = respond(&request_der, &d.nca, |_| Status::Good, NOW);
    let answer = judge(&good, &serial, &d.nca.cert, Some(&nonce)).expect("good");
    assert_eq!(answer.status, Status::Good);
    assert_eq!((answer.this_update, answer.next_update), (NOW, None));
    assert!(answer.is_current(NOW + 60) && !answer.is_current(NOW + 3600));

    let revoked = respond(
        &request_der,
        &d.nca,
        |s| {
            if s == serial.as_slice() {
                Status::Revoked {
                    at: NOW - 10,
                    hold: false,
                }
            } else {
                Status::Good
            }
        },
        NOW,
    );
    assert_eq!(
        judge(&revoked, &serial, &d.nca.cert, Some(&nonce)).map(|a| a.status),
        Ok(Status::Revoked {
            at: NOW - 10,
            hold: false
        })
    );
    // The nonce of another request: a replay.
    let (_, other_nonce) = request(&d.leaf.cert, &d.nca.cert).expect("request");
    assert_eq!(
        judge(&good, &serial, &d.nca.cert, Some(&other_nonce)),
        Err(OcspError::NonceMismatch)
    );
    // A responder of another CA answering for this one's certificate.
    let other = demo();
    let (asked_other, _) = request(&d.leaf.cert, &other.nca.cert).expect("request");
    let by_stranger = respond(&asked_other, &d.nca, |_| Status::Good, NOW);
    assert!(judge(&by_stranger, &serial, &other.nca.cert, None).is_err());
    assert_eq!(
        judge(
            &respond(b"not a request", &d.nca, |_| Status::Good, NOW),
            &serial,
            &d.nca.cert,
            None
        ),
        Err(OcspError::NotSuccessful(
            OcspResponseStatus::MalformedRequest
        ))
    );
}

/// OpenSSL, which we did not write, reads and verifies the demo
/// responder's answer (skipped where `openssl` is not installed).
#[test]
fn openssl_verifies_the_demo_responders_answer() {
    let d = demo();
    let files = OpensslFiles::new();
    let (request_der, _) = request(&d.leaf.cert, &d.nca.cert).expect("request");
    let response = files.write(
        "resp.der",
        &respond(
            &request_der,
            &d.nca,
            |_| Status::Revoked {
                at: NOW - 5,
                hold: true,
            },
            NOW,
        ),
    );
    let root = files.cert("root.pem", &d.root.cert);
    let nca = files.cert("nca.pem", &d.nca.cert);
    let serial = format!(
        "0x{}",
        crate::pki::hex(d.leaf.cert.tbs_certificate.serial_number.as_bytes())
    );
    let at = NOW.to_string();
    let Some(text) = openssl(&[
        &"ocsp",
        &"-respin",
        &response,
        &"-sha256",
        &"-issuer",
        &nca,
        &"-CAfile",
        &root,
        &"-serial",
        &serial,
        &"-no_nonce",
        &"-attime",
        &at,
        &"-validity_period",
        &"600",
    ]) else {
        return;
    };
    assert!(text.contains("Response verify OK"), "{text}");
    assert!(
        text.contains(": revoked") && text.contains("certificateHold"),
        "{text}"
    );
}

#[test]
fn the_policy_weighs_an_answer_against_the_crl() {
    let d = demo();
    let store = TrustStore::new(vec![d.root.cert.clone()], vec![d.nca.cert.clone()]);
    let (request_der, nonce) = request(&d.leaf.cert, &d.nca.cert).expect("request");
    let answered = |status: Status| {
        Received::new(
            respond(&request_der, &d.nca, |_| status, NOW),
            Some(nonce.clone()),
            &d.leaf.cert,
            &d.nca.cert,
        )
    };
    let crl = crate::pki::revocation::crl::Crl::parse(
        &ca::crl(&d.nca, &[], NOW - 600, NOW + 86_400)
            .expect("crl")
            .to_der()
            .expect("der"),
    )
    .expect("crl");
    let evidence = |ocsp: &[Received], crls: &[crate::pki::revocation::crl::Crl], policy| {
        validate_with(
            &d.leaf.cert,
            &store,
            &Evidence {
                crls,
                ocsp,
                policy,
                now: NOW,
            },
            NOW,
        )
        .map(|_| ())
    };
    let revoked = [answered(Status::Revoked {
        at: NOW - 100,
        hold: false,
    })];
    let good = [answered(Status::Good)];
    let crls = [crl];
    // OCSP first: the answer decides, the CRL (which lists nothing) aside.
    assert_eq!(
        evidence(&revoked, &crls, Policy::OcspFirst),
        Err(ChainError::Revoked(0))
    );
    assert_eq!(evidence(&good, &[], Policy::OcspFirst), Ok(()));
    assert_eq!(
        evidence(&[], &[], Policy::OcspFirst),
        Err(ChainError::CrlMissing(0))
    );
    assert_eq!(evidence(&[], &crls, Policy::OcspFirst), Ok(()));
    // A moment before the revocation is still good (a signing time).
    assert_eq!(
        validate_with(
            &d.leaf.cert,
            &store,
            &Evidence {
                crls: &crls,
                ocsp: &revoked,
                policy: Policy::OcspFirst,
                now: NOW
            },
            NOW - 200,
        )
        .map(|_| ()),
        Ok(())
    );
    // The CRL only: the answer is not looked at.
    assert_eq!(evidence(&revoked, &crls, Policy::CrlOnly), Ok(()));
    // Both: each must be there and say good.
    assert_eq!(
        evidence(&good, &[], Policy::Both),
        Err(ChainError::CrlMissing(0))
    );
    assert_eq!(
        evidence(&[], &crls, Policy::Both),
        Err(ChainError::OcspMissing(0))
    );
    assert_eq!(evidence(&good, &crls, Policy::Both), Ok(()));
    // An answer with another request's nonce is refused, not skipped.
    let replayed = [Received::new(
        respond(&request_der, &d.nca, |_| Status::Good, NOW),
        Some(b"another".to_vec()),
        &d.leaf.cert,
        &d.nca.cert,
    )];
    assert_eq!(
        evidence(&replayed, &crls, Policy::OcspFirst),
        Err(ChainError::OcspForged(0))
    );
}
