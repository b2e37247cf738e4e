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

/// The validation form: the signature (and its document, for a detached
/// one) and `at` (RFC 3339; None: now), as multipart parts, whose
/// boundary the browser sets.
fn validation_form(
    signature: &[u8],
    document: Option<&[u8]>,
    at: Option<String>,
) -> Result<web_sys::FormData, ApiFailure> {
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
    Ok(form)
}

/// The form posted to `url`; the answer when it is a success.
async fn post_form(
    url: &str,
    form: web_sys::FormData,
) -> Result<gloo_net::http::Response, ApiFailure> {
    let request = super::http::with_headers(Request::post(url), None)
        .body(form)
        .map_err(|_| ApiFailure::Network)?;
    let response = request.send().await.map_err(|_| ApiFailure::Network)?;
    if !response.ok() {
        return Err(super::http::failure(response).await);
    }
    Ok(response)
}

/// The public validation service's report on a signature.
pub async fn validate_signature(
    signature: &[u8],
    document: Option<&[u8]>,
    at: Option<String>,
) -> Result<shared::eds::validation::ValidationReport, ApiFailure> {
    let form = validation_form(signature, document, at)?;
    let response = post_form("/api/validation", form).await?;
    response.json().await.map_err(|_| ApiFailure::Network)
}

/// The same report as a PDF signed by the portal.
pub async fn validation_pdf(
    signature: &[u8],
    document: Option<&[u8]>,
    at: Option<String>,
) -> Result<Vec<u8>, ApiFailure> {
    let form = validation_form(signature, document, at)?;
    let response = post_form("/api/validation/pdf", form).await?;
    response.binary().await.map_err(|_| ApiFailure::Network)
}

/// The quality and timeliness indicators (public).
pub async fn stats() -> Result<shared::review::StatsDto, ApiFailure> {
    send(Request::get("/api/stats"), None).await
}

/// A branch, representative office or site added to a license.
pub async fn add_object(
    session: Session,
    number: &str,
    change: &shared::review::objects::ObjectChange,
) -> Result<RegistryEntry, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/registry/{}/objects", encode(number)),
        Some(json(change)?),
    )
    .await
}

/// An open unit of a license closed, with the reason.
pub async fn close_object(
    session: Session,
    number: &str,
    id: i64,
    reason: String,
) -> Result<RegistryEntry, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/registry/{}/objects/{id}/close", encode(number)),
        Some(json(&shared::review::objects::ObjectClose { reason })?),
    )
    .await
}

/// An open unit of a license changed, with the reason.
pub async fn change_object(
    session: Session,
    number: &str,
    id: i64,
    change: &shared::review::objects::ObjectChange,
) -> Result<RegistryEntry, ApiFailure> {
    authed(
        session,
        Method::Put,
        &format!("/api/registry/{}/objects/{id}", encode(number)),
        Some(json(change)?),
    )
    .await
}
