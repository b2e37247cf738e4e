use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};

use crate::app::AppState;
use crate::error::AppResult;
use crate::gateway::protocol::{SIGNATURE_HEADER, TIMESTAMP_HEADER};
use crate::openapi::Problems;
use crate::services::payments::notice;

/// `POST /api/payments/notice`: the payment gateway's signed notice.
#[utoipa::path(
    post,
    path = "/payments/notice",
    operation_id = "payments_notice",
    tag = "payments",
    params(("x-gateway-timestamp" = String, Header, description = "When the gateway signed the notice"), ("x-gateway-signature" = String, Header, description = "The gateway's HMAC over the timestamp and the body")),
    request_body(content = serde_json::Value, content_type = "application/json", description = "The notice, exactly as signed"),
    responses((status = 204, description = "Accepted"), Problems),
)]
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
    notice::accept_notice(
        &app,
        &header(TIMESTAMP_HEADER),
        &header(SIGNATURE_HEADER),
        &body,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
