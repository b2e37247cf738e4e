//! The reviewer asks: a preliminary refusal with its reasons, which the
//! applicant may answer within [`HEARING_WORKING_DAYS`] working days, or a
//! request for missing documents, which pauses the deadline.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
use shared::request::RequestStatus;
use shared::request::inquiry::{HEARING_WORKING_DAYS, Inquire, InquiryKind, MAX_INQUIRY_CHARS};
use shared::{ErrorCode, FieldCode};

use crate::app::App;
use crate::clock::today;
use crate::db::entities::{inquiries, users};
use crate::error::{AppError, AppResult};
use crate::services::core::audit;
use crate::services::core::model::status_of;
use crate::services::core::notifications;
use crate::services::core::transition::transition;
use crate::services::inquiries::gate;
use crate::services::review::access::of_provider;

/// The message, trimmed: required, and not too long.
pub fn message(text: &str, field: &str) -> AppResult<String> {
    let text = bounded(text, field)?;
    if text.is_empty() {
        return Err(AppError::field(field, FieldCode::Required));
    }
    Ok(text)
}

/// A question's or an answer's text, trimmed: not too long.
pub fn bounded(text: &str, field: &str) -> AppResult<String> {
    let text = text.trim();
    if text.chars().count() > MAX_INQUIRY_CHARS {
        return Err(AppError::field(
            field,
            FieldCode::TooLong {
                max: u32::try_from(MAX_INQUIRY_CHARS).unwrap_or(u32::MAX),
            },
        ));
    }
    Ok(text.to_owned())
}

/// Sends `body` to the applicant of request `id`, by its assigned
/// reviewer `user`: the status moves, with the message in its history and
/// the applicant told in the app and by letter.
pub async fn ask(app: &App, user: &users::Model, id: i32, body: &Inquire) -> AppResult<()> {
    let model = of_provider(app, user, id).await?;
    if !status_of(&model)?.is_open() {
        return Err(AppError::conflict(ErrorCode::AlreadyDecided));
    }
    if model.assignee_id != Some(user.id) {
        return Err(AppError::conflict(ErrorCode::AssignedToOther));
    }
    let text = message(&body.message, "message")?;
    let (status, due) = match body.kind {
        InquiryKind::Hearing => (
            RequestStatus::Hearing,
            Some(app.calendar.add_working_days(today(), HEARING_WORKING_DAYS)),
        ),
        InquiryKind::Documents => (RequestStatus::AwaitingDocuments, None),
    };
    let request_id = model.id;
    let txn = app.db.write.begin().await?;
    // One question at a time: the applicant answers what is open first.
    if gate::open(&txn, model.id).await?.is_some() {
        return Err(AppError::conflict(ErrorCode::InquiryOpen));
    }
    inquiries::ActiveModel {
        request_id: Set(model.id),
        kind: Set(body.kind.code().to_owned()),
        asked_by: Set(user.id),
        asked_at: Set(Utc::now().into()),
        message: Set(text.clone()),
        answer_due: Set(due.map(|d| d.to_string())),
        answered_at: Set(None),
        answer: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let note = match due {
        Some(d) => (
            format!(
                "Себептері: {text}\nЖауап беру мерзімі: {} қоса алғанда",
                d.dotted()
            ),
            format!("Основания: {text}\nОтветить до {} включительно", d.dotted()),
        ),
        None => (
            format!("Ұсыну қажет: {text}\nЖауап келгенше мерзім тоқтатылады."),
            format!(
                "Необходимо представить: {text}\nДо ответа срок оказания услуги приостановлен."
            ),
        ),
    };
    let mail = notifications::letter_with(app, &model, status, Some(note));
    transition(&txn, model, status, Some(user.id), Some(text), mail, |_| {}).await?;
    txn.commit().await?;
    app.mailer.wake();
    audit::record(
        app,
        Some(user.id),
        "inquiry",
        Some(request_id),
        body.kind.code(),
    )
    .await?;
    tracing::info!(request_id, kind = body.kind.code(), "applicant asked");
    Ok(())
}
