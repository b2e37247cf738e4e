//! Registration with a password: individuals and legal entities, every
//! bad field reported, a number registered once, passwords kept as
//! Argon2id.

use axum::http::StatusCode;
use serde_json::json;
use shared::account::{AccountKind, Role, SessionDto};

use crate::helpers::accounts::iin;
use crate::helpers::app::TestApp;

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
