use axum::Json;
use axum::extract::State;
use shared::request::RequestDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::desk::uncollected;

/// `POST /api/desk/requests/{id}/remind`: remind the applicant that the
/// result waits at the desk (in the app and by letter).
#[utoipa::path(
    post,
    path = "/desk/requests/{id}/remind",
    operation_id = "desk_remind",
    tag = "desk",
    params(("id" = i32, Path, description = "The request")),
    responses((status = 200, description = "Done", body = RequestDto), Problems),
    security(("bearer" = [])),
)]
pub async fn remind(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::DESK)?;
    Ok(Json(uncollected::remind(&app, &user.0, id).await?))
}
