//! The applicant's access list: who else read their requests, as the audit
//! log has it (a reviewer's view, a file opened, a ЦОН's status look-up).

use std::collections::HashMap;

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use shared::account::{AccessKind, AccessRow};
use shared::request::RequestNumber;

use crate::app::App;
use crate::clock::rfc3339;
use crate::db::entities::{audit_log, requests, users};
use crate::db::stored;
use crate::error::AppResult;

/// The most rows the list shows, newest first.
pub const LIMIT: u64 = 200;

/// The access kind of an audit action that reads a request, if it is one.
fn kind_of(action: &str) -> Option<AccessKind> {
    match action {
        "view" => Some(AccessKind::Viewed),
        "download" => Some(AccessKind::Downloaded),
        "status_lookup" => Some(AccessKind::StatusLookup),
        _ => None,
    }
}

/// Who else read `user`'s requests, newest first.
pub async fn accesses_of(app: &App, user: &users::Model) -> AppResult<Vec<AccessRow>> {
    let own: HashMap<i32, Option<String>> = requests::Entity::find()
        .filter(requests::Column::UserId.eq(user.id))
        .all(&app.db.read)
        .await?
        .into_iter()
        .map(|r| (r.id, r.number))
        .collect();
    if own.is_empty() {
        return Ok(Vec::new());
    }
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::RequestId.is_in(own.keys().copied()))
        .filter(audit_log::Column::Action.is_in(["view", "download", "status_lookup"]))
        .filter(audit_log::Column::ActorUserId.ne(user.id))
        .order_by_desc(audit_log::Column::Id)
        .limit(LIMIT)
        .all(&app.db.read)
        .await?;
    let actors: HashMap<i32, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(entries.iter().filter_map(|e| e.actor_user_id)))
        .all(&app.db.read)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let mut rows = Vec::with_capacity(entries.len());
    for e in &entries {
        let (Some(kind), Some(actor)) = (
            kind_of(&e.action),
            e.actor_user_id.and_then(|a| actors.get(&a)),
        ) else {
            continue;
        };
        let number = e.request_id.and_then(|r| own.get(&r).cloned().flatten());
        rows.push(AccessRow {
            at: rfc3339(&e.at),
            kind,
            by: actor.name.clone(),
            role: actor.role()?,
            number: stored::optional("requests.number", number.as_deref(), RequestNumber::parse)?,
        });
    }
    Ok(rows)
}
