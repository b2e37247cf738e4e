use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use shared::account::RegisterRequest;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::ApiJson;
use crate::openapi::Problems;
use crate::services::accounts::signin;

/// `POST /api/auth/register`: creates an applicant account and signs it in.
#[utoipa::path(
    post,
    path = "/auth/register",
    operation_id = "auth_register_register",
    tag = "auth",
    request_body = RegisterRequest,
    responses((status = 201, description = "Created", body = shared::account::SessionDto), Problems),
)]
pub async fn register(
    State(app): State<AppState>,
    ApiJson(req): ApiJson<RegisterRequest>,
) -> AppResult<Response> {
    let issued = signin::register(&app, &req).await?;
    super::session_response(&app, StatusCode::CREATED, issued)
}
