//! Every file the API hands out goes through one helper: its type, an RFC
//! 6266 disposition (ASCII fallback and `filename*`), `nosniff`, the sandbox
//! policy (not the app's page policy, whatever else the outer layer adds,
//! HSTS among it) and `no-store`.

use axum::http::{HeaderMap, StatusCode};
use shared::files::FileDto;

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::requests::steps::{draft, pdf, submitted_med_license, upload};
use crate::review::steps::take_and_approve;

fn assert_download(headers: &HeaderMap, mime: &str, disposition: &str, name: &str) {
    assert_eq!(headers["content-type"], mime);
    let d = headers["content-disposition"].to_str().expect("ascii");
    assert!(d.starts_with(&format!("{disposition}; filename=\"")), "{d}");
    assert!(d.contains(&format!("filename*=UTF-8''{name}")), "{d}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(
        headers["content-security-policy"],
        "default-src 'none'; sandbox"
    );
    assert_eq!(headers["cache-control"], "no-store");
}

#[tokio::test]
async fn a_request_file_downloads_with_the_download_headers() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = draft(&app, &token, "med-license", "issuance").await;
    let file: FileDto = upload(&app, &token, d.id, "diplomas", "Диплом.pdf", pdf(0))
        .await
        .json();
    let res = app
        .get(&format!("/api/requests/{}/files/{}", d.id, file.id))
        .token(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_download(
        &res.headers,
        "application/pdf",
        "attachment",
        "%D0%94%D0%B8%D0%BF%D0%BB%D0%BE%D0%BC.pdf",
    );
}

#[tokio::test]
async fn the_decision_and_result_files_download_with_the_download_headers() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let decision = take_and_approve(&app, &reviewer, sent.id, DEMO_REVIEWER.0).await;
    let number = decision.number.expect("a license number");

    let res = app
        .get(&format!("/api/review/decisions/{}/pdf", decision.id))
        .token(&reviewer)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_download(&res.headers, "application/pdf", "inline", "result.pdf");

    let res = app
        .get(&format!("/api/requests/{}/result", sent.id))
        .token(&applicant)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_download(
        &res.headers,
        "application/pdf",
        "inline",
        &format!("{number}.pdf"),
    );

    let res = app
        .get(&format!("/api/requests/{}/result/signature", sent.id))
        .token(&applicant)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_download(
        &res.headers,
        "application/pkcs7-signature",
        "attachment",
        &format!("{number}.pdf.p7s"),
    );
}

#[tokio::test]
async fn with_hsts_configured_every_response_carries_it_and_a_download_keeps_its_sandbox() {
    let app = TestApp::builder()
        .hsts(backend::config::HSTS_MAX_AGE)
        .build()
        .await;
    let hsts = "max-age=63072000; includeSubDomains";
    let res = app.get("/api/health").send().await;
    assert_eq!(res.headers["strict-transport-security"], hsts);
    let res = app.get("/api/no-such-thing").send().await;
    assert_eq!(res.headers["strict-transport-security"], hsts);

    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = draft(&app, &token, "med-license", "issuance").await;
    let file: FileDto = upload(&app, &token, d.id, "diplomas", "a.pdf", pdf(0))
        .await
        .json();
    let res = app
        .get(&format!("/api/requests/{}/files/{}", d.id, file.id))
        .token(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers["strict-transport-security"], hsts);
    assert_download(&res.headers, "application/pdf", "attachment", "a.pdf");
}

#[tokio::test]
async fn a_plain_http_portal_sends_no_hsts_and_https_gets_two_years() {
    let app = TestApp::new().await;
    let res = app.get("/api/health").send().await;
    assert!(!res.headers.contains_key("strict-transport-security"));
    use backend::config::{HSTS_MAX_AGE, hsts_for};
    assert_eq!(hsts_for("http://127.0.0.1:8080", None), None);
    assert_eq!(
        hsts_for("https://egov.example.kz", None),
        Some(HSTS_MAX_AGE)
    );
    assert_eq!(hsts_for("https://egov.example.kz", Some(0)), None);
    assert_eq!(
        hsts_for("http://10.0.0.1", Some(600)),
        Some(std::time::Duration::from_secs(600))
    );
}
