//! Registration with the ЭЦП: a new citizen registers and then logs in
//! with it; a company is registered by its head, not by an employee; a
//! revocation published by the center is seen at the next login.

use std::path::PathBuf;

use axum::http::StatusCode;
use backend::clock::now_secs;
use backend::db::entities::signatures;
use backend::demo::center::{Center, KeyKind};
use backend::demo::pki::KEYSTORE_PASSWORD;
use backend::pki::ca::Holder;
use backend::pki::cert::{HolderRole, KeyPurpose};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;
use shared::account::SessionDto;
use shared::eds::Challenge;

use crate::accounts::steps::{challenge, eds_login, reason, sign_challenge};
use crate::helpers::accounts::iin;
use crate::helpers::app::TestApp;
use crate::helpers::keys::holder_key;

fn issue(app: &TestApp, holder: &Holder, purpose: KeyPurpose, name: &str) -> PathBuf {
    let config = &app.state.config;
    let center = Center::open(&config.data_dir, &config.public_url, now_secs()).expect("center");
    let out = config.data_dir.join("issued").join(name);
    center
        .issue(
            holder,
            purpose,
            KeyKind::P256,
            KEYSTORE_PASSWORD,
            &out,
            now_secs(),
        )
        .expect("issue");
    out
}

fn form(c: &Challenge, cms: &str) -> serde_json::Value {
    json!({
        "challenge_id": c.id,
        "cms": cms,
        "phone": "+7 701 555 12 34",
        "email": "new@example.kz",
        "password": "steppe-wind-2026",
    })
}

#[tokio::test]
async fn a_new_citizen_registers_with_the_ejp_and_then_logs_in_with_it() {
    let app = TestApp::new().await;
    let person = iin("880202", 4321);
    let holder = Holder {
        iin: person.clone(),
        surname: "Серікова".into(),
        given_name: "Айгүл".into(),
        roles: vec![HolderRole::Individual],
        ..Holder::default()
    };
    let auth = issue(&app, &holder, KeyPurpose::Authentication, "auth.p12");

    // Not registered yet: login says so.
    let c = challenge(&app, "login").await;
    let res = eds_login(&app, &c, &sign_challenge(&auth, &c)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.code(), "not_registered");

    // Bad contacts: field errors, and the challenge stays usable.
    let c = challenge(&app, "register").await;
    let cms = sign_challenge(&auth, &c);
    let bad = app
        .post("/api/auth/eds/register")
        .json(json!({
            "challenge_id": c.id, "cms": cms,
            "phone": "12", "email": "x", "password": "short",
        }))
        .send()
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &bad.value()["fields"];
    for f in ["phone", "email", "password"] {
        assert!(fields[f].is_array(), "{f}: {fields}");
    }
    let res = app
        .post("/api/auth/eds/register")
        .json(form(&c, &cms))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let session: SessionDto = res.json();
    assert_eq!(session.user.id_number, person);
    assert_eq!(session.user.name, "Серікова Айгүл");
    assert_eq!(session.user.phone, "+77015551234");

    // Once only.
    let c = challenge(&app, "register").await;
    let again = app
        .post("/api/auth/eds/register")
        .json(form(&c, &sign_challenge(&auth, &c)))
        .send()
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(again.code(), "already_registered");

    // Then the ЭЦП logs in, and so does the password set at registration.
    let c = challenge(&app, "login").await;
    assert_eq!(
        eds_login(&app, &c, &sign_challenge(&auth, &c)).await.status,
        StatusCode::OK
    );
    // Each accepted signature is kept with its report.
    let kept = signatures::Entity::find()
        .filter(signatures::Column::UserId.eq(i32::try_from(session.user.id).expect("id")))
        .order_by_asc(signatures::Column::Id)
        .all(&app.state.db.read)
        .await
        .expect("query");
    let purposes: Vec<&str> = kept.iter().map(|s| s.purpose.as_str()).collect();
    assert_eq!(purposes, ["register", "login"]);
    let (issued, _) = holder_key(&auth);
    let serial = backend::pki::revocation::crl::serial_key(
        issued.cert.tbs_certificate.serial_number.as_bytes(),
    );
    for s in &kept {
        assert_eq!(s.signer_serial.trim_start_matches('0'), serial);
        assert_eq!(s.signer_iin.as_deref(), Some(person.as_str()));
        assert_eq!(
            serde_json::from_str::<Vec<String>>(&s.path)
                .expect("path")
                .len(),
            3
        );
        assert_eq!(s.content_sha256.len(), 64);
        assert!(!s.cms.is_empty());
    }
    assert_eq!(
        app.login(&person, "steppe-wind-2026").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_company_is_registered_by_its_head_not_by_an_employee() {
    let app = TestApp::new().await;
    let bin = (1..100)
        .find_map(|s| shared::ids::complete_with_check_digit(&format!("1803400{s:04}")))
        .expect("a БИН");
    let bin = bin.as_str();
    let company = |roles| Holder {
        iin: iin("750505", 1111),
        surname: "Омаров".into(),
        given_name: "Бауыржан".into(),
        bin: Some(bin.into()),
        organization: Some("ТОО «Дала Агро»".into()),
        roles,
    };
    let employee = issue(
        &app,
        &company(vec![HolderRole::LegalEntity, HolderRole::Employee]),
        KeyPurpose::Authentication,
        "employee.p12",
    );
    let c = challenge(&app, "register").await;
    let res = app
        .post("/api/auth/eds/register")
        .json(form(&c, &sign_challenge(&employee, &c)))
        .send()
        .await;
    assert_eq!(reason(&res), "not_entitled");

    let head = issue(
        &app,
        &company(vec![HolderRole::LegalEntity, HolderRole::Head]),
        KeyPurpose::Authentication,
        "head.p12",
    );
    let c = challenge(&app, "register").await;
    let res = app
        .post("/api/auth/eds/register")
        .json(form(&c, &sign_challenge(&head, &c)))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let session: SessionDto = res.json();
    assert_eq!(session.user.id_number, bin);
    assert_eq!(session.user.name, "ТОО «Дала Агро»");
}

#[tokio::test]
async fn a_revocation_published_by_the_center_is_seen_at_the_next_login() {
    let app = TestApp::new().await;
    let config = &app.state.config;
    let holder = Holder {
        iin: iin("910303", 2222),
        surname: "Жанова".into(),
        given_name: "Дана".into(),
        roles: vec![HolderRole::Individual],
        ..Holder::default()
    };
    let auth = issue(&app, &holder, KeyPurpose::Authentication, "auth.p12");
    let c = challenge(&app, "register").await;
    let res = app
        .post("/api/auth/eds/register")
        .json(form(&c, &sign_challenge(&auth, &c)))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED);

    let (issued, _) = holder_key(&auth);
    let serial = backend::pki::revocation::crl::serial_key(
        issued.cert.tbs_certificate.serial_number.as_bytes(),
    );
    let center = Center::open(&config.data_dir, &config.public_url, now_secs()).expect("center");
    center.revoke(&serial, true, now_secs()).expect("suspend");
    app.state.trust.forget_crls();
    let c = challenge(&app, "login").await;
    assert_eq!(
        reason(&eds_login(&app, &c, &sign_challenge(&auth, &c)).await),
        "on_hold"
    );
}
