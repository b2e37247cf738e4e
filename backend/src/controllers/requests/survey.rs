use axum::extract::State;
use axum::http::StatusCode;
use shared::account::Role;
use shared::request::SurveyBody;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::requests::survey;

/// `POST /api/requests/{id}/survey`: the quality survey, once per request.
#[utoipa::path(
    post,
    path = "/requests/{id}/survey",
    operation_id = "requests_answer",
    tag = "requests",
    params(("id" = i32, Path, description = "The request")),
    request_body = SurveyBody,
    responses((status = 204, description = "The rating is kept"), Problems),
    security(("bearer" = [])),
)]
pub async fn answer(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
    ApiJson(req): ApiJson<SurveyBody>,
) -> AppResult<StatusCode> {
    user.require(&[Role::Applicant])?;
    survey::answer_survey(&app, &user.0, id, req.answers, req.lang).await?;
    Ok(StatusCode::NO_CONTENT)
}
