use axum::Json;
use axum::extract::{Path, State};
use shared::request::RequestDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::services::requests;

/// `GET /api/requests/{id}`: one of the user's own requests.
pub async fn show(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::WORKERS)?;
    Ok(Json(requests::show(&app, &user.0, id).await?))
}
