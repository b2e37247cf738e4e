use axum::body::Bytes;
use axum::extract::State;
use axum::response::IntoResponse;

use crate::app::AppState;
use crate::demo::center::Center;
use crate::error::AppResult;

/// `POST /pki/ocsp`: the demo center's OCSP responder (RFC 6960).
pub async fn answer(State(app): State<AppState>, body: Bytes) -> AppResult<impl IntoResponse> {
    super::answer_with(app, body, Center::ocsp, "application/ocsp-response").await
}
