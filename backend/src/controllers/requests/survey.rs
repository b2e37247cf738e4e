use axum::extract::{Path, State};
use axum::http::StatusCode;
use shared::account::Role;
use shared::request::SurveyBody;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, CurrentUser};
use crate::services::requests;

/// `POST /api/requests/{id}/survey`: the quality survey, once per request.
pub async fn answer(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
    ApiJson(req): ApiJson<SurveyBody>,
) -> AppResult<StatusCode> {
    user.require(&[Role::Applicant])?;
    requests::answer_survey(&app, &user.0, id, req.answers, req.lang).await?;
    Ok(StatusCode::NO_CONTENT)
}
