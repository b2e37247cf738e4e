use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::error::AppResult;
use crate::openapi::Problems;
use crate::services::accounts::signin;

/// `POST /api/auth/logout`: ends the session of the refresh cookie.
#[utoipa::path(
    post,
    path = "/auth/logout",
    operation_id = "auth_logout",
    tag = "auth",
    params(("x-requested-with" = String, Header, description = "Sent by the app; a cross-site form cannot")),
    responses((status = 204, description = "Logged out; the refresh cookie is deleted"), Problems),
)]
pub async fn logout(State(app): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    super::require_app_header(&headers)?;
    if let Some(raw) = super::refresh_cookie(&headers) {
        signin::logout(&app, &raw).await?;
    }
    super::clear_cookie(&app, StatusCode::NO_CONTENT.into_response())
}
