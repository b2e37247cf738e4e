use axum::Json;
use axum::extract::State;
use shared::account::Role;
use shared::review::{QueueQuery, QueueRow};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiQuery, CurrentUser};
use crate::services::{requests, review};

/// `GET /api/review/requests`: the provider's queue, due first.
pub async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> AppResult<Json<Vec<QueueRow>>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(
        review::queue(&app, &user.0, &q, requests::today()).await?,
    ))
}
