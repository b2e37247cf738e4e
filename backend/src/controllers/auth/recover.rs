//! A way back in after a forgotten password: a one-time link to the
//! account's e-mail, the new password through it, or the new password with
//! an ЭЦП-signed challenge (`services::accounts::recovery`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use shared::account::{EdsRecoverRequest, RecoverRequest, ResetPasswordRequest};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ClientAddr};
use crate::openapi::Problems;
use crate::services::accounts::recovery;

/// `POST /api/auth/recover`: sends a reset link if the account can be
/// reached; the same answer whether or not it exists.
#[utoipa::path(
    post,
    path = "/auth/recover",
    operation_id = "auth_recover",
    tag = "auth",
    request_body = RecoverRequest,
    responses((status = 202, description = "Sent if the account exists"), Problems),
)]
pub async fn recover(
    State(app): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(req): ApiJson<RecoverRequest>,
) -> AppResult<StatusCode> {
    recovery::send_link(&app, &client, &req).await?;
    Ok(StatusCode::ACCEPTED)
}

/// `POST /api/auth/recover/reset`: the new password through the link; every
/// other session ends.
#[utoipa::path(
    post,
    path = "/auth/recover/reset",
    operation_id = "auth_recover_reset",
    tag = "auth",
    request_body = ResetPasswordRequest,
    responses((status = 200, description = "Done", body = shared::account::SessionDto), Problems),
)]
pub async fn reset(
    State(app): State<AppState>,
    ApiJson(req): ApiJson<ResetPasswordRequest>,
) -> AppResult<Response> {
    let issued = recovery::reset(&app, &req).await?;
    super::session_response(&app, StatusCode::OK, issued)
}

/// `POST /api/auth/recover/eds`: the new password with a signed challenge;
/// every other session ends.
#[utoipa::path(
    post,
    path = "/auth/recover/eds",
    operation_id = "auth_recover_eds",
    tag = "auth",
    request_body = EdsRecoverRequest,
    responses((status = 200, description = "Done", body = shared::account::SessionDto), Problems),
)]
pub async fn eds(
    State(app): State<AppState>,
    ApiJson(req): ApiJson<EdsRecoverRequest>,
) -> AppResult<Response> {
    let issued = recovery::with_eds(&app, &req).await?;
    super::session_response(&app, StatusCode::OK, issued)
}
