use axum::Json;
use axum::extract::{Path, State};
use shared::request::{RequestDto, SaveDraft};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, CurrentUser};
use crate::services::requests;

/// `PUT /api/requests/{id}`: saves the draft as the user has it.
pub async fn save(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
    ApiJson(req): ApiJson<SaveDraft>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::WORKERS)?;
    Ok(Json(requests::save(&app, &user.0, id, &req).await?))
}
