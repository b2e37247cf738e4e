//! Every file the API hands out goes through one helper: its type, an RFC
//! 6266 disposition (ASCII fallback and `filename*`), `nosniff`, the sandbox
//! policy (not the app's page policy) and `no-store`.

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
