use axum::http::StatusCode;
use serde_json::json;
use shared::account::{AccountKind, Role, SessionDto, UserDto};

use crate::helpers::{DEMO_APPLICANT, TestApp, iin};

#[tokio::test]
async fn register_an_individual_and_a_legal_entity() {
    let app = TestApp::new().await;
    let number = iin("950505", 1);
    let (session, cookie) = app.register_individual(&number, "white-steppe-horse").await;
    assert_eq!(session.user.kind, AccountKind::Individual);
    assert_eq!(session.user.role, Role::Applicant);
    assert_eq!(session.user.id_number, number);
    assert_eq!(session.user.phone, "+77010000000");
    assert!(!cookie.is_empty());

    let bin = shared::ids::complete_with_check_digit("10034000123")
        .or_else(|| shared::ids::complete_with_check_digit("10034000124"))
        .expect("bin");
    let res = app
        .post("/api/auth/register")
        .json(json!({
            "kind": "legal_entity", "id_number": bin, "name": "ТОО «Астық Қоймасы»",
            "phone": "87172000000", "email": "Info@Astyk.KZ", "password": "grain-silo-north"
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let s: SessionDto = res.json();
    assert_eq!(s.user.kind, AccountKind::LegalEntity);
    assert_eq!(s.user.email, "info@astyk.kz");
}

#[tokio::test]
async fn registration_reports_every_bad_field() {
    let app = TestApp::new().await;
    let res = app
        .post("/api/auth/register")
        .json(json!({
            "kind": "individual", "id_number": "900101300008", "name": "",
            "phone": "123", "email": "nope", "password": "short"
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    insta::assert_json_snapshot!(res.value(), { ".request_id" => "[id]" });
}

#[tokio::test]
async fn a_bin_is_refused_for_an_individual_and_an_iin_for_a_legal_entity() {
    let app = TestApp::new().await;
    let res = app
        .post("/api/auth/register")
        .json(json!({
            "kind": "legal_entity", "id_number": "900101300007", "name": "ТОО Тест",
            "phone": "87010000000", "email": "a@b.kz", "password": "long-enough-pass"
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.value()["fields"]["id_number"][0]["code"], "bin_kind");
}

#[tokio::test]
async fn common_and_short_passwords_are_refused_long_ones_accepted() {
    let app = TestApp::new().await;
    for (password, code) in [
        ("password1", "password_common"),
        ("qwerty123", "password_common"),
        ("1234567", "too_short"),
    ] {
        let res = app
            .post("/api/auth/register")
            .json(json!({
                "kind": "individual", "id_number": iin("880808", 10), "name": "Тест",
                "phone": "87010000000", "email": "a@b.kz", "password": password
            }))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{password}");
        assert_eq!(
            res.value()["fields"]["password"][0]["code"],
            code,
            "{password}"
        );
    }
    let long = "a sentence of seventy characters is a fine password for this portal!!";
    assert!(long.chars().count() >= 64);
    app.register_individual(&iin("880808", 10), long).await;
    assert_eq!(
        app.login(&iin("880808", 10), long).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_number_registers_once() {
    let app = TestApp::new().await;
    let number = iin("770707", 7);
    app.register_individual(&number, "first-account-here").await;
    let res = app
        .post("/api/auth/register")
        .json(json!({
            "kind": "individual", "id_number": number, "name": "Другой",
            "phone": "87010000000", "email": "x@y.kz", "password": "second-account-here"
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert_eq!(res.code(), "already_registered");
}

#[tokio::test]
async fn passwords_are_stored_as_argon2id() {
    let app = TestApp::new().await;
    let number = iin("660606", 6);
    app.register_individual(&number, "stored-securely-ok").await;
    let user = backend::services::accounts::account::find_by_number(&app.state, &number)
        .await
        .expect("db")
        .expect("user");
    assert!(
        user.password_hash
            .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{}",
        user.password_hash
    );
    assert!(!user.password_hash.contains("stored-securely-ok"));
}

#[tokio::test]
async fn unknown_number_and_wrong_password_get_the_same_answer() {
    let app = TestApp::new().await;
    let wrong = app.login(DEMO_APPLICANT.0, "not-the-password").await;
    let unknown = app.login(&iin("010101", 1), "not-the-password").await;
    let garbage = app.login("hello", "not-the-password").await;
    for res in [&wrong, &unknown, &garbage] {
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
    assert!(res.set_cookie_header().contains("Max-Age=0"));
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
