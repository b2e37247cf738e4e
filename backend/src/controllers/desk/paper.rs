use axum::Json;
use axum::extract::{Path, State};
use shared::desk::PaperDocuments;
use shared::request::RequestDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, CurrentUser};
use crate::services::desk;

/// `PUT /api/desk/requests/{id}/paper`: the documents presented on paper.
pub async fn set(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
    ApiJson(req): ApiJson<PaperDocuments>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::DESK)?;
    Ok(Json(
        desk::set_paper(&app, &user.0, id, &req.documents).await?,
    ))
}
