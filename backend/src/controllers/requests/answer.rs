use axum::Json;
use axum::extract::State;
use shared::request::RequestDto;
use shared::request::inquiry::Answer;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::inquiries::answer;

/// `POST /api/requests/{id}/answer`: the answer to the provider's open
/// inquiry (a preliminary refusal, a request for documents), with the
/// files added since it was asked.
#[utoipa::path(
    post,
    path = "/requests/{id}/answer",
    operation_id = "requests_inquiry_answer",
    tag = "requests",
    params(("id" = i32, Path, description = "The request")),
    request_body = Answer,
    responses((status = 200, description = "Answered", body = RequestDto), Problems),
    security(("bearer" = [])),
)]
pub async fn answer(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
    ApiJson(req): ApiJson<Answer>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::WORKERS)?;
    Ok(Json(answer::answer(&app, &user.0, id, &req).await?))
}
