//! Every forged or stale access token is refused.

use axum::http::StatusCode;
use backend::clock::now_secs;
use backend::services::accounts::tokens::ACCESS_TYP;
use backend::services::accounts::tokens::TokenKeys;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

use crate::helpers::accounts::DEMO_APPLICANT;
use crate::helpers::app::TestApp;

/// A logged-in session's real claims, to forge variants of.
async fn valid_claims(app: &TestApp) -> (String, Value) {
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let claims = app.state.keys.verify(&token).expect("valid");
    (token, serde_json::to_value(claims).expect("json"))
}

async fn status_of(app: &TestApp, token: &str) -> (StatusCode, String) {
    let res = app.get("/api/me").token(token).send().await;
    (res.status, res.code())
}

#[tokio::test]
async fn the_real_token_works_and_a_resigned_copy_works() {
    let app = TestApp::new().await;
    let (token, claims) = valid_claims(&app).await;
    assert_eq!(status_of(&app, &token).await.0, StatusCode::OK);
    let copy = app.state.keys.sign(ACCESS_TYP, &claims).expect("sign");
    assert_eq!(
        status_of(&app, &copy).await.0,
        StatusCode::OK,
        "the forging helper itself is sound"
    );
}

#[tokio::test]
async fn expired_and_not_yet_valid_tokens_are_refused() {
    let app = TestApp::new().await;
    let (_, claims) = valid_claims(&app).await;
    let now = now_secs();

    let mut expired = claims.clone();
    expired["exp"] = json!(now - 120);
    let t = app.state.keys.sign(ACCESS_TYP, &expired).expect("sign");
    assert_eq!(
        status_of(&app, &t).await,
        (StatusCode::UNAUTHORIZED, "token_expired".into())
    );

    let mut early = claims.clone();
    early["nbf"] = json!(now + 600);
    let t = app.state.keys.sign(ACCESS_TYP, &early).expect("sign");
    assert_eq!(
        status_of(&app, &t).await,
        (StatusCode::UNAUTHORIZED, "unauthenticated".into())
    );

    // exp sent as a string must not slip past the check.
    let mut stringly = claims.clone();
    stringly["exp"] = json!((now - 120).to_string());
    let t = app.state.keys.sign(ACCESS_TYP, &stringly).expect("sign");
    assert_eq!(status_of(&app, &t).await.0, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn every_required_claim_is_required() {
    let app = TestApp::new().await;
    let (_, claims) = valid_claims(&app).await;
    for claim in ["exp", "nbf", "iss", "aud", "sub", "sid"] {
        let mut c = claims.clone();
        c.as_object_mut().expect("object").remove(claim);
        let t = app.state.keys.sign(ACCESS_TYP, &c).expect("sign");
        assert_eq!(
            status_of(&app, &t).await.0,
            StatusCode::UNAUTHORIZED,
            "without {claim}"
        );
    }
}

#[tokio::test]
async fn wrong_audience_issuer_and_type_are_refused() {
    let app = TestApp::new().await;
    let (_, claims) = valid_claims(&app).await;
    let mut aud = claims.clone();
    aud["aud"] = json!("some-other-app");
    let mut iss = claims.clone();
    iss["iss"] = json!("https://evil.example");
    for c in [aud, iss] {
        let t = app.state.keys.sign(ACCESS_TYP, &c).expect("sign");
        assert_eq!(status_of(&app, &t).await.0, StatusCode::UNAUTHORIZED);
    }
    for typ in ["JWT", "refresh+jwt", ""] {
        let t = app.state.keys.sign(typ, &claims).expect("sign");
        assert_eq!(
            status_of(&app, &t).await.0,
            StatusCode::UNAUTHORIZED,
            "typ {typ}"
        );
    }
}

#[tokio::test]
async fn alg_none_and_foreign_keys_are_refused() {
    let app = TestApp::new().await;
    let (token, claims) = valid_claims(&app).await;

    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"at+jwt"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).expect("json"));
    for t in [
        format!("{header}.{payload}."),
        format!("{header}.{payload}"),
    ] {
        assert_eq!(status_of(&app, &t).await.0, StatusCode::UNAUTHORIZED);
    }

    let stranger = TokenKeys::ephemeral(&app.state.config.auth).expect("key");
    let t = stranger.sign(ACCESS_TYP, &claims).expect("sign");
    assert_eq!(status_of(&app, &t).await.0, StatusCode::UNAUTHORIZED);

    // HS256 "signed" with something public: algorithm confusion.
    let hs_header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"at+jwt"}"#);
    let t = format!(
        "{hs_header}.{payload}.{}",
        URL_SAFE_NO_PAD.encode([0u8; 32])
    );
    assert_eq!(status_of(&app, &t).await.0, StatusCode::UNAUTHORIZED);

    // A tampered payload under the real signature.
    let mut parts: Vec<&str> = token.split('.').collect();
    let mut admin = claims.clone();
    admin["role"] = json!("admin");
    let forged_payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&admin).expect("json"));
    parts[1] = &forged_payload;
    assert_eq!(
        status_of(&app, &parts.join(".")).await.0,
        StatusCode::UNAUTHORIZED
    );

    for junk in ["", "Bearer", "a.b.c", "not a token"] {
        assert_eq!(
            status_of(&app, junk).await.0,
            StatusCode::UNAUTHORIZED,
            "{junk:?}"
        );
    }
    assert_eq!(
        app.get("/api/me").send().await.status,
        StatusCode::UNAUTHORIZED
    );
}
