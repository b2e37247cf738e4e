//! The quality survey (SPEC §7): once per request, after its result.

use crate::app::App;
use crate::db::entities::{surveys, users};
use crate::error::{AppError, AppResult};
use crate::services::core::model::is_unique_violation;
use crate::services::core::model::status_of;
use crate::services::core::reach::owned;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set};
use shared::request::{RequestStatus, SurveyAnswers};
use shared::{ErrorCode, FieldCode};

/// The quality survey (SPEC §7): once per request, after its result.
pub async fn answer_survey(
    app: &App,
    user: &users::Model,
    id: i32,
    answers: SurveyAnswers,
    lang: shared::Lang,
) -> AppResult<()> {
    let model = owned(app, user, id).await?;
    if !matches!(
        status_of(&model)?,
        RequestStatus::Approved | RequestStatus::Refused
    ) {
        return Err(AppError::conflict(ErrorCode::SurveyClosed));
    }
    // An answer counts in both indicators: each question is answered.
    let mut unanswered = shared::error::Collector::new();
    if answers.process.is_none() {
        unanswered.add("process", FieldCode::Required);
    }
    if answers.information.is_none() {
        unanswered.add("information", FieldCode::Required);
    }
    unanswered.finish().map_err(AppError::validation)?;
    let code = |s: Option<shared::request::Satisfaction>| s.map_or("", |s| s.code()).to_owned();
    let inserted = surveys::ActiveModel {
        request_id: Set(model.id),
        user_id: Set(user.id),
        process_quality: Set(code(answers.process)),
        information_quality: Set(code(answers.information)),
        lang: Set(lang.code().to_owned()),
        answered_at: Set(Utc::now().into()),
        ..Default::default()
    }
    .insert(&app.db.write)
    .await;
    match inserted {
        Ok(_) => Ok(()),
        // The unique request id: answered already.
        Err(e) if is_unique_violation(&e) => Err(AppError::conflict(ErrorCode::SurveyClosed)),
        Err(e) => Err(e.into()),
    }
}
