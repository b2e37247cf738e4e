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

/// The report on a signature (and its document, for a detached one) at
/// `at` (RFC 3339; None: now), from the public validation service. The
/// files go as a multipart form, whose boundary the browser sets.
pub async fn validate_signature(
    signature: &[u8],
    document: Option<&[u8]>,
    at: Option<String>,
) -> Result<shared::eds::validation::ValidationReport, ApiFailure> {
    let form = web_sys::FormData::new().map_err(|_| ApiFailure::Network)?;
    let blob = |bytes: &[u8]| {
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| ApiFailure::Network)
    };
    form.append_with_blob("signature", &blob(signature)?)
        .map_err(|_| ApiFailure::Network)?;
    if let Some(document) = document {
        form.append_with_blob("document", &blob(document)?)
            .map_err(|_| ApiFailure::Network)?;
    }
    if let Some(at) = at {
        form.append_with_str("at", &at)
            .map_err(|_| ApiFailure::Network)?;
    }
    let request = super::http::with_headers(Request::post("/api/validation"), None)
        .body(form)
        .map_err(|_| ApiFailure::Network)?;
    let response = request.send().await.map_err(|_| ApiFailure::Network)?;
    if !response.ok() {
        return Err(super::http::failure(response).await);
    }
    response.json().await.map_err(|_| ApiFailure::Network)
}

/// The quality and timeliness indicators (public).
pub async fn stats() -> Result<shared::review::StatsDto, ApiFailure> {
    send(Request::get("/api/stats"), None).await
}
