//! Steps of the review tests: the checklist all met, the review of a
//! request, a request taken (and approved), a decision drafted and signed,
//! a result PDF's text.

use axum::http::StatusCode;
use backend::pki::cert::KeyPurpose;
use serde_json::{Value, json};
use shared::review::{DecisionDto, ReviewDto};

use crate::helpers::app::TestApp;
use crate::helpers::keys::{demo_keystore, sign_bytes};

pub fn all_met(review: &ReviewDto) -> Value {
    Value::Array(
        review
            .checklist
            .iter()
            .map(|i| json!({ "code": i.code, "met": true, "comment": "" }))
            .collect(),
    )
}

pub async fn review_of(app: &TestApp, token: &str, id: i64) -> ReviewDto {
    let res = app
        .get(&format!("/api/review/requests/{id}"))
        .token(token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    res.json()
}

/// Takes request `id` into work and gives its review.
pub async fn take(app: &TestApp, token: &str, id: i64) -> ReviewDto {
    let res = app
        .post(&format!("/api/review/requests/{id}/take"))
        .token(token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.value());
    review_of(app, token, id).await
}

/// Takes request `id`, approves it with every requirement met and signs the
/// approval with `signer`'s keystore; gives the signed decision.
pub async fn take_and_approve(app: &TestApp, token: &str, id: i64, signer: &str) -> DecisionDto {
    let review = take(app, token, id).await;
    let body = json!({ "outcome": "approve", "checklist": all_met(&review) });
    let res = decide(app, token, id, body, signer).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    res.json()
}

/// Drafts `body` and signs it with `signer`'s keystore; gives the answer to the signature.
pub async fn decide(
    app: &TestApp,
    token: &str,
    id: i64,
    body: Value,
    signer: &str,
) -> crate::helpers::call::TestResponse {
    let res = app
        .post(&format!("/api/review/requests/{id}/decision"))
        .token(token)
        .json(body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let draft: DecisionDto = res.json();
    let pdf = app
        .get(&format!("/api/review/decisions/{}/pdf", draft.id))
        .token(token)
        .send()
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    let cms = sign_bytes(&demo_keystore(app, signer, KeyPurpose::Signing), &pdf.body);
    app.post(&format!("/api/review/decisions/{}/sign", draft.id))
        .token(token)
        .json(json!({ "cms": cms }))
        .send()
        .await
}

pub fn pdftotext(pdf: &[u8]) -> String {
    pdftotext_with(pdf, &[])
}

/// poppler's `pdftotext` of `pdf` with `options` (e.g. `-bbox`).
pub fn pdftotext_with(pdf: &[u8], options: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(options)
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils) runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The hearing before a refusal: `reviewer` sends the preliminary refusal
/// of request `id`, and its applicant answers it.
pub async fn heard(app: &TestApp, reviewer: &str, applicant: &str, id: i64) {
    let res = app
        .post(&format!("/api/review/requests/{id}/inquiries"))
        .token(reviewer)
        .json(json!({ "kind": "hearing", "message": "Площадь помещения меньше нормы." }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.value());
    let res = app
        .post(&format!("/api/requests/{id}/answer"))
        .token(applicant)
        .json(json!({ "text": "Не согласен: площадь соответствует." }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
}
