//! The login throttle: an account, and a client address across accounts,
//! locked after repeated failures until the window passes.

use axum::http::StatusCode;

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_COMPANY};
use crate::helpers::app::TestApp;

#[tokio::test]
async fn an_account_is_locked_after_repeated_failures() {
    let app = TestApp::new().await;
    for _ in 0..5 {
        assert_eq!(
            app.login(DEMO_APPLICANT.0, "wrong-password-x").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    // Even the right password waits now; the answer says how long.
    let res = app.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.code(), "too_many_attempts");
    let wait = res.value()["error"]["retry_after_secs"]
        .as_u64()
        .expect("seconds");
    assert!(wait > 0 && wait <= 15 * 60);
    assert_eq!(
        res.headers["retry-after"].to_str().expect("ascii"),
        wait.to_string()
    );
    // Another account from the same client is not locked.
    assert_eq!(
        app.login(DEMO_COMPANY.0, DEMO_COMPANY.1).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_client_address_is_locked_after_failures_across_accounts() {
    let app = TestApp::builder()
        .auth(|a| a.address_failures = 4)
        .build()
        .await;
    for i in 0..4u32 {
        let number = crate::helpers::accounts::iin("800101", i * 20);
        let res = app
            .post("/api/auth/login")
            .client([192, 0, 2, 7])
            .json(serde_json::json!({"id_number": number, "password": "guessing-passwords"}))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    }
    let blocked = app
        .post("/api/auth/login")
        .client([192, 0, 2, 7])
        .json(serde_json::json!({"id_number": DEMO_APPLICANT.0, "password": DEMO_APPLICANT.1}))
        .send()
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    let elsewhere = app
        .post("/api/auth/login")
        .client([198, 51, 100, 1])
        .json(serde_json::json!({"id_number": DEMO_APPLICANT.0, "password": DEMO_APPLICANT.1}))
        .send()
        .await;
    assert_eq!(elsewhere.status, StatusCode::OK);
}

#[tokio::test]
async fn the_lock_lifts_when_the_window_passes() {
    let app = TestApp::builder()
        .auth(|a| {
            a.account_failures = 2;
            a.failure_window = std::time::Duration::from_millis(600);
        })
        .build()
        .await;
    app.login(DEMO_APPLICANT.0, "wrong-password-x").await;
    app.login(DEMO_APPLICANT.0, "wrong-password-x").await;
    assert_eq!(
        app.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    crate::helpers::app::wait(std::time::Duration::from_millis(700)).await;
    assert_eq!(
        app.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn failures_leave_the_window() {
    let app = TestApp::builder()
        .auth(|a| {
            a.account_failures = 2;
            a.failure_window = std::time::Duration::from_millis(1200);
        })
        .build()
        .await;
    for _ in 0..2 {
        app.login(DEMO_APPLICANT.0, "wrong-password-x").await;
    }
    let res = app.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
    assert_eq!(
        app.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await.status,
        StatusCode::OK
    );
}
