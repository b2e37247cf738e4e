//! Signatures kept without a timestamp because the TSA did not answer when
//! they arrived (`Trust::stamp` keeps them unstamped rather than refuse a
//! verified signature) are stamped later: every process looks for such
//! request and decision signatures every few minutes and asks the TSA
//! again. The token then proves the signature existed at its own, later
//! time (ETSI EN 319 102-1's proof of existence), which is what keeps it
//! valid past a later revocation. Two processes may stamp the same row at
//! once: the update takes only a row still without a token, so one token
//! is kept.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::app::{App, AppState};
use crate::db::entities::signatures;
use crate::error::AppResult;

/// How often a process looks.
pub const EVERY: Duration = Duration::from_secs(300);
/// How many signatures one look stamps at most.
const BATCH: u64 = 20;
/// The signatures that get timestamps.
const STAMPED: [&str; 2] = ["request", "decision"];

/// Stamps up to [`BATCH`] unstamped request and decision signatures, the
/// oldest first; how many got a token.
pub async fn restamp_pending(app: &App) -> AppResult<usize> {
    let pending = signatures::Entity::find()
        .filter(signatures::Column::Purpose.is_in(STAMPED))
        .filter(signatures::Column::TimestampToken.is_null())
        .order_by_asc(signatures::Column::Id)
        .limit(BATCH)
        .all(&app.db.read)
        .await?;
    let mut stamped = 0;
    for row in pending {
        let now = crate::clock::now_secs();
        let Some(stamp) = app.trust.stamp(&row.cms, now).await? else {
            // The TSA still does not answer: the next look tries again.
            break;
        };
        let at: Option<DateTime<Utc>> = i64::try_from(stamp.at)
            .ok()
            .and_then(|s| DateTime::from_timestamp(s, 0));
        let done = signatures::Entity::update_many()
            .col_expr(signatures::Column::TimestampToken, Expr::value(stamp.token))
            .col_expr(signatures::Column::TimestampedAt, Expr::value(at))
            .filter(signatures::Column::Id.eq(row.id))
            .filter(signatures::Column::TimestampToken.is_null())
            .exec(&app.db.write)
            .await?;
        stamped += usize::try_from(done.rows_affected).unwrap_or(0);
    }
    if stamped > 0 {
        tracing::info!(stamped, "signatures timestamped later");
    }
    Ok(stamped)
}

/// Looks every [`EVERY`] until the process drains.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        tick.tick().await;
        loop {
            tick.tick().await;
            if state.draining.load(std::sync::atomic::Ordering::Relaxed) {
                return;
            }
            if let Err(e) = restamp_pending(&state).await {
                tracing::warn!(error = ?e, "timestamping later failed; tried again at the next look");
            }
        }
    });
}
