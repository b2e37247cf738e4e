use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::error::AppResult;
use crate::services::accounts;

/// `POST /api/auth/logout`: ends the session of the refresh cookie.
pub async fn logout(State(app): State<AppState>, headers: HeaderMap) -> AppResult<Response> {
    super::require_app_header(&headers)?;
    if let Some(raw) = super::refresh_cookie(&headers) {
        accounts::logout(&app, &raw).await?;
    }
    super::clear_cookie(&app, StatusCode::NO_CONTENT.into_response())
}
