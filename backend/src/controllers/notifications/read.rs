use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::openapi::Problems;
use crate::services::core::notifications;

/// `POST /api/notifications/read`: marks them all read.
#[utoipa::path(
    post,
    path = "/notifications/read",
    operation_id = "notifications_read_all",
    tag = "me",
    responses((status = 204, description = "All read"), Problems),
    security(("bearer" = [])),
)]
pub async fn read_all(State(app): State<AppState>, user: CurrentUser) -> AppResult<StatusCode> {
    notifications::mark_all_read(&app, &user.0).await?;
    Ok(StatusCode::NO_CONTENT)
}
