use axum::Json;
use axum::extract::State;
use shared::request::{RequestDto, SaveDraft};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::requests::drafts;

/// `PUT /api/requests/{id}`: saves the draft as the user has it.
#[utoipa::path(
    put,
    path = "/requests/{id}",
    operation_id = "requests_save",
    tag = "requests",
    params(("id" = i32, Path, description = "The request")),
    request_body = SaveDraft,
    responses((status = 200, description = "Done", body = RequestDto), Problems),
    security(("bearer" = [])),
)]
pub async fn save(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
    ApiJson(req): ApiJson<SaveDraft>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::WORKERS)?;
    Ok(Json(drafts::save(&app, &user.0, id, &req).await?))
}
