//! What the provider asks the applicant while reviewing a request, and the
//! answers (beyond the seeds, as the Administrative Procedure Code and
//! egov.kz do): `ask` the reviewer's preliminary refusal (the hearing
//! before an unfavourable decision) or request for missing documents;
//! `answer` the applicant's answer, text and files; `gate` the rule that a
//! refusal comes only after the hearing.
//!
//! An inquiry moves the request's status (`hearing`, `awaiting_documents`)
//! with its history, notification and letter, as every status change does;
//! the answer moves it back to `in_review`. A request for documents pauses
//! the deadline: the answer moves the due date on by the working days it
//! waited.

pub mod answer;
pub mod ask;
pub mod gate;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::request::inquiry::InquiryDto;

use crate::app::App;
use crate::clock::rfc3339;
use crate::db::entities::{files as file_rows, inquiries};
use crate::error::AppResult;
use crate::services::inquiries::gate::{answer_due, is_open, kind_of};
use crate::services::requests::files;

/// The inquiries of `request`, the first asked first.
pub async fn of_request(app: &App, request: i32) -> AppResult<Vec<inquiries::Model>> {
    Ok(inquiries::Entity::find()
        .filter(inquiries::Column::RequestId.eq(request))
        .order_by_asc(inquiries::Column::Id)
        .all(&app.db.read)
        .await?)
}

/// The inquiries of `request` as the API shows them, with the files of
/// each answer (`stored` the request's files).
pub async fn dtos(
    app: &App,
    request: i32,
    stored: &[file_rows::Model],
) -> AppResult<Vec<InquiryDto>> {
    let today = crate::clock::today();
    of_request(app, request)
        .await?
        .iter()
        .map(|row| {
            Ok(InquiryDto {
                id: i64::from(row.id),
                kind: kind_of(row)?,
                message: row.message.clone(),
                asked_at: rfc3339(&row.asked_at),
                answer_due: answer_due(row)?,
                answered_at: row.answered_at.as_ref().map(rfc3339),
                answer: row.answer.clone(),
                files: stored
                    .iter()
                    .filter(|f| f.inquiry_id == Some(row.id))
                    .map(files::to_dto)
                    .collect::<AppResult<_>>()?,
                open: is_open(row, today)?,
            })
        })
        .collect()
}
