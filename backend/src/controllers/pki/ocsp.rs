use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use base64::Engine;

use crate::app::AppState;
use crate::demo::center::Center;
use crate::error::AppResult;

/// `POST /pki/ocsp`: the demo center's OCSP responder (RFC 6960).
pub async fn answer(State(app): State<AppState>, body: Bytes) -> AppResult<impl IntoResponse> {
    super::answer_with(app, body, Center::ocsp, "application/ocsp-response").await
}

/// `GET /pki/ocsp/{request}`: the same responder asked by GET (RFC 6960
/// appendix A.1: the request's DER in base64, URL-encoded, as the path;
/// what a cache in front may keep). A path that is no base64 is answered
/// `malformedRequest`, as bytes that are no request are.
pub async fn answer_get(
    State(app): State<AppState>,
    Path(request): Path<String>,
) -> AppResult<impl IntoResponse> {
    let der = base64::engine::general_purpose::STANDARD
        .decode(request.trim_start_matches('/'))
        .unwrap_or_default();
    super::answer_with(app, der.into(), Center::ocsp, "application/ocsp-response").await
}
