use axum::Json;
use axum::extract::State;
use shared::account::{Role, UserDto};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::accounts::account as accounts;

/// `GET /api/admin/users`.
#[utoipa::path(
    get,
    path = "/admin/users",
    operation_id = "admin_list",
    tag = "admin",
    responses((status = 200, description = "Done", body = Vec<UserDto>), Problems),
    security(("bearer" = [])),
)]
pub async fn list(State(app): State<AppState>, user: CurrentUser) -> AppResult<Json<Vec<UserDto>>> {
    user.require(&[Role::Admin])?;
    let users = accounts::list(&app).await?;
    Ok(Json(
        users.iter().map(|u| u.to_dto()).collect::<AppResult<_>>()?,
    ))
}

/// `POST /api/admin/users/{id}/disable`: also ends the account's sessions.
#[utoipa::path(
    post,
    path = "/admin/users/{id}/disable",
    operation_id = "admin_disable",
    tag = "admin",
    params(("id" = i32, Path, description = "The account")),
    responses((status = 200, description = "Done", body = UserDto), Problems),
    security(("bearer" = [])),
)]
pub async fn disable(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Json<UserDto>> {
    user.require(&[Role::Admin])?;
    Ok(Json(
        accounts::set_disabled(&app, id, true).await?.to_dto()?,
    ))
}

/// `POST /api/admin/users/{id}/enable`.
#[utoipa::path(
    post,
    path = "/admin/users/{id}/enable",
    operation_id = "admin_enable",
    tag = "admin",
    params(("id" = i32, Path, description = "The account")),
    responses((status = 200, description = "Done", body = UserDto), Problems),
    security(("bearer" = [])),
)]
pub async fn enable(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Json<UserDto>> {
    user.require(&[Role::Admin])?;
    Ok(Json(
        accounts::set_disabled(&app, id, false).await?.to_dto()?,
    ))
}
