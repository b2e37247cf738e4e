use axum::Json;
use axum::extract::{Path, State};
use shared::account::{Role, UserDto};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::services::accounts;

/// `GET /api/admin/users`.
pub async fn list(State(app): State<AppState>, user: CurrentUser) -> AppResult<Json<Vec<UserDto>>> {
    user.require(&[Role::Admin])?;
    Ok(Json(
        accounts::list(&app)
            .await?
            .iter()
            .map(|u| u.to_dto())
            .collect(),
    ))
}

/// `POST /api/admin/users/{id}/disable`: also ends the account's sessions.
pub async fn disable(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<Json<UserDto>> {
    user.require(&[Role::Admin])?;
    Ok(Json(accounts::set_disabled(&app, id, true).await?.to_dto()))
}

/// `POST /api/admin/users/{id}/enable`.
pub async fn enable(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<Json<UserDto>> {
    user.require(&[Role::Admin])?;
    Ok(Json(
        accounts::set_disabled(&app, id, false).await?.to_dto(),
    ))
}
