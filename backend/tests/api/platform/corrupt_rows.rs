//! A stored row that does not decode (corrupt JSON text, an unknown state)
//! is answered 500 `internal`, never shown as an empty or default value.

use axum::http::StatusCode;
use sea_orm::ConnectionTrait;
use serde_json::json;

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::requests::steps::{
    complete_med_license, pdf, start_payment, submitted_med_license, upload,
};
use crate::review::steps::{all_met, take};

async fn corrupt(app: &TestApp, sql: String) {
    app.state
        .db
        .write
        .execute_unprepared(&sql)
        .await
        .expect("corrupt the row");
}

/// `path` read by `token` is answered 500 `internal`.
async fn assert_internal(app: &TestApp, path: &str, token: &str) {
    let res = app.get(path).token(token).send().await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
    assert_eq!(res.code(), "internal", "{path}");
}

#[tokio::test]
async fn a_request_with_corrupt_answers_is_answered_500() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = app.draft(&applicant, "med-license", "issuance").await;
    let path = format!("/api/requests/{}", d.id);
    let res = app.get(&path).token(&applicant).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    corrupt(
        &app,
        format!(
            "UPDATE requests SET answers = '{{not json' WHERE id = {}",
            d.id
        ),
    )
    .await;
    assert_internal(&app, &path, &applicant).await;
}

#[tokio::test]
async fn a_decision_with_an_unknown_status_or_corrupt_checklist_is_answered_500() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let review = take(&app, &reviewer, sent.id).await;
    let res = app
        .post(&format!("/api/review/requests/{}/decision", sent.id))
        .token(&reviewer)
        .json(json!({ "outcome": "approve", "checklist": all_met(&review), "reasons": "" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let path = format!("/api/review/requests/{}", sent.id);

    corrupt(
        &app,
        format!(
            "UPDATE decisions SET status = 'approved' WHERE request_id = {}",
            sent.id
        ),
    )
    .await;
    assert_internal(&app, &path, &reviewer).await;

    corrupt(
        &app,
        format!(
            "UPDATE decisions SET status = 'draft', checklist = '[{{' WHERE request_id = {}",
            sent.id
        ),
    )
    .await;
    assert_internal(&app, &path, &reviewer).await;
}

#[tokio::test]
async fn a_request_with_an_unknown_status_is_answered_500() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = app.draft(&applicant, "med-license", "issuance").await;
    let res = app.get("/api/requests").token(&applicant).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    corrupt(
        &app,
        format!("UPDATE requests SET status = 'lost' WHERE id = {}", d.id),
    )
    .await;
    for path in [
        "/api/requests".to_owned(),
        format!("/api/requests/{}", d.id),
    ] {
        assert_internal(&app, &path, &applicant).await;
    }
}

#[tokio::test]
async fn a_license_with_an_unknown_status_is_answered_500() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let res = app.get("/api/licenses").token(&applicant).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    assert!(
        res.value().to_string().contains("KZ-L-2023-00000058"),
        "{:?}",
        res.value()
    );
    corrupt(
        &app,
        "UPDATE licenses SET status = 'gone' WHERE number = 'KZ-L-2023-00000058'".to_owned(),
    )
    .await;
    assert_internal(&app, "/api/licenses", &applicant).await;
}

#[tokio::test]
async fn a_file_of_an_unknown_media_type_is_answered_500_not_shown_as_a_pdf() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = app.draft(&applicant, "med-license", "issuance").await;
    let res = upload(&app, &applicant, d.id, "diplomas", "diploma.pdf", pdf(100)).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let path = format!("/api/requests/{}", d.id);
    let res = app.get(&path).token(&applicant).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    corrupt(
        &app,
        format!(
            "UPDATE files SET media_type = 'text/html' WHERE request_id = {}",
            d.id
        ),
    )
    .await;
    assert_internal(&app, &path, &applicant).await;
}

#[tokio::test]
async fn an_account_with_an_unknown_role_gets_no_session_rather_than_a_default_role() {
    let app = TestApp::new().await;
    corrupt(
        &app,
        format!(
            "UPDATE users SET role = 'superuser' WHERE id_number = '{}'",
            DEMO_APPLICANT.0
        ),
    )
    .await;
    let res = app.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(res.code(), "internal");
    assert!(res.refresh_cookie().is_none(), "no session was opened");
}

#[tokio::test]
async fn a_request_of_an_unknown_channel_is_answered_500() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = app.draft(&applicant, "med-license", "issuance").await;
    let path = format!("/api/requests/{}", d.id);
    corrupt(
        &app,
        format!("UPDATE requests SET channel = 'fax' WHERE id = {}", d.id),
    )
    .await;
    assert_internal(&app, &path, &applicant).await;
}

#[tokio::test]
async fn a_payment_of_an_unknown_status_is_answered_500_not_shown_as_pending() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = complete_med_license(&app, &applicant).await;
    start_payment(&app, &applicant, d.id).await;
    let path = format!("/api/requests/{}", d.id);
    let res = app.get(&path).token(&applicant).send().await;
    assert_eq!(
        res.value()["payment"]["status"],
        "pending",
        "{:?}",
        res.value()
    );
    corrupt(
        &app,
        format!(
            "UPDATE payments SET status = 'refunded' WHERE request_id = {}",
            d.id
        ),
    )
    .await;
    assert_internal(&app, &path, &applicant).await;
}

#[tokio::test]
async fn a_notification_of_an_unknown_status_is_answered_500_not_left_out() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let res = app.get("/api/notifications").token(&applicant).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    assert!(!res.value()["items"].as_array().expect("items").is_empty());
    corrupt(&app, "UPDATE notifications SET status = 'lost'".to_owned()).await;
    assert_internal(&app, "/api/notifications", &applicant).await;
}
