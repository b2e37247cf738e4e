use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};

use crate::app::AppState;
use crate::error::AppResult;
use crate::gateway::protocol::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::services::payments;

/// `POST /api/payments/notice`: the payment gateway's signed notice.
pub async fn notice(
    State(app): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<StatusCode> {
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    payments::accept_notice(
        &app,
        &header(TIMESTAMP_HEADER),
        &header(SIGNATURE_HEADER),
        &body,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
