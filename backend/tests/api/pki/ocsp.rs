//! The demo certification center's OCSP responder (`/pki/ocsp`) and the
//! portal asking it: a key revoked or suspended with `portal pki revoke`
//! is refused at its very next use, while the CRL the portal holds still
//! lists nothing (issue 25, item 3).

use axum::http::StatusCode;
use backend::clock::now_secs;
use backend::demo::center::Center;
use backend::demo::pki::{DEMO_CITIZEN_IIN, KEYSTORE_PASSWORD, keystore_path};
use backend::pki::cert::{self, KeyPurpose};
use backend::pki::keystore;
use backend::pki::revocation::ocsp::{self, Status};

use crate::accounts::steps::{challenge, eds_login, reason, sign_challenge};
use crate::helpers::app::TestApp;
use crate::pki::steps::post_der;

/// The holder's certificate in the demo keystore at `path`.
fn holder_certificate(path: &std::path::Path) -> x509_cert::Certificate {
    let opened =
        keystore::open(&std::fs::read(path).expect("keystore"), KEYSTORE_PASSWORD).expect("opens");
    opened
        .certificates
        .into_iter()
        .find(|c| cert::info(c).is_ok_and(|i| i.iin.is_some()))
        .expect("the holder's certificate")
}

#[tokio::test]
async fn a_key_revoked_at_the_center_is_refused_at_its_next_login() {
    let app = TestApp::new().await;
    let path = keystore_path(
        &app.state.config.data_dir,
        DEMO_CITIZEN_IIN,
        KeyPurpose::Authentication,
    );
    let leaf = holder_certificate(&path);
    assert_eq!(
        ocsp::ocsp_urls(&leaf),
        [format!(
            "{}/pki/ocsp",
            app.state.config.public_url.trim_end_matches('/')
        )]
    );
    let c = challenge(&app, "login").await;
    let res = eds_login(&app, &c, &sign_challenge(&path, &c)).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());

    // As `portal pki revoke --hold` would, in another process: the CRL the
    // portal fetched a moment ago is still current for minutes.
    let center = Center::open(
        &app.state.config.data_dir,
        &app.state.config.public_url,
        now_secs(),
    )
    .expect("center");
    let serial = backend::pki::hex(leaf.tbs_certificate.serial_number.as_bytes());
    center.revoke(&serial, true, now_secs()).expect("suspended");
    let c = challenge(&app, "login").await;
    let res = eds_login(&app, &c, &sign_challenge(&path, &c)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reason(&res), "on_hold");

    center.revoke(&serial, false, now_secs()).expect("revoked");
    let c = challenge(&app, "login").await;
    let res = eds_login(&app, &c, &sign_challenge(&path, &c)).await;
    assert_eq!(reason(&res), "revoked");
}

#[tokio::test]
async fn the_responder_answers_over_http_as_rfc_6960_says() {
    let app = TestApp::new().await;
    let path = keystore_path(
        &app.state.config.data_dir,
        DEMO_CITIZEN_IIN,
        KeyPurpose::Signing,
    );
    let leaf = holder_certificate(&path);
    let nca = cert::read(&app.get("/pki/demo-nca.pem").send().await.body).expect("nca");
    let (request, nonce) = ocsp::request(&leaf, &nca).expect("request");
    let res = post_der(&app, "/pki/ocsp", "ocsp-request", "ocsp-response", request).await;
    let answer = ocsp::judge(
        &res.body,
        leaf.tbs_certificate.serial_number.as_bytes(),
        &nca,
        Some(&nonce),
    )
    .expect("signed by the center, the nonce echoed");
    assert_eq!(answer.status, Status::Good);

    // The GET form (RFC 6960 A.1): base64 of the DER, URL-encoded — a
    // request whose base64 has a '/' and a '+' among others.
    let (request, nonce) = ocsp::request(&leaf, &nca).expect("request");
    let b64 = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &request);
    let path: String = b64
        .chars()
        .map(|c| match c {
            '/' => "%2F".to_owned(),
            '+' => "%2B".to_owned(),
            '=' => "%3D".to_owned(),
            c => c.to_string(),
        })
        .collect();
    let res = app.get(&format!("/pki/ocsp/{path}")).send().await;
    assert_eq!(res.status, StatusCode::OK);
    let answer = ocsp::judge(
        &res.body,
        leaf.tbs_certificate.serial_number.as_bytes(),
        &nca,
        Some(&nonce),
    )
    .expect("the GET form answered as the POST one");
    assert_eq!(answer.status, Status::Good);
    let res = app.get("/pki/ocsp/not%20base64!").send().await;
    assert!(matches!(
        ocsp::judge(&res.body, b"1", &nca, None),
        Err(ocsp::OcspError::NotSuccessful(_))
    ));

    let garbage = post_der(
        &app,
        "/pki/ocsp",
        "ocsp-request",
        "ocsp-response",
        b"not DER".to_vec(),
    )
    .await;
    assert!(matches!(
        ocsp::judge(&garbage.body, b"1", &nca, None),
        Err(ocsp::OcspError::NotSuccessful(_))
    ));
}
