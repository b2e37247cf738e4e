//! The public signature validation service, `POST /api/validation` (issue
//! 25, item 6): the national center's samples and keystores, the demo
//! center's CAdES-T signatures before and after a revocation, and bad
//! input of every kind.

mod cades;
mod samples;
mod sealed;

use axum::http::StatusCode;
use shared::eds::validation::ValidationReport;

use crate::helpers::app::TestApp;
use crate::helpers::call::TestResponse;

const BOUNDARY: &str = "validation-form-boundary-7MA4YWxkTrZu0gW";

/// A multipart form of `parts` (name, bytes), as a browser sends it.
pub fn form(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, bytes) in parts {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{name}.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

pub async fn post(app: &TestApp, parts: &[(&str, &[u8])]) -> TestResponse {
    post_to(app, "/api/validation", parts).await
}

/// The form of `parts` posted to `path`.
pub async fn post_to(app: &TestApp, path: &str, parts: &[(&str, &[u8])]) -> TestResponse {
    app.post(path)
        .header(
            "content-type",
            &format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .bytes(form(parts))
        .send()
        .await
}

/// The report on `parts`, which must be answered 200.
pub async fn report(app: &TestApp, parts: &[(&str, &[u8])]) -> ValidationReport {
    let res = post(app, parts).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    res.json()
}

#[tokio::test]
async fn bad_input_is_told_by_its_field_and_garbage_is_a_format_failure() {
    let app = TestApp::new().await;
    let res = post(&app, &[("document", b"a document")]).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.value()["fields"]["signature"][0]["code"], "required");
    let res = post(&app, &[("signature", b"x"), ("at", b"yesterday")]).await;
    assert_eq!(res.value()["fields"]["at"][0]["code"], "date");
    // A text part where a file belongs is no file.
    let text_part = app
        .post("/api/validation")
        .header("content-type", &format!("multipart/form-data; boundary={BOUNDARY}"))
        .bytes(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"signature\"\r\n\r\nnull\r\n--{BOUNDARY}--\r\n")
                .into_bytes(),
        )
        .send()
        .await;
    assert_eq!(
        text_part.value()["fields"]["signature"][0]["code"],
        "required"
    );
    let res = post(&app, &[("signature", b"x"), ("at", b"1"), ("at", b"2")]).await;
    assert_eq!(res.value()["fields"]["at"][0]["code"], "repeated");
    let res = post(&app, &[("signature", b"x"), ("password", b"x")]).await;
    assert_eq!(
        res.value()["fields"]["password"][0]["code"],
        "unknown_field"
    );
    let res = app
        .post("/api/validation")
        .header("content-type", "application/json")
        .bytes(b"{}".to_vec())
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(res.code(), "bad_request");
    let garbage = report(&app, &[("signature", b"not a signature at all")]).await;
    assert_eq!(
        serde_json::to_value(&garbage).expect("json")["indication"],
        "TOTAL_FAILED"
    );
    assert_eq!(
        serde_json::to_value(&garbage).expect("json")["sub_indication"],
        "FORMAT_FAILURE"
    );
    assert!(garbage.signers.is_empty());
}

#[tokio::test]
async fn anonymous_use_is_throttled_per_client() {
    let app = TestApp::new().await;
    for _ in 0..backend::services::validation::USES_PER_CLIENT {
        assert_eq!(
            post(&app, &[("signature", b"x")]).await.status,
            StatusCode::OK
        );
    }
    let res = post(&app, &[("signature", b"x")]).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.code(), "too_many_attempts");
}
