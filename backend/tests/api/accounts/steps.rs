//! Steps of the ЭЦП tests: a challenge asked for and signed, a login
//! with it, the reason of a refused signature.

use std::path::Path;

use axum::http::StatusCode;
use serde_json::json;
use shared::eds::Challenge;

use crate::helpers::app::TestApp;
use crate::helpers::keys::sign_bytes;

pub async fn challenge(app: &TestApp, purpose: &str) -> Challenge {
    let res = app
        .post("/api/auth/eds/challenge")
        .json(json!({ "purpose": purpose }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    res.json()
}

pub fn sign_challenge(path: &Path, c: &Challenge) -> String {
    sign_bytes(path, &c.document.to_signed_bytes())
}

pub async fn eds_login(
    app: &TestApp,
    c: &Challenge,
    cms: &str,
) -> crate::helpers::call::TestResponse {
    app.post("/api/auth/eds/login")
        .json(json!({ "challenge_id": c.id, "cms": cms }))
        .send()
        .await
}

pub fn reason(res: &crate::helpers::call::TestResponse) -> String {
    assert_eq!(res.code(), "signature_rejected", "{:?}", res.value());
    res.value()["error"]["reason"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}
