use axum::Json;
use axum::extract::State;
use shared::account::Role;
use shared::review::ReviewDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::review::show as review_show;

/// `GET /api/review/requests/{id}`: everything the reviewer needs.
#[utoipa::path(
    get,
    path = "/review/requests/{id}",
    operation_id = "review_show",
    tag = "review",
    params(("id" = i32, Path, description = "The request")),
    responses((status = 200, description = "Done", body = ReviewDto), Problems),
    security(("bearer" = [])),
)]
pub async fn show(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Json<ReviewDto>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(review_show::show(&app, &user.0, id).await?))
}
