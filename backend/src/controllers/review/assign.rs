use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Serialize;
use shared::account::Role;
use shared::review::AssignTo;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, CurrentUser};
use crate::services::review;

/// `POST /api/review/requests/{id}/take`.
pub async fn take(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    user.require(&[Role::Reviewer])?;
    review::take(&app, &user.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/review/requests/{id}/assign`: to a colleague.
pub async fn assign(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
    ApiJson(req): ApiJson<AssignTo>,
) -> AppResult<StatusCode> {
    user.require(&[Role::Reviewer])?;
    review::assign(&app, &user.0, id, req.user).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/review/requests/{id}/release`.
pub async fn release(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    user.require(&[Role::Reviewer])?;
    review::release(&app, &user.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Serialize)]
pub struct Taken {
    pub id: i64,
}

/// `POST /api/review/next`: «Следующий запрос».
pub async fn next(State(app): State<AppState>, user: CurrentUser) -> AppResult<Json<Taken>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(Taken {
        id: review::next(&app, &user.0).await?,
    }))
}
