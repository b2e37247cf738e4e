use axum::body::Bytes;
use axum::extract::State;
use axum::response::IntoResponse;

use crate::app::AppState;
use crate::demo::center::Center;
use crate::error::AppResult;

/// `POST /pki/tsp`: the demo center's timestamping authority (RFC 3161).
pub async fn answer(State(app): State<AppState>, body: Bytes) -> AppResult<impl IntoResponse> {
    super::answer_with(app, body, Center::tsp, "application/timestamp-reply").await
}
