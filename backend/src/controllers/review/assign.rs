use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use shared::account::Role;
use shared::review::AssignTo;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::review::assign;

/// `POST /api/review/requests/{id}/take`.
#[utoipa::path(
    post,
    path = "/review/requests/{id}/take",
    operation_id = "review_take",
    tag = "review",
    params(("id" = i32, Path, description = "The request")),
    responses((status = 204, description = "Taken"), Problems),
    security(("bearer" = [])),
)]
pub async fn take(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<StatusCode> {
    user.require(&[Role::Reviewer])?;
    assign::take(&app, &user.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/review/requests/{id}/assign`: to a colleague.
#[utoipa::path(
    post,
    path = "/review/requests/{id}/assign",
    operation_id = "review_assign",
    tag = "review",
    params(("id" = i32, Path, description = "The request")),
    request_body = AssignTo,
    responses((status = 204, description = "Assigned"), Problems),
    security(("bearer" = [])),
)]
pub async fn assign(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
    ApiJson(req): ApiJson<AssignTo>,
) -> AppResult<StatusCode> {
    user.require(&[Role::Reviewer])?;
    assign::assign(&app, &user.0, id, req.user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/review/requests/{id}/release`.
#[utoipa::path(
    post,
    path = "/review/requests/{id}/release",
    operation_id = "review_release",
    tag = "review",
    params(("id" = i32, Path, description = "The request")),
    responses((status = 204, description = "Back in the queue"), Problems),
    security(("bearer" = [])),
)]
pub async fn release(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<StatusCode> {
    user.require(&[Role::Reviewer])?;
    assign::release(&app, &user.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The request «Следующий запрос» took.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Taken {
    pub id: i64,
}

/// `POST /api/review/next`: «Следующий запрос».
#[utoipa::path(
    post,
    path = "/review/next",
    operation_id = "review_next",
    tag = "review",
    responses((status = 200, description = "Done", body = Taken), Problems),
    security(("bearer" = [])),
)]
pub async fn next(State(app): State<AppState>, user: CurrentUser) -> AppResult<Json<Taken>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(Taken {
        id: assign::next(&app, &user.0).await?,
    }))
}
