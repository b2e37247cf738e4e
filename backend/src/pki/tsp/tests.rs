//! The national test TSA's token read (its GOST 34.310-2004 signature by a
//! timestamping key), the demo TSA's tokens judged and cross-checked by
//! OpenSSL's `ts -verify`.

use super::respond::{DEMO_POLICY, respond};
use super::*;
use crate::pki::ca::{self, Issued};
use crate::pki::testdata::*;

const NOW: u64 = 1_795_400_000; // 2026-11-23

#[test]
fn the_national_tsas_token_is_read_and_held_to_its_imprint() {
    let token = interop("samples/tsp/tsp_token.bin");
    assert_eq!(
        token_of(&interop("samples/tsp/tsp_response.bin")).expect("granted"),
        token,
        "the response carries the same token"
    );
    let read = read(&token).expect("signed by a timestamping key");
    assert_eq!(read.stamp.gen_time, 1_663_507_214); // 2022-09-18 13:20:14 UTC
    assert_eq!(
        read.stamp.serial,
        "5e846dd75d861154db10f13c54dc1f8d33fe6adc"
    );
    assert_eq!(read.stamp.policy, "1.2.398.3.3.2.6.1");
    let tsa = crate::pki::cert::info(&read.stamp.tsa).expect("tsa");
    assert_eq!(tsa.bin.as_deref(), Some("123456789021"));
    // Its imprint is SHA-1 of a message the sample does not give.
    assert_eq!(
        read.check(b"another message", None),
        Err(TspError::ImprintMismatch)
    );
    let mut changed = token;
    let at = changed.len() - 10;
    changed[at] ^= 1;
    assert!(
        super::read(&changed).is_err(),
        "a changed token does not read"
    );
}

struct Demo {
    root: Issued,
    nca: Issued,
    tsa: Issued,
}

fn demo() -> Demo {
    let root = ca::root("ДЕМО ТҮБІР", NOW - 86_400, 3650).expect("root");
    let nca = ca::intermediate(&root, "ДЕМО ОРТАЛЫҚ", NOW - 86_400, 1825).expect("nca");
    let tsa = authority::issue(&nca, "ДЕМО TSA", NOW - 86_400, 1825).expect("tsa");
    Demo { root, nca, tsa }
}

#[test]
fn the_demo_tsa_stamps_the_imprint_it_is_asked_for() {
    let d = demo();
    let signature_value = b"the signature value of a request";
    let (request_der, nonce) = request(signature_value).expect("request");
    let response = respond(&request_der, &d.tsa, std::slice::from_ref(&d.nca.cert), NOW);
    let token = token_of(&response).expect("granted");
    let stamp = judge(&token, signature_value, Some(&nonce)).expect("a token of this imprint");
    assert_eq!(stamp.gen_time, NOW);
    assert_eq!(stamp.policy, DEMO_POLICY.to_string());
    assert_eq!(stamp.tsa, d.tsa.cert);
    assert!(stamp.certificates.contains(&d.nca.cert));
    assert_eq!(
        judge(&token, b"another value", Some(&nonce)),
        Err(TspError::ImprintMismatch)
    );
    assert_eq!(
        judge(&token, signature_value, Some(b"another")),
        Err(TspError::NonceMismatch)
    );
    // A key that is not for timestamping does not make a token.
    let stranger = ca::intermediate(&d.root, "ДЕМО БАСҚА", NOW - 86_400, 10).expect("ca");
    let by_ca = token_of(&respond(&request_der, &stranger, &[], NOW)).expect("granted");
    assert_eq!(
        judge(&by_ca, signature_value, None),
        Err(TspError::NotTimestamping)
    );
    assert_eq!(
        token_of(&respond(b"garbage", &d.tsa, &[], NOW)),
        Err(TspError::NotGranted(2))
    );
    // Not asked for its certificate, the TSA carries none (RFC 3161 §2.4.1).
    let mut quiet = x509_tsp::TimeStampReq::from_der(&request_der).expect("request");
    quiet.cert_req = false;
    let quiet = quiet.to_der().expect("der");
    let chain = std::slice::from_ref(&d.nca.cert);
    let bare = token_of(&respond(&quiet, &d.tsa, chain, NOW)).expect("granted");
    assert!(crate::pki::cms::certificates(&bare).is_empty());
}

/// OpenSSL, which we did not write, verifies the demo TSA's response
/// (skipped where `openssl` is not installed).
#[test]
fn openssl_verifies_the_demo_tsas_response() {
    let d = demo();
    let files = OpensslFiles::new();
    let message = b"a signature value";
    let (request_der, _) = request(message).expect("request");
    let response = files.write(
        "resp.tsr",
        &respond(&request_der, &d.tsa, std::slice::from_ref(&d.nca.cert), NOW),
    );
    let data = files.write("data.bin", message);
    let root = files.cert("root.pem", &d.root.cert);
    let nca = files.cert("nca.pem", &d.nca.cert);
    let at = (NOW + 60).to_string();
    let Some(text) = openssl(&[
        &"ts",
        &"-verify",
        &"-in",
        &response,
        &"-data",
        &data,
        &"-CAfile",
        &root,
        &"-untrusted",
        &nca,
        &"-attime",
        &at,
    ]) else {
        return;
    };
    assert!(text.contains("Verification: OK"), "{text}");
}
