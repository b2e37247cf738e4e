use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::requests::drafts;

/// `DELETE /api/requests/{id}`: discards a draft never sent.
#[utoipa::path(
    delete,
    path = "/requests/{id}",
    operation_id = "requests_discard",
    tag = "requests",
    params(("id" = i32, Path, description = "The request")),
    responses((status = 204, description = "The draft is gone"), Problems),
    security(("bearer" = [])),
)]
pub async fn discard(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<StatusCode> {
    user.require(super::WORKERS)?;
    drafts::discard(&app, &user.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
