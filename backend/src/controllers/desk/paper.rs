use axum::Json;
use axum::extract::State;
use shared::desk::PaperDocuments;
use shared::request::RequestDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::desk::work;

/// `PUT /api/desk/requests/{id}/paper`: the documents presented on paper.
#[utoipa::path(
    put,
    path = "/desk/requests/{id}/paper",
    operation_id = "desk_set",
    tag = "desk",
    params(("id" = i32, Path, description = "The request")),
    request_body = PaperDocuments,
    responses((status = 200, description = "Done", body = RequestDto), Problems),
    security(("bearer" = [])),
)]
pub async fn set(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
    ApiJson(req): ApiJson<PaperDocuments>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::DESK)?;
    Ok(Json(
        work::set_paper(&app, &user.0, id, &req.documents).await?,
    ))
}
