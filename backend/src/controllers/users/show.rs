use axum::Json;
use axum::extract::{Path, State};
use shared::account::UserDto;

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::extract::CurrentUser;
use crate::services::accounts;

/// `GET /api/users/{id}`: the owner or an administrator.
pub async fn show(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<Json<UserDto>> {
    user.require_self_or_admin(id)?;
    let found = accounts::find(&app, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(found.to_dto()))
}
