//! Steps of the desk tests: visitors of the demo registry, and a desk
//! request started, changed and read.

use std::path::PathBuf;

use axum::http::{Method, StatusCode};
use serde_json::json;
use shared::desk::{OrganizationRecord, PersonRecord};
use shared::request::RequestDto;

use crate::helpers::accounts::DEMO_COMPANY;
use crate::helpers::app::TestApp;
use crate::helpers::call::TestResponse;

pub fn registry_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/registry")
}

/// A person of the demo registry who has no account (the demo accounts
/// come first in the file).
pub fn registry_person(n: usize) -> PersonRecord {
    let bytes = std::fs::read(registry_dir().join("persons.json")).expect("persons");
    let all: Vec<PersonRecord> = serde_json::from_slice(&bytes).expect("json");
    all.into_iter()
        .filter(|p| p.birth_date.ymd().0 < 2000)
        .nth(10 + n)
        .expect("enough people")
}

/// An organization of the demo registry other than the demo company.
pub fn registry_organization(n: usize) -> OrganizationRecord {
    let bytes = std::fs::read(registry_dir().join("organizations.json")).expect("organizations");
    let all: Vec<OrganizationRecord> = serde_json::from_slice(&bytes).expect("json");
    all.into_iter()
        .filter(|o| o.bin != DEMO_COMPANY.0)
        .nth(n)
        .expect("enough organizations")
}

/// The body that starts an issuance of `service` for the visitor `number`.
pub fn issuance(service: &str, kind: &str, number: &str) -> serde_json::Value {
    json!({ "service": service, "request_type": "issuance", "kind": kind, "id_number": number })
}

pub async fn start(app: &TestApp, token: &str, body: serde_json::Value) -> TestResponse {
    app.post("/api/desk/requests")
        .token(token)
        .json(body)
        .send()
        .await
}

pub async fn started(app: &TestApp, token: &str, body: serde_json::Value) -> RequestDto {
    let res = start(app, token, body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    res.json()
}

pub async fn put(app: &TestApp, token: &str, path: &str, body: serde_json::Value) -> TestResponse {
    app.call(Method::PUT, path)
        .token(token)
        .json(body)
        .send()
        .await
}

pub async fn show(app: &TestApp, token: &str, id: i64) -> TestResponse {
    app.get(&format!("/api/requests/{id}"))
        .token(token)
        .send()
        .await
}
