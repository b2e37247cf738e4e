//! The audit log: every read and action on a request (view, download,
//! decision, registry change, status change), append-only and hash-chained:
//! each entry's hash covers its content and the previous entry's hash, so
//! an edited, deleted or reordered entry breaks the chain, which [`check`]
//! finds.
//!
//! Invariant: the chain never forks, however many processes append. An
//! append reads the last hash and writes its entry in one transaction that
//! first takes a transaction-level advisory lock on PostgreSQL (SQLite has
//! one writer connection, and the process's lock besides); and the
//! database refuses a second entry after the same hash (a unique index).

use chrono::{DateTime, FixedOffset, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};
use tokio::sync::Mutex;

use crate::app::App;
use crate::db::entities::audit_log;
use crate::error::AppResult;

/// The action of a ЦОН operator's status look-up (`desk::status`), which
/// the applicant's access list shows beside the provider's views.
pub const STATUS_LOOKUP: &str = "status_lookup";

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Appends are serialized within the process, so each sees the last hash
/// without waiting on the database for it.
static APPEND: Mutex<()> = Mutex::const_new(());

/// The key of the PostgreSQL advisory lock that serializes appends across
/// processes ("audit" in ASCII).
const APPEND_LOCK: i64 = 0x0061_7564_6974;

/// What an entry's hash covers.
fn hash(
    prev: &str,
    at: &DateTime<FixedOffset>,
    actor: Option<i32>,
    action: &str,
    request: Option<i32>,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [
        prev.to_owned(),
        at.with_timezone(&Utc).timestamp_micros().to_string(),
        actor.map_or_else(String::new, |a| a.to_string()),
        action.to_owned(),
        request.map_or_else(String::new, |r| r.to_string()),
        detail.to_owned(),
    ] {
        h.update(part.len().to_le_bytes());
        h.update(part.as_bytes());
    }
    crate::pki::hex(&h.finalize())
}

async fn last_hash(db: &impl ConnectionTrait) -> AppResult<String> {
    Ok(audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(1)
        .one(db)
        .await?
        .map_or_else(|| GENESIS.to_owned(), |e| e.hash))
}

/// Appends an entry.
pub async fn record(
    app: &App,
    actor: Option<i32>,
    action: &str,
    request: Option<i32>,
    detail: &str,
) -> AppResult<()> {
    let _guard = APPEND.lock().await;
    let txn = app.db.write.begin().await?;
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute(sea_orm::Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [APPEND_LOCK.into()],
        ))
        .await?;
    }
    let prev = last_hash(&txn).await?;
    // Microsecond precision: what both databases keep.
    let now = Utc::now();
    let at: DateTime<FixedOffset> = DateTime::from_timestamp_micros(now.timestamp_micros())
        .unwrap_or(now)
        .into();
    let hash = hash(&prev, &at, actor, action, request, detail);
    audit_log::ActiveModel {
        at: Set(at),
        actor_user_id: Set(actor),
        action: Set(action.to_owned()),
        request_id: Set(request),
        detail: Set(detail.to_owned()),
        prev_hash: Set(prev),
        hash: Set(hash),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Break {
    pub id: i32,
    pub reason: &'static str,
}

/// Walks the whole log; gives the number of entries, or the first break.
pub async fn check(db: &impl ConnectionTrait) -> AppResult<Result<u64, Break>> {
    let entries = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?;
    let mut prev = GENESIS.to_owned();
    let mut count = 0;
    for e in entries {
        if e.prev_hash != prev {
            return Ok(Err(Break {
                id: e.id,
                reason: "an entry before it was removed or moved",
            }));
        }
        if hash(
            &e.prev_hash,
            &e.at,
            e.actor_user_id,
            &e.action,
            e.request_id,
            &e.detail,
        ) != e.hash
        {
            return Ok(Err(Break {
                id: e.id,
                reason: "the entry was changed",
            }));
        }
        prev = e.hash;
        count += 1;
    }
    Ok(Ok(count))
}

/// The entries about `request` with `action`, oldest first.
pub async fn of_request(
    app: &App,
    request: i32,
    actions: &[&str],
) -> AppResult<Vec<audit_log::Model>> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::RequestId.eq(request))
        .filter(audit_log::Column::Action.is_in(actions.iter().copied()))
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db.read)
        .await?)
}
