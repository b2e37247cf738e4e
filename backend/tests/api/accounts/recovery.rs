//! A way back in after a forgotten password with the ЭЦП (issue 26): a
//! login challenge signed by the account's authentication key sets a new
//! password and ends every other session; a key of another number opens
//! nothing.

use axum::http::StatusCode;
use backend::demo::pki::{DEMO_CITIZEN_IIN, keystore_path};
use backend::pki::cert::KeyPurpose;
use serde_json::json;

use crate::accounts::steps::{challenge, sign_challenge};
use crate::helpers::accounts::DEMO_APPLICANT;
use crate::helpers::app::TestApp;

#[tokio::test]
async fn a_signed_challenge_sets_a_new_password_and_ends_the_other_sessions() {
    let app = TestApp::new().await;
    assert_eq!(DEMO_APPLICANT.0, DEMO_CITIZEN_IIN);
    let old = app.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let old_cookie = old.refresh_cookie().expect("a session");
    let key = keystore_path(
        &app.state.config.data_dir,
        DEMO_CITIZEN_IIN,
        KeyPurpose::Authentication,
    );
    let c = challenge(&app, "login").await;
    let cms = sign_challenge(&key, &c);
    let short = app
        .post("/api/auth/recover/eds")
        .json(json!({ "challenge_id": c.id, "cms": cms, "new_password": "short" }))
        .send()
        .await;
    assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.value()["fields"]["new_password"].is_array());
    // The password is judged before the challenge is spent: the same
    // signature still works with a good one.
    let res = app
        .post("/api/auth/recover/eds")
        .json(json!({ "challenge_id": c.id, "cms": cms, "new_password": "eds-made-password-2026" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let refused = app
        .post("/api/auth/refresh")
        .refresh(&old_cookie)
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.login(DEMO_APPLICANT.0, "eds-made-password-2026")
            .await
            .status,
        StatusCode::OK
    );
    // A replayed challenge opens nothing.
    let again = app
        .post("/api/auth/recover/eds")
        .json(json!({ "challenge_id": c.id, "cms": cms, "new_password": "another-password-2026" }))
        .send()
        .await;
    assert_eq!(again.code(), "signature_rejected");
}
