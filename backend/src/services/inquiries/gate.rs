//! The rules the rest of the request's life reads from its inquiries: the
//! open one an applicant may add files to and answer, and the hearing a
//! refusal must come after.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::ErrorCode;
use shared::calendar::Date;
use shared::request::inquiry::InquiryKind;

use crate::db::entities::inquiries;
use crate::db::stored;
use crate::error::{AppError, AppResult};

/// The kind of an inquiry row.
pub fn kind_of(row: &inquiries::Model) -> AppResult<InquiryKind> {
    stored::state("inquiries.kind", &row.kind, InquiryKind::parse)
}

/// The last day an answer is taken, if the inquiry has one.
pub fn answer_due(row: &inquiries::Model) -> AppResult<Option<Date>> {
    stored::optional("inquiries.answer_due", row.answer_due.as_deref(), |d| {
        Date::parse(d).ok()
    })
}

/// Whether `row` may still be answered on `today`.
pub fn is_open(row: &inquiries::Model, today: Date) -> AppResult<bool> {
    Ok(row.answered_at.is_none() && answer_due(row)?.is_none_or(|due| today <= due))
}

/// The last inquiry of `request` not answered yet (its time may be past).
pub async fn unanswered(
    db: &impl ConnectionTrait,
    request: i32,
) -> AppResult<Option<inquiries::Model>> {
    Ok(inquiries::Entity::find()
        .filter(inquiries::Column::RequestId.eq(request))
        .filter(inquiries::Column::AnsweredAt.is_null())
        .order_by_desc(inquiries::Column::Id)
        .one(db)
        .await?)
}

/// The inquiry of `request` that may be answered today, if any: files
/// may be added to the request for its answer.
pub async fn open(db: &impl ConnectionTrait, request: i32) -> AppResult<Option<inquiries::Model>> {
    let today = crate::clock::today();
    match unanswered(db, request).await? {
        Some(row) if is_open(&row, today)? => Ok(Some(row)),
        _ => Ok(None),
    }
}

/// Refuses a refusal not heard first: a preliminary refusal must have been
/// sent, and answered or its time passed.
pub async fn require_heard(db: &impl ConnectionTrait, request: i32) -> AppResult<()> {
    let hearings: Vec<inquiries::Model> = inquiries::Entity::find()
        .filter(inquiries::Column::RequestId.eq(request))
        .filter(inquiries::Column::Kind.eq(InquiryKind::Hearing.code()))
        .all(db)
        .await?;
    if hearings.is_empty() {
        return Err(AppError::conflict(ErrorCode::HearingRequired));
    }
    let today = crate::clock::today();
    for h in &hearings {
        if is_open(h, today)? {
            return Err(AppError::conflict(ErrorCode::HearingOpen));
        }
    }
    Ok(())
}
