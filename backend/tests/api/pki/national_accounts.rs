//! The national center's TEST keystores on a portal started with
//! `--trust-national-test` (issue 25, part 2; SPEC §3 steps 1, 2 and 5):
//! its 2026 GOST key registers, logs in and signs a request in the
//! browser's signer, its placeholder ИИН/БИН (`IIN123456789011`,
//! `BIN123456789021`, which fail the check digit) taken as the account's
//! number; and nothing else is: not without the flag, not on a
//! certificate of another root, not a number of another kind, not at a
//! password login.
//!
//! These run at the real clock, as a browser would: the 2026 keys are
//! valid to 2027-05-08 and their CRL to 2027-02-07; past that the
//! fixtures need the national center's newer files.

use axum::http::StatusCode;
use backend::clock::now_secs;
use backend::demo::center::{Center, KeyKind};
use backend::demo::pki::KEYSTORE_PASSWORD;
use backend::pki::ca::Holder;
use backend::pki::cert::{HolderRole, KeyPurpose};
use base64::Engine as _;
use serde_json::json;
use shared::account::SessionDto;
use shared::eds::{Challenge, SignOrder};
use shared::request::{Application, RequestDto};

use crate::accounts::steps::{challenge, eds_login, reason};
use crate::helpers::app::TestApp;
use crate::helpers::call::TestResponse;
use crate::requests::steps::{complete_med_license, pay_directly, start_payment};

const INDIVIDUAL: &str = "p12/2026_gost2015_individual_valid.p12";
const HEAD: &str = "p12/2026_gost2015_legal_head_valid.p12";
const ON_HOLD: &str = "p12/2026_gost2015_individual_revoked.p12";

fn fixture(rel: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/nca-test-pki")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The browser's signature (base64) over `content` by `keystore`.
fn sign(
    keystore: &[u8],
    password: &str,
    purpose: shared::eds::KeyPurpose,
    content: &[u8],
) -> String {
    let order = SignOrder {
        password: password.into(),
        purpose,
        expect_iin: None,
        expect_bin: None,
        now_ms: ((now_secs() - 2) * 1000) as f64,
    };
    let signed = signer::sign(&order, keystore, content).expect("the browser's signer signs");
    base64::engine::general_purpose::STANDARD.encode(signed.cms)
}

fn sign_challenge(keystore: &[u8], password: &str, c: &Challenge) -> String {
    let auth = shared::eds::KeyPurpose::Authentication;
    sign(keystore, password, auth, &c.document.to_signed_bytes())
}

async fn register(app: &TestApp, keystore: &[u8], password: &str) -> TestResponse {
    let c = challenge(app, "register").await;
    let cms = sign_challenge(keystore, password, &c);
    app.post("/api/auth/eds/register")
        .json(json!({
            "challenge_id": c.id,
            "cms": cms,
            "phone": "+7 701 555 12 34",
            "email": "testov@example.kz",
            "password": "steppe-wind-2026",
        }))
        .send()
        .await
}

async fn login(app: &TestApp, keystore: &[u8]) -> TestResponse {
    let c = challenge(app, "login").await;
    eds_login(app, &c, &sign_challenge(keystore, "Qwerty12", &c)).await
}

/// Pays a complete medical license request and submits it signed with `keystore`.
async fn submit(app: &TestApp, token: &str, keystore: &[u8]) -> TestResponse {
    let d = complete_med_license(app, token).await;
    let (_, order) = start_payment(app, token, d.id).await;
    pay_directly(app, &order).await;
    let res = app
        .get(&format!("/api/requests/{}/application", d.id))
        .token(token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let application: Application = res.json();
    let signing = shared::eds::KeyPurpose::Signing;
    let cms = sign(
        keystore,
        "Qwerty12",
        signing,
        &application.to_signed_bytes(),
    );
    app.post(&format!("/api/requests/{}/submit", d.id))
        .token(token)
        .json(json!({ "cms": cms }))
        .send()
        .await
}

#[tokio::test]
async fn the_national_test_individual_registers_logs_in_and_signs_a_request() {
    let app = TestApp::builder().national_test().build().await;
    let key = fixture(INDIVIDUAL);
    // Not registered yet.
    let res = login(&app, &key).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{:?}", res.value());
    assert_eq!(res.code(), "not_registered");

    let res = register(&app, &key, "Qwerty12").await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let session: SessionDto = res.json();
    assert_eq!(session.user.id_number, "123456789011");
    assert_eq!(session.user.name, "ТЕСТОВ ТЕСТ");

    let res = login(&app, &key).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let session: SessionDto = res.json();
    let res = submit(&app, &session.access_token, &key).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let request: RequestDto = res.json();
    assert_eq!(request.status.code(), "submitted");
    assert!(request.number.is_some());
}

#[tokio::test]
async fn the_companys_head_registers_it_by_its_placeholder_bin() {
    let app = TestApp::builder().national_test().build().await;
    let res = register(&app, &fixture(HEAD), "Qwerty12").await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let session: SessionDto = res.json();
    assert_eq!(session.user.id_number, "123456789021");
    // The head's own ИИН placeholder is not the account.
    let res = login(&app, &fixture(HEAD)).await;
    assert_eq!(res.json::<SessionDto>().user.id_number, "123456789021");
}

#[tokio::test]
async fn without_the_flag_the_national_test_keys_are_of_an_unknown_issuer() {
    let app = TestApp::new().await;
    let res = register(&app, &fixture(INDIVIDUAL), "Qwerty12").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reason(&res), "unknown_issuer");
}

#[tokio::test]
async fn a_key_on_hold_is_refused_at_registration() {
    let app = TestApp::builder().national_test().build().await;
    let res = register(&app, &fixture(ON_HOLD), "Qwerty12").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reason(&res), "on_hold");
}

#[tokio::test]
async fn the_placeholders_pass_only_on_a_national_test_certificate() {
    // The demo center's certificate bearing the national placeholder, or
    // any other number failing the check, on a portal with the flag.
    let app = TestApp::builder().national_test().build().await;
    let config = &app.state.config;
    let center = Center::open(&config.data_dir, &config.public_url, now_secs()).expect("center");
    for number in ["123456789011", "123456789013"] {
        let holder = Holder {
            iin: number.into(),
            surname: "Тестов".into(),
            given_name: "Тест".into(),
            roles: vec![HolderRole::Individual],
            ..Holder::default()
        };
        let out = config.data_dir.join(format!("{number}.p12"));
        center
            .issue(
                &holder,
                KeyPurpose::Authentication,
                KeyKind::P256,
                KEYSTORE_PASSWORD,
                &out,
                now_secs(),
            )
            .expect("issue");
        let key = std::fs::read(&out).expect("keystore");
        let res = register(&app, &key, KEYSTORE_PASSWORD).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{number}");
        assert_eq!(reason(&res), "iin_mismatch", "{number}");
    }
    // A password login with the placeholder is refused by the ИИН/БИН rule.
    let res = app.login("123456789011", "steppe-wind-2026").await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        res.value()
    );
    assert_eq!(res.value()["fields"]["id_number"][0]["code"], "checksum");
}
