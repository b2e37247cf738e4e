use axum::Json;
use shared::account::UserDto;

use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::openapi::Problems;

/// `GET /api/me`.
#[utoipa::path(
    get,
    path = "/me",
    operation_id = "me_show",
    tag = "me",
    responses((status = 200, description = "Done", body = UserDto), Problems),
    security(("bearer" = [])),
)]
pub async fn show(user: CurrentUser) -> AppResult<Json<UserDto>> {
    Ok(Json(user.0.to_dto()?))
}
