use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::openapi::Problems;
use crate::services::accounts::signin;

/// `POST /api/auth/refresh`: a new access token for the refresh cookie,
/// which rotates. A failed refresh also clears the cookie.
#[utoipa::path(
    post,
    path = "/auth/refresh",
    operation_id = "auth_refresh",
    tag = "auth",
    params(("x-requested-with" = String, Header, description = "Sent by the app; a cross-site form cannot")),
    responses((status = 200, description = "Done", body = shared::account::SessionDto), Problems),
)]
pub async fn refresh(State(app): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    super::require_app_header(&headers)?;
    let Some(raw) = super::refresh_cookie(&headers) else {
        // A stale session hint goes too, so the app stops asking.
        return super::clear_cookie(&app, AppError::session_ended().into_response());
    };
    match signin::refresh(&app, &raw).await {
        Ok(issued) => super::session_response(&app, StatusCode::OK, issued),
        Err(e) => super::clear_cookie(&app, e.into_response()),
    }
}
