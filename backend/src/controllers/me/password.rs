use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use shared::account::ChangePasswordRequest;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, CurrentUser};
use crate::openapi::Problems;
use crate::services::accounts::signin;

/// `POST /api/me/password`: ends every other session; this device gets a new one.
#[utoipa::path(
    post,
    path = "/me/password",
    operation_id = "me_change",
    tag = "me",
    request_body = ChangePasswordRequest,
    responses((status = 200, description = "Done", body = shared::account::SessionDto), Problems),
    security(("bearer" = [])),
)]
pub async fn change(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<ChangePasswordRequest>,
) -> AppResult<Response> {
    let issued = signin::change_password(&app, user.0, &req).await?;
    crate::controllers::auth::session_response(&app, StatusCode::OK, issued)
}
