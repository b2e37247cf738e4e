//! The reviewer's judgement on the checklist made into a result document to
//! sign; a previous unsigned draft is replaced.

use crate::app::App;
use crate::db::entities::users;
use crate::error::{AppError, AppResult};
use crate::services::core::audit;
use crate::services::core::model::service;
use crate::services::core::model::status_of;
use crate::services::review::access::of_provider;
use crate::services::review::decisions::decision_dto;
use crate::services::review::document;
use shared::catalog::ServiceDetail;
use shared::request::RequestStatus;
use shared::review::{DecisionDraft, DecisionDto, MAX_REASONS_CHARS, Outcome};
use shared::{ErrorCode, FieldCode};

/// Checks a draft against the service's checklist.
pub fn check_draft(detail: &ServiceDetail, draft: &DecisionDraft) -> AppResult<()> {
    let mut errors = shared::error::Collector::new();
    for item in &detail.checklist {
        if !draft.checklist.iter().any(|m| m.code == item.code) {
            errors.add(&format!("checklist.{}", item.code), FieldCode::Required);
        }
    }
    for m in &draft.checklist {
        if !detail.checklist.iter().any(|i| i.code == m.code) {
            errors.add(&format!("checklist.{}", m.code), FieldCode::UnknownField);
        }
        if m.comment.chars().count() > 1000 {
            errors.add(
                &format!("checklist.{}", m.code),
                FieldCode::TooLong { max: 1000 },
            );
        }
    }
    if draft.reasons.chars().count() > MAX_REASONS_CHARS {
        errors.add(
            "reasons",
            FieldCode::TooLong {
                max: u32::try_from(MAX_REASONS_CHARS).unwrap_or(u32::MAX),
            },
        );
    }
    let unmet = draft.checklist.iter().filter(|m| !m.met).count();
    match draft.outcome {
        Outcome::Approve if unmet > 0 => errors.add("outcome", FieldCode::DecisionMismatch),
        Outcome::Refuse if unmet == 0 && draft.reasons.trim().is_empty() => {
            errors.add("outcome", FieldCode::DecisionMismatch);
        }
        _ => {}
    }
    errors.finish().map_err(AppError::validation)
}

/// Makes the result document of the reviewer's judgement, for the
/// reviewer to sign. A previous unsigned draft is replaced.
pub async fn draft(
    app: &App,
    user: &users::Model,
    id: i32,
    draft: &DecisionDraft,
) -> AppResult<DecisionDto> {
    let model = of_provider(app, user, id).await?;
    if matches!(
        status_of(&model)?,
        RequestStatus::Approved | RequestStatus::Refused
    ) {
        return Err(AppError::conflict(ErrorCode::AlreadyDecided));
    }
    if model.assignee_id != Some(user.id) {
        return Err(AppError::conflict(ErrorCode::AssignedToOther));
    }
    let detail = service(app, &model.service_code)?;
    check_draft(&detail, draft)?;
    if draft.outcome == Outcome::Refuse {
        crate::services::inquiries::gate::require_heard(&app.db.read, model.id).await?;
    }
    let (row, _) = document::make(app, &model, &detail, user, draft).await?;
    audit::record(
        app,
        Some(user.id),
        "decision_draft",
        Some(model.id),
        draft.outcome.code(),
    )
    .await?;
    decision_dto(&row, None)
}
