use axum::Json;
use axum::extract::{Path, State};
use shared::account::Role;
use shared::review::ReviewDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::services::review;

/// `GET /api/review/requests/{id}`: everything the reviewer needs.
pub async fn show(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<Json<ReviewDto>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(review::show(&app, &user.0, id).await?))
}
