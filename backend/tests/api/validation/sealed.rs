//! The report as a PDF signed by the portal (issue 25, item 6): `POST
//! /api/validation/pdf` answers a PAdES-T PDF whose text is the report in
//! Kazakh and Russian, whose signature is the portal's information-system
//! certificate, timestamped by the demo TSA; the portal's own validation
//! service passes it, and a byte changed in it is a hash failure.

use axum::http::StatusCode;
use backend::clock::now_secs;
use backend::pki::{cert, pades, sign};
use shared::eds::validation::{Indication, SignerRole, SubIndication};

use super::cades::signing_key;
use super::{post_to, report};
use crate::helpers::app::TestApp;
use crate::review::steps::pdftotext;

async fn sealed(app: &TestApp, parts: &[(&str, &[u8])]) -> crate::helpers::call::TestResponse {
    post_to(app, "/api/validation/pdf", parts).await
}

#[tokio::test]
async fn the_sealed_report_is_the_report_signed_and_timestamped_by_the_portal() {
    let app = TestApp::new().await;
    let key = signing_key(&app);
    let nca = cert::read(&app.get("/pki/demo-nca.pem").send().await.body).expect("nca");
    let signed = sign::sign(b"a decision", &key, &[nca], now_secs(), true).expect("signed");
    let res = sealed(&app, &[("signature", &signed)]).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    assert_eq!(res.headers["content-type"], "application/pdf");
    let pdf = res.body;
    // Lines wrap where the page ends: the words, one space apart.
    let text = pdftotext(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for words in [
        "Тексеру нәтижесі",
        "Результат проверки",
        "Подпись действительна",
        "TOTAL_PASSED",
    ] {
        assert!(text.contains(words), "{words} in {text}");
    }
    assert!(text.contains("Отчет подписан электронной цифровой подписью портала"));
    // The seal, judged by the portal's own service: the portal's
    // information system, with a timestamp.
    let (cms, covered) = pades::signed_parts(&pdf).expect("a PAdES signature");
    let r = report(&app, &[("signature", &cms), ("document", &covered)]).await;
    assert_eq!(r.indication, Indication::TotalPassed, "{r:?}");
    let seal = &r.signers[0];
    assert!(
        seal.roles.contains(&SignerRole::InformationSystem),
        "{seal:?}"
    );
    assert_eq!(seal.bin.as_deref(), Some("100140000122"));
    assert!(seal.timestamp.is_some(), "PAdES-T: the demo TSA's token");
    // One byte of the report changed: the seal no longer holds.
    let mut forged = pdf.clone();
    let at = forged
        .windows(12)
        .position(|w| w == b"TOTAL_PASSED")
        .unwrap_or(100);
    forged[at] = b'X';
    let (cms, covered) = pades::signed_parts(&forged).expect("parts");
    let r = report(&app, &[("signature", &cms), ("document", &covered)]).await;
    assert_eq!(r.sub_indication, Some(SubIndication::HashFailure), "{r:?}");
}

#[tokio::test]
async fn the_sealed_report_takes_the_same_form_and_its_refusals() {
    let app = TestApp::new().await;
    let res = sealed(&app, &[("document", b"a document")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.value()["fields"]["signature"][0]["code"], "required");
    // Garbage is reported, not refused: its report says FORMAT_FAILURE.
    let res = sealed(&app, &[("signature", b"not a signature")]).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(pdftotext(&res.body).contains("FORMAT_FAILURE"));
}
