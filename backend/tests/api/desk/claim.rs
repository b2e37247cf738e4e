//! The visitor claims the account made at the desk by registering with the
//! ЭЦП, and finds the request entered there.

use axum::http::StatusCode;
use backend::clock::now_secs;
use backend::demo::center::{Center, KeyKind};
use backend::demo::pki::KEYSTORE_PASSWORD;
use backend::pki::ca::Holder;
use backend::pki::cert::{HolderRole, KeyPurpose};
use serde_json::json;
use shared::account::SessionDto;
use shared::catalog::Channel;
use shared::request::{RequestDto, RequestSummary};

use crate::desk::steps::{issuance, registry_person, show, started};
use crate::helpers::accounts::DEMO_OPERATOR;
use crate::helpers::app::TestApp;
use crate::helpers::keys::sign_bytes;

#[tokio::test]
async fn the_visitor_claims_the_desk_account_by_registering_with_the_eds() {
    let app = TestApp::new().await;
    let person = registry_person(3);
    let operator = app.login_token(DEMO_OPERATOR.0, DEMO_OPERATOR.1).await;
    let d = started(
        &app,
        &operator,
        issuance("med-license", "individual", &person.iin),
    )
    .await;

    let config = &app.state.config;
    let center = Center::open(&config.data_dir, &config.public_url, now_secs()).expect("center");
    let auth = config.data_dir.join("visitor-auth.p12");
    center
        .issue(
            &Holder {
                iin: person.iin.clone(),
                surname: person.surname.clone(),
                given_name: person.given_name.clone(),
                roles: vec![HolderRole::Individual],
                ..Holder::default()
            },
            KeyPurpose::Authentication,
            KeyKind::P256,
            KEYSTORE_PASSWORD,
            &auth,
            now_secs(),
        )
        .expect("issue");
    let challenge = |purpose: &'static str| {
        let app = &app;
        async move {
            let res = app
                .post("/api/auth/eds/challenge")
                .json(json!({ "purpose": purpose }))
                .send()
                .await;
            res.json::<shared::eds::Challenge>()
        }
    };
    // Not theirs until they register: the ЭЦП login says so.
    let c = challenge("login").await;
    let res = app
        .post("/api/auth/eds/login")
        .json(json!({ "challenge_id": c.id, "cms": sign_bytes(&auth, &c.document.to_signed_bytes()) }))
        .send()
        .await;
    assert_eq!(res.code(), "not_registered");

    let c = challenge("register").await;
    let res = app
        .post("/api/auth/eds/register")
        .json(json!({
            "challenge_id": c.id,
            "cms": sign_bytes(&auth, &c.document.to_signed_bytes()),
            "phone": "+7 701 555 12 34",
            "email": "visitor@example.kz",
            "password": "steppe-wind-2026",
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let session: SessionDto = res.json();
    assert_eq!(session.user.id_number, person.iin);
    // The request entered at the ЦОН is in their «История получения услуг».
    let history: Vec<RequestSummary> = app
        .get("/api/requests")
        .token(&session.access_token)
        .send()
        .await
        .json();
    assert!(history.iter().any(|r| r.id == d.id), "{history:?}");
    let mine: RequestDto = show(&app, &session.access_token, d.id).await.json();
    assert_eq!(mine.desk.map(|x| x.channel), Some(Channel::Con));
    // And the password they chose opens it too.
    assert_eq!(
        app.login(&person.iin, "steppe-wind-2026").await.status,
        StatusCode::OK
    );
}
