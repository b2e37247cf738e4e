//! Registering a request (process 9): its number, its due date in working
//! days, status `submitted`, with the signature that made it so.

use crate::app::App;
use crate::clock::kz_now;
use crate::clock::today;
use crate::db::entities::requests;
use crate::error::{AppError, AppResult};
use crate::services::core::model::request_type_of;
use crate::services::core::model::status_of;
use crate::services::core::notifications;
use crate::services::core::transition::transition;
use crate::services::eds::signatures;
use chrono::{Timelike, Utc};
use sea_orm::{EntityTrait, Set};
use shared::ErrorCode;
use shared::catalog::ServiceDetail;
use shared::request::{RequestNumber, RequestStatus};

/// Requests arriving from 18:30 on count as received the next working day.
pub const END_OF_WORKING_DAY_MINUTES: u32 = 18 * 60 + 30;

/// Registers a request ready to be registered (process 9): the number, the
/// due date in working days, status `submitted`; with the signature that
/// made it so, stored beside it. Refused when the request changed since
/// it was read.
pub async fn register(
    app: &App,
    detail: &ServiceDetail,
    model: requests::Model,
    actor: i32,
    signed: Option<signatures::Accepted<'_>>,
) -> AppResult<requests::Model> {
    let kind = request_type_of(&model)?;
    let days = detail
        .request_types
        .iter()
        .find(|t| t.spec.kind == kind)
        .map_or(0, |t| t.spec.deadline_working_days);
    let now = kz_now();
    let minutes = now.hour() * 60 + now.minute();
    let due = app
        .calendar
        .due_date(today(), minutes >= END_OF_WORKING_DAY_MINUTES, days);
    let number = RequestNumber::new(today().ymd().0, i64::from(model.id));
    // The writer task needs the number and the signature's parts by value.
    let subject = number.to_string();
    let signed = signed.map(|a| {
        (
            a.user_id,
            a.purpose.to_owned(),
            a.content.to_vec(),
            a.cms.to_vec(),
            a.report.clone(),
            a.timestamp.cloned(),
        )
    });
    // The letter names the number the request is about to get.
    let mail = notifications::letter(
        app,
        &requests::Model {
            number: Some(subject.clone()),
            ..model.clone()
        },
        RequestStatus::Submitted,
    );
    let model = app
        .db
        .writes
        .run(move |txn| {
            Box::pin(async move {
                // Only a request still editable is registered: a second
                // submit of the same request (another tab) finds it sent.
                let fresh = requests::Entity::find_by_id(model.id)
                    .one(txn)
                    .await?
                    .ok_or_else(AppError::not_found)?;
                if fresh.updated_at != model.updated_at || !status_of(&fresh)?.is_editable() {
                    return Err(AppError::conflict(ErrorCode::RequestChanged));
                }
                let signature = match signed {
                    Some((user_id, purpose, content, cms, report, timestamp)) => {
                        let stored = signatures::store(
                            txn,
                            signatures::Accepted {
                                user_id,
                                purpose: &purpose,
                                subject: Some(subject.clone()),
                                content: &content,
                                cms: &cms,
                                report: &report,
                                timestamp: timestamp.as_ref(),
                            },
                        )
                        .await?;
                        Some(stored.id)
                    }
                    None => None,
                };
                let submitted_at = Utc::now();
                transition(
                    txn,
                    fresh,
                    RequestStatus::Submitted,
                    Some(actor),
                    None,
                    mail,
                    |a| {
                        a.number = Set(Some(subject));
                        a.submitted_at = Set(Some(submitted_at.into()));
                        a.due_date = Set(Some(due.to_string()));
                        a.signature_id = Set(signature);
                    },
                )
                .await
            })
        })
        .await?;
    app.mailer.wake();
    tracing::info!(request_id = model.id, number = %number, due = %due, "request registered");
    Ok(model)
}
