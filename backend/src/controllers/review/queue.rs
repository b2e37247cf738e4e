use axum::Json;
use axum::extract::State;
use shared::account::Role;
use shared::review::{QueueQuery, QueueRow};

use crate::app::AppState;
use crate::clock;
use crate::error::AppResult;
use crate::extract::{ApiQuery, CurrentUser};
use crate::openapi::Problems;
use crate::services::review::queue;

/// `GET /api/review/requests`: the provider's queue, due first.
#[utoipa::path(
    get,
    path = "/review/requests",
    operation_id = "review_list",
    tag = "review",
    params(QueueQuery),
    responses((status = 200, description = "Done", body = Vec<QueueRow>), Problems),
    security(("bearer" = [])),
)]
pub async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> AppResult<Json<Vec<QueueRow>>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(queue::queue(&app, &user.0, &q, clock::today()).await?))
}
