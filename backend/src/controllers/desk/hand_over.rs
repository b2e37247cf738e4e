use axum::Json;
use axum::extract::{Path, State};
use shared::request::RequestDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::services::desk;

/// `POST /api/desk/requests/{id}/hand-over`: the result was handed over in
/// person.
pub async fn hand_over(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::DESK)?;
    Ok(Json(desk::hand_over(&app, &user.0, id).await?))
}
