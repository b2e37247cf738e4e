//! The provider's queue of sent requests, sorted by due date (then by
//! registration).

use crate::app::App;
use crate::db::entities::{requests, users};
use crate::db::stored;
use crate::error::AppResult;
use crate::services::core::model::request_type_of;
use crate::services::core::model::status_of;
use crate::services::core::reach::provider_of;
use crate::services::review::access::colleague;
use crate::services::review::access::days_left;
use crate::services::review::access::users_by_ids;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use shared::calendar::Date;
use shared::request::{RequestNumber, RequestStatus};
use shared::review::{ManualReason, QueueQuery, QueueRow};

/// The queue, sorted by due date (then by registration).
pub async fn queue(
    app: &App,
    user: &users::Model,
    q: &QueueQuery,
    today: Date,
) -> AppResult<Vec<QueueRow>> {
    let provider = provider_of(user)?;
    let mut find = requests::Entity::find().filter(requests::Column::ProviderCode.eq(provider));
    find = match q.status {
        Some(s) => find.filter(requests::Column::Status.eq(s.code())),
        None => find.filter(
            requests::Column::Status.is_in(
                RequestStatus::ALL
                    .into_iter()
                    .filter(|s| s.is_open())
                    .map(RequestStatus::code),
            ),
        ),
    };
    if let Some(s) = &q.service {
        find = find.filter(requests::Column::ServiceCode.eq(s.as_str()));
    }
    if let Some(t) = q.request_type {
        find = find.filter(requests::Column::RequestType.eq(t.code()));
    }
    // The due filter's working-day rule, as a date bound.
    if let Some(filter) = q.due {
        let bound = filter.due_before(&app.calendar, today);
        find = find.filter(requests::Column::DueDate.lt(bound.to_string()));
    }
    let limit = q.limit.map(|l| l.min(QueueQuery::MAX_LIMIT));
    let offset = q.offset.unwrap_or(0);
    let mut find = find
        .filter(requests::Column::Number.is_not_null())
        .order_by_asc(requests::Column::DueDate)
        .order_by_asc(requests::Column::Id);
    // SQLite takes an OFFSET only after a LIMIT.
    if limit.is_some() || offset > 0 {
        find = find.limit(limit.map_or(i64::MAX as u64, u64::from));
    }
    if offset > 0 {
        find = find.offset(u64::from(offset));
    }
    let rows = find
        .find_also_related(users::Entity)
        .all(&app.db.read)
        .await?
        .into_iter()
        .map(|(r, a)| Ok((days_left(app, today, &r)?, r, a)))
        .collect::<AppResult<Vec<_>>>()?;
    let assignees = users_by_ids(app, rows.iter().filter_map(|(_, r, _)| r.assignee_id)).await?;
    let mut out = Vec::with_capacity(rows.len());
    for (left, r, applicant) in rows {
        let assignee = r.assignee_id.and_then(|a| assignees.get(&a)).map(colleague);
        let (applicant, applicant_tax_id) =
            applicant.map_or_else(Default::default, |a| (a.name, a.id_number));
        out.push(QueueRow {
            id: i64::from(r.id),
            number: stored::optional("requests.number", r.number.as_deref(), RequestNumber::parse)?,
            applicant,
            applicant_tax_id,
            service: r.service_code.clone(),
            request_type: request_type_of(&r)?,
            status: status_of(&r)?,
            due_date: r.due_date.as_deref().and_then(|d| Date::parse(d).ok()),
            days_left: left,
            assignee,
            manual_reason: stored::optional(
                "requests.manual_reason",
                r.manual_reason.as_deref(),
                ManualReason::parse,
            )?,
        });
    }
    Ok(out)
}
