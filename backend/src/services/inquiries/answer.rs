//! The applicant answers the open inquiry: the text and the files added
//! since it was asked. The request goes back to review; an answer to a
//! request for documents moves the due date on by the working days the
//! request waited.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set, TransactionTrait,
};
use shared::ErrorCode;
use shared::FieldCode;
use shared::calendar::Date;
use shared::request::inquiry::{Answer, InquiryKind};
use shared::request::{RequestDto, RequestStatus};

use crate::app::App;
use crate::clock::today;
use crate::db::entities::{files as file_rows, users};
use crate::error::{AppError, AppResult};
use crate::services::core::audit;
use crate::services::core::notifications;
use crate::services::core::reach::{Reached, reach};
use crate::services::core::transition::transition;
use crate::services::inquiries::gate;
use crate::services::requests::view;

/// The due date `due` moved on by the working days from `asked` to
/// `answered` (the pause of a request for documents).
pub fn resumed_due(app: &App, due: Date, asked: Date, answered: Date) -> Date {
    let paused = app.calendar.working_days_left(asked, answered).max(0);
    app.calendar
        .add_working_days(due, u16::try_from(paused).unwrap_or(u16::MAX))
}

/// Takes `body` as the answer to request `id`'s open inquiry, from its
/// applicant (or the desk that entered it).
pub async fn answer(
    app: &App,
    user: &users::Model,
    id: i32,
    body: &Answer,
) -> AppResult<RequestDto> {
    let Reached { model, owner, .. } = reach(app, user, id).await?;
    let inquiry = gate::unanswered(&app.db.read, model.id)
        .await?
        .ok_or_else(|| AppError::conflict(ErrorCode::NoOpenInquiry))?;
    if !gate::is_open(&inquiry, today())? {
        return Err(AppError::conflict(ErrorCode::AnswerLate));
    }
    let text = crate::services::inquiries::ask::bounded(&body.text, "text")?;
    let added: Vec<file_rows::Model> = file_rows::Entity::find()
        .filter(file_rows::Column::RequestId.eq(model.id))
        .filter(file_rows::Column::InquiryId.is_null())
        .filter(file_rows::Column::CreatedAt.gte(inquiry.asked_at))
        .all(&app.db.read)
        .await?;
    if text.is_empty() && added.is_empty() {
        return Err(AppError::field("text", FieldCode::Required));
    }
    let kind = gate::kind_of(&inquiry)?;
    let due = match (kind, model.due_date.as_deref().map(Date::parse)) {
        (InquiryKind::Documents, Some(Ok(due))) => {
            let asked = crate::clock::kz_day(&inquiry.asked_at);
            Some(resumed_due(app, due, asked, today()).to_string())
        }
        _ => model.due_date.clone(),
    };
    let (request_id, inquiry_id) = (model.id, inquiry.id);
    let mail = notifications::letter(app, &model, RequestStatus::InReview);
    let txn = app.db.write.begin().await?;
    let mut active = inquiry.into_active_model();
    active.answered_at = Set(Some(Utc::now().into()));
    active.answer = Set(Some(text.clone()));
    active.update(&txn).await?;
    file_rows::Entity::update_many()
        .col_expr(file_rows::Column::InquiryId, Expr::value(inquiry_id))
        .filter(file_rows::Column::Id.is_in(added.iter().map(|f| f.id)))
        .exec(&txn)
        .await?;
    let reason = (!text.is_empty()).then_some(text);
    let model = transition(
        &txn,
        model,
        RequestStatus::InReview,
        Some(user.id),
        reason,
        mail,
        |a| {
            a.due_date = Set(due);
        },
    )
    .await?;
    txn.commit().await?;
    app.mailer.wake();
    audit::record(
        app,
        Some(user.id),
        "inquiry_answer",
        Some(request_id),
        kind.code(),
    )
    .await?;
    tracing::info!(request_id, files = added.len(), "inquiry answered");
    view::dto_of(app, &owner, &model).await
}
