//! Results not collected in time (seed 000 §17.6: the documents an
//! applicant has not collected in the set time are kept safe): the desk's
//! list of decided results not yet handed over, the longest waiting first,
//! each marked once it has waited longer than the retention rule
//! (`Config::uncollected_retention_days`: then it goes to the provider's
//! archive); and a reminder to the applicant — in the app and by letter —
//! recorded with its time and in the audit log.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, IntoActiveModel, QueryFilter, QueryOrder, Set};
use sea_orm::{EntityTrait, TransactionTrait};
use shared::ErrorCode;
use shared::desk::{UncollectedList, UncollectedRow};
use shared::request::{ApplicantDto, RequestDto, RequestNumber, RequestStatus};

use crate::app::App;
use crate::clock;
use crate::db::entities::{requests, users};
use crate::db::stored;
use crate::error::{AppError, AppResult};
use crate::services::core::{audit, model, notifications};
use crate::services::desk::access::{entered_here, reach_at_desk};
use crate::services::requests::view;

const DECIDED: [RequestStatus; 2] = [RequestStatus::Approved, RequestStatus::Refused];

/// Whole days from `since` to `now`.
fn days_between(since: &DateTime<FixedOffset>, now: DateTime<Utc>) -> u32 {
    let days = (now - since.with_timezone(&Utc)).num_days().max(0);
    u32::try_from(days).unwrap_or(u32::MAX)
}

/// The results waiting at `user`'s desk.
pub async fn list(app: &App, user: &users::Model) -> AppResult<UncollectedList> {
    let retention_days = app.config.uncollected_retention_days;
    let Some(find) = entered_here(user)? else {
        return Ok(UncollectedList {
            retention_days,
            rows: Vec::new(),
        });
    };
    let rows = find
        .filter(requests::Column::Status.is_in(DECIDED.map(RequestStatus::code)))
        .filter(requests::Column::HandedOverAt.is_null())
        .order_by_asc(requests::Column::DecidedAt)
        .order_by_asc(requests::Column::Id)
        .all(&app.db.read)
        .await?;
    let owners: Vec<i32> = rows.iter().map(|r| r.user_id).collect();
    let people: HashMap<i32, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(owners))
        .all(&app.db.read)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let now = Utc::now();
    let rows = rows
        .iter()
        .map(|m| {
            let decided = m.decided_at.as_ref().unwrap_or(&m.updated_at);
            let waiting_days = days_between(decided, now);
            let owner = people.get(&m.user_id);
            Ok(UncollectedRow {
                id: i64::from(m.id),
                service: m.service_code.clone(),
                status: model::status_of(m)?,
                number: stored::optional(
                    "requests.number",
                    m.number.as_deref(),
                    RequestNumber::parse,
                )?,
                applicant: ApplicantDto {
                    tax_id: owner.map(|u| u.id_number.clone()).unwrap_or_default(),
                    name: owner.map(|u| u.name.clone()).unwrap_or_default(),
                },
                decided_at: clock::rfc3339(decided),
                waiting_days,
                past_retention: waiting_days > retention_days,
                reminded_at: m.result_reminded_at.as_ref().map(clock::rfc3339),
            })
        })
        .collect::<AppResult<_>>()?;
    Ok(UncollectedList {
        retention_days,
        rows,
    })
}

/// Reminds the applicant that the result of `id` waits at the desk: a
/// notification and a letter, with the reminder's time, in one
/// transaction; refused before a result or once it was handed over.
pub async fn remind(app: &App, user: &users::Model, id: i32) -> AppResult<RequestDto> {
    let reached = reach_at_desk(app, user, id).await?;
    let model = reached.model;
    let status = model::status_of(&model)?;
    if !DECIDED.contains(&status) {
        return Err(AppError::conflict(ErrorCode::NoResultYet));
    }
    if model.handed_over_at.is_some() {
        return Err(AppError::conflict(ErrorCode::AlreadyHandedOver));
    }
    let letter = notifications::reminder_letter(app, &model);
    let tx = app.db.write.begin().await?;
    let mut active = model.into_active_model();
    active.result_reminded_at = Set(Some(Utc::now().into()));
    let model = active.update(&tx).await?;
    notifications::record(&tx, model.user_id, model.id, status).await?;
    if let Some(letter) = &letter {
        crate::adapters::mail::outbox::queue(&tx, letter).await?;
    }
    tx.commit().await?;
    if letter.is_some() {
        app.mailer.wake();
    }
    audit::record(
        app,
        Some(user.id),
        "result_reminder",
        Some(model.id),
        "uncollected",
    )
    .await?;
    view::dto_of(app, &reached.owner, &model).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_days_count_and_a_future_time_counts_as_zero() {
        let now = Utc::now();
        let at =
            |d: i64| (now - chrono::Duration::days(d) - chrono::Duration::hours(1)).fixed_offset();
        assert_eq!(days_between(&at(0), now), 0);
        assert_eq!(days_between(&at(31), now), 31);
        assert_eq!(days_between(&at(-2), now), 0);
    }
}
