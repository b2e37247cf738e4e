//! The requests a desk user entered (or their provider's office did).

use crate::app::App;
use crate::clock;
use crate::db::entities::{requests, users};
use crate::db::stored;
use crate::error::AppResult;
use crate::services::core::model;
use crate::services::desk::access::entered_here;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::desk::{DeskQuery, DeskRow};
use shared::request::{ApplicantDto, RequestNumber};
use std::collections::HashMap;

/// The desk's list: a ЦОН operator's own entries, or every entry of the
/// staff member's provider office; newest first.
pub async fn list(app: &App, user: &users::Model, q: &DeskQuery) -> AppResult<Vec<DeskRow>> {
    let Some(mut find) = entered_here(user)? else {
        return Ok(Vec::new());
    };
    if let Some(status) = q.status {
        find = find.filter(requests::Column::Status.eq(status.code()));
    }
    let rows = find
        .order_by_desc(requests::Column::UpdatedAt)
        .order_by_desc(requests::Column::Id)
        .all(&app.db.read)
        .await?;
    // The applicants and the desk users, in one query.
    let mut ids: Vec<i32> = rows
        .iter()
        .flat_map(|r| [Some(r.user_id), r.entered_by_id])
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let people: HashMap<i32, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(&app.db.read)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    rows.iter()
        .map(|m| {
            let owner = people.get(&m.user_id);
            Ok(DeskRow {
                id: i64::from(m.id),
                service: m.service_code.clone(),
                request_type: model::request_type_of(m)?,
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
                due_date: m
                    .due_date
                    .as_deref()
                    .and_then(|d| shared::calendar::Date::parse(d).ok()),
                entered_by: m
                    .entered_by_id
                    .and_then(|id| people.get(&id))
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                handed_over: m.handed_over_at.is_some(),
                updated_at: clock::rfc3339(&m.updated_at),
            })
        })
        .collect()
}
