//! Throttling: failed attempts (logins, recovery asks) counted per key — an
//! account, a client address — in a sliding window. Past the limit, attempts
//! are refused with the time to wait, before any password is checked.
//!
//! The failures live in the database, so every portal process behind a
//! balancer counts the same ones (each failure is a row; a key's rows older
//! than the window go on its next failure, everyone's now and then).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::db::entities::throttle_failures as failures;
use crate::error::AppResult;

/// One failure in this many sweeps every key's expired rows, not only its own.
const SWEEP_EVERY: u32 = 100;

#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    window: Duration,
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

impl Throttle {
    pub fn new(window: Duration) -> Self {
        Throttle { window }
    }

    fn window_ms(&self) -> i64 {
        i64::try_from(self.window.as_millis()).unwrap_or(i64::MAX)
    }

    /// `Some(seconds to wait)` when `key` already has `limit` failures in the
    /// window (a limit of 0 never refuses).
    pub async fn check(
        &self,
        db: &DatabaseConnection,
        key: &str,
        limit: u32,
    ) -> AppResult<Option<u64>> {
        if limit == 0 {
            return Ok(None);
        }
        let now = now_ms();
        let recent: Vec<i64> = failures::Entity::find()
            .select_only()
            .column(failures::Column::AtMs)
            .filter(failures::Column::Key.eq(key))
            .filter(failures::Column::AtMs.gt(now - self.window_ms()))
            .order_by_desc(failures::Column::AtMs)
            .limit(u64::from(limit))
            .into_tuple()
            .all(db)
            .await?;
        if recent.len() < limit as usize {
            return Ok(None);
        }
        // The oldest of the last `limit` failures leaves the window first.
        let oldest = recent.last().copied().unwrap_or(now);
        let wait_ms = (oldest + self.window_ms() - now).max(0);
        Ok(Some(u64::try_from(wait_ms / 1000).unwrap_or(0).max(1)))
    }

    /// The wait of the first of `keys` past its limit, if any.
    pub async fn check_each(
        &self,
        db: &DatabaseConnection,
        keys: &[(&str, u32)],
    ) -> AppResult<Option<u64>> {
        for (key, limit) in keys {
            if let Some(wait) = self.check(db, key, *limit).await? {
                return Ok(Some(wait));
            }
        }
        Ok(None)
    }

    /// Counts one failure of `key`.
    pub async fn fail(&self, db: &DatabaseConnection, key: &str) -> AppResult<()> {
        let now = now_ms();
        let cutoff = now - self.window_ms();
        let mut expired =
            failures::Entity::delete_many().filter(failures::Column::AtMs.lte(cutoff));
        if !rand::random::<u32>().is_multiple_of(SWEEP_EVERY) {
            expired = expired.filter(failures::Column::Key.eq(key));
        }
        expired.exec(db).await?;
        failures::Entity::insert(failures::ActiveModel {
            key: Set(key.to_owned()),
            at_ms: Set(now),
            ..Default::default()
        })
        .exec(db)
        .await?;
        Ok(())
    }

    /// Forgets `key`'s failures (a login that went through).
    pub async fn clear(&self, db: &DatabaseConnection, key: &str) -> AppResult<()> {
        failures::Entity::delete_many()
            .filter(failures::Column::Key.eq(key))
            .exec(db)
            .await?;
        Ok(())
    }
}
