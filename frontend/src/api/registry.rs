//! The public registry of licenses (and its staff's changes), the check of
//! a signed document, the public indicators.

use gloo_net::http::Request;
use shared::review::{RegistryChange, RegistryEntry, VerifyDocument, VerifyOutcome};

use super::failure::ApiFailure;
use super::http::{Method, encode, json, send};
use super::session::{Session, authed};

pub async fn registry_entry(number: String) -> Result<RegistryEntry, ApiFailure> {
    send(
        Request::get(&format!("/api/registry/{}", encode(&number))),
        None,
    )
    .await
}

pub async fn registry_search(q: String) -> Result<Vec<RegistryEntry>, ApiFailure> {
    send(
        Request::get(&format!("/api/registry?q={}", encode(&q))),
        None,
    )
    .await
}

pub async fn registry_change(
    session: Session,
    number: &str,
    change: &RegistryChange,
) -> Result<RegistryEntry, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/registry/{}/status", encode(number)),
        Some(json(change)?),
    )
    .await
}

pub async fn verify_document(req: &VerifyDocument) -> Result<VerifyOutcome, ApiFailure> {
    send(Request::post("/api/verify"), Some(&json(req)?)).await
}

/// The quality and timeliness indicators (public).
pub async fn stats() -> Result<shared::review::StatsDto, ApiFailure> {
    send(Request::get("/api/stats"), None).await
}
