use axum::Json;
use axum::extract::State;
use shared::request::NotificationsDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::openapi::Problems;
use crate::services::core::notifications;

/// `GET /api/notifications`: the latest ones and the unread count.
#[utoipa::path(
    get,
    path = "/notifications",
    operation_id = "notifications_list",
    tag = "me",
    responses((status = 200, description = "Done", body = NotificationsDto), Problems),
    security(("bearer" = [])),
)]
pub async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<NotificationsDto>> {
    Ok(Json(notifications::list(&app, &user.0).await?))
}
