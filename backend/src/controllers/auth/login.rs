use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use shared::account::LoginRequest;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ClientAddr};
use crate::openapi::Problems;
use crate::services::accounts::signin;

/// `POST /api/auth/login` with ИИН/БИН and password.
#[utoipa::path(
    post,
    path = "/auth/login",
    operation_id = "auth_login_login",
    tag = "auth",
    request_body = LoginRequest,
    responses((status = 200, description = "Done", body = shared::account::SessionDto), Problems),
)]
pub async fn login(
    State(app): State<AppState>,
    ClientAddr(client): ClientAddr,
    ApiJson(req): ApiJson<LoginRequest>,
) -> AppResult<Response> {
    let issued = signin::login(&app, &client, &req).await?;
    super::session_response(&app, StatusCode::OK, issued)
}
