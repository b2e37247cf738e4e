//! Two portal processes on one database, as behind a load balancer (issue
//! 28): what one knows that the other needs is in the database. An ЭЦП
//! challenge issued by one is answered at the other, once; failed logins
//! counted by one lock the account at the other.

use axum::http::StatusCode;
use backend::demo::pki::{DEMO_CITIZEN_IIN, keystore_path};
use backend::pki::cert::KeyPurpose;

use crate::accounts::steps::{challenge, eds_login, reason, sign_challenge};
use crate::helpers::accounts::DEMO_APPLICANT;
use crate::helpers::app::TestApp;

#[tokio::test]
async fn a_challenge_from_one_process_is_answered_at_the_other_once() {
    let first = TestApp::new().await;
    let second = first.another_process().await;
    let key = keystore_path(
        &first.state.config.data_dir,
        DEMO_CITIZEN_IIN,
        KeyPurpose::Authentication,
    );
    let c = challenge(&first, "login").await;
    let cms = sign_challenge(&key, &c);
    let res = eds_login(&second, &c, &cms).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    // Used up, at both.
    for process in [&first, &second] {
        let again = eds_login(process, &c, &cms).await;
        assert_eq!(reason(&again), "challenge_expired");
    }
}

#[tokio::test]
async fn failures_counted_by_one_process_lock_the_account_at_the_other() {
    let first = TestApp::new().await;
    let second = first.another_process().await;
    for _ in 0..5 {
        assert_eq!(
            first
                .login(DEMO_APPLICANT.0, "wrong-password-x")
                .await
                .status,
            StatusCode::UNAUTHORIZED
        );
    }
    let res = second.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    assert_eq!(res.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(res.code(), "too_many_attempts");
}
