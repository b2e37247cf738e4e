use axum::Json;
use axum::extract::State;
use shared::request::UnreadDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::openapi::Problems;
use crate::services::core::notifications;

/// `GET /api/notifications/unread`: how many are unread (the header's badge).
#[utoipa::path(
    get,
    path = "/notifications/unread",
    operation_id = "notifications_unread",
    tag = "me",
    responses((status = 200, description = "Done", body = UnreadDto), Problems),
    security(("bearer" = [])),
)]
pub async fn unread(State(app): State<AppState>, user: CurrentUser) -> AppResult<Json<UnreadDto>> {
    let unread = notifications::unread(&app, &user.0).await?;
    Ok(Json(UnreadDto { unread }))
}
