use axum::Json;
use axum::extract::State;
use shared::account::UserDto;

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::accounts::account as accounts;

/// `GET /api/users/{id}`: the owner or an administrator.
#[utoipa::path(
    get,
    path = "/users/{id}",
    operation_id = "users_show",
    tag = "admin",
    params(("id" = i32, Path, description = "The account")),
    responses((status = 200, description = "Done", body = UserDto), Problems),
    security(("bearer" = [])),
)]
pub async fn show(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Json<UserDto>> {
    user.require_self_or_admin(id)?;
    let found = accounts::find(&app, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(found.to_dto()?))
}
