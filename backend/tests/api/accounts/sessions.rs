//! Sessions: login, the refresh cookie and its rotation, logout, and a
//! password change ending the other sessions.

use axum::http::StatusCode;
use serde_json::json;
use shared::account::{SessionDto, UserDto};

use crate::helpers::accounts::{DEMO_APPLICANT, iin};
use crate::helpers::app::TestApp;

#[tokio::test]
async fn unknown_number_and_wrong_password_get_the_same_answer() {
    let app = TestApp::new().await;
    let wrong = app.login(DEMO_APPLICANT.0, "not-the-password").await;
    let unknown = app.login(&iin("010101", 1), "not-the-password").await;
    for res in [&wrong, &unknown] {
        assert_eq!(res.status, StatusCode::UNAUTHORIZED);
        assert_eq!(res.code(), "invalid_credentials");
        assert!(res.refresh_cookie().is_none());
    }
    let mut a = wrong.value();
    let mut b = unknown.value();
    a["request_id"] = json!(null);
    b["request_id"] = json!(null);
    assert_eq!(a, b);
}

/// The login checks the number as registration does (issue 26, item 8):
/// what cannot be an ИИН or a БИН is told by the field, not as a wrong
/// password.
#[tokio::test]
async fn a_login_number_that_is_no_iin_or_bin_is_refused_by_the_field() {
    let app = TestApp::new().await;
    let good = iin("010101", 1);
    let mut bad_check = good.clone();
    let last = bad_check
        .pop()
        .and_then(|c| c.to_digit(10))
        .expect("a digit");
    bad_check.push(char::from_digit((last + 1) % 10, 10).expect("a digit"));
    for (number, code) in [
        ("12345", "length"),
        ("hello", "digits_only"),
        (bad_check.as_str(), "checksum"),
    ] {
        let res = app.login(number, "not-the-password").await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{number}");
        assert_eq!(
            res.value()["fields"]["id_number"][0]["code"],
            code,
            "{number}"
        );
        assert!(res.refresh_cookie().is_none());
    }
}

#[tokio::test]
async fn login_sets_an_httponly_strict_cookie_and_me_answers() {
    let app = TestApp::new().await;
    let res = app.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    assert_eq!(res.status, StatusCode::OK);
    let cookie = res.set_cookie_header();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Strict")
            && cookie.contains("Path=/api/auth")
    );
    // Beside it, the secret-free hint the app reads so that an anonymous
    // visit does not ask to refresh (issue 26: a 401 on every page).
    let hint = res
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("portal_session="))
        .expect("the session hint");
    assert!(hint.starts_with("portal_session=1;") && hint.contains("Path=/;"));
    assert!(!hint.contains("HttpOnly"), "the app must read it");
    let session: SessionDto = res.json();
    assert!(session.expires_in <= 15 * 60);
    let me = app.get("/api/me").token(&session.access_token).send().await;
    assert_eq!(me.status, StatusCode::OK);
    let me: UserDto = me.json();
    assert_eq!(me.id_number, DEMO_APPLICANT.0);
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_token_ends_the_session() {
    let app = TestApp::new().await;
    let (_, first) = app
        .register_individual(&iin("990909", 9), "rotate-me-please")
        .await;
    let r1 = app.post("/api/auth/refresh").refresh(&first).send().await;
    assert_eq!(r1.status, StatusCode::OK);
    let second = r1.refresh_cookie().expect("rotated cookie");
    assert_ne!(first, second);
    let access: SessionDto = r1.json();
    let me = app.get("/api/me").token(&access.access_token).send().await;
    assert_eq!(me.status, StatusCode::OK, "remembered as open from here");

    // The first token again: a replay. The whole family is revoked.
    let replay = app.post("/api/auth/refresh").refresh(&first).send().await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED);
    assert_eq!(replay.code(), "session_ended");
    let after = app.post("/api/auth/refresh").refresh(&second).send().await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED);
    // And the access token of that session stops working too.
    let me = app.get("/api/me").token(&access.access_token).send().await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn refresh_and_logout_need_the_app_header() {
    let app = TestApp::new().await;
    let (_, cookie) = app
        .register_individual(&iin("910101", 3), "csrf-is-stopped")
        .await;
    let res = app
        .post("/api/auth/refresh")
        .refresh(&cookie)
        .without_app_header()
        .send()
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = app
        .post("/api/auth/logout")
        .refresh(&cookie)
        .without_app_header()
        .send()
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    // The cookie still works for the app itself.
    assert_eq!(
        app.post("/api/auth/refresh")
            .refresh(&cookie)
            .send()
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn logout_ends_refresh_and_access() {
    let app = TestApp::new().await;
    let (session, cookie) = app
        .register_individual(&iin("920202", 4), "logout-works-well")
        .await;
    // Used once, the open session is remembered: logout must end it anyway.
    let me = app.get("/api/me").token(&session.access_token).send().await;
    assert_eq!(me.status, StatusCode::OK);
    let res = app.post("/api/auth/logout").refresh(&cookie).send().await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let cleared = res.set_cookies();
    assert_eq!(cleared.len(), 2, "{cleared:?}");
    assert!(
        cleared.iter().all(|c| c.contains("Max-Age=0")),
        "{cleared:?}"
    );
    assert_eq!(
        app.post("/api/auth/refresh")
            .refresh(&cookie)
            .send()
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let me = app.get("/api/me").token(&session.access_token).send().await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    assert_eq!(me.code(), "session_ended");
}

#[tokio::test]
async fn password_change_revokes_other_sessions() {
    let app = TestApp::new().await;
    let number = iin("930303", 5);
    let (laptop, laptop_cookie) = app.register_individual(&number, "old-password-one").await;
    let phone: SessionDto = app.login(&number, "old-password-one").await.json();
    // Both sessions used, so both are remembered as open.
    for token in [&laptop.access_token, &phone.access_token] {
        assert_eq!(
            app.get("/api/me").token(token).send().await.status,
            StatusCode::OK
        );
    }

    let wrong = app
        .post("/api/me/password")
        .token(&laptop.access_token)
        .json(json!({ "current_password": "not-it-at-all", "new_password": "new-password-two" }))
        .send()
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.code(), "wrong_current_password");
    let weak = app
        .post("/api/me/password")
        .token(&laptop.access_token)
        .json(json!({ "current_password": "old-password-one", "new_password": "password" }))
        .send()
        .await;
    assert_eq!(
        weak.value()["fields"]["new_password"][0]["code"],
        "password_common"
    );

    let ok = app
        .post("/api/me/password")
        .token(&laptop.access_token)
        .json(json!({ "current_password": "old-password-one", "new_password": "new-password-two" }))
        .send()
        .await;
    assert_eq!(ok.status, StatusCode::OK);
    let fresh: SessionDto = ok.json();

    assert_eq!(
        app.get("/api/me")
            .token(&phone.access_token)
            .send()
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/me")
            .token(&laptop.access_token)
            .send()
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.post("/api/auth/refresh")
            .refresh(&laptop_cookie)
            .send()
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/me")
            .token(&fresh.access_token)
            .send()
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        app.login(&number, "old-password-one").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&number, "new-password-two").await.status,
        StatusCode::OK
    );
}
