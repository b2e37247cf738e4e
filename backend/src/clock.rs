//! The portal's one clock: seconds since the Unix epoch, Kazakhstan's day
//! (UTC+5, what "today" means for due dates and figures) and the RFC 3339
//! form every time is shown in.

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, FixedOffset, Utc};
use shared::calendar::Date;

/// Kazakhstan's time zone (UTC+5 since 2024-03-01): what "today" means.
const KZ_OFFSET_SECS: i64 = 5 * 3600;

/// Seconds since the Unix epoch (token, certificate and order times).
pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// Now in Kazakhstan.
pub fn kz_now() -> DateTime<FixedOffset> {
    match FixedOffset::east_opt(i32::try_from(KZ_OFFSET_SECS).unwrap_or(0)) {
        Some(offset) => Utc::now().with_timezone(&offset),
        None => Utc::now().fixed_offset(),
    }
}

/// The day in Kazakhstan at the instant `t`.
pub fn kz_day<Tz: chrono::TimeZone>(t: &DateTime<Tz>) -> Date {
    let secs = t.timestamp() + KZ_OFFSET_SECS;
    Date::from_unix_days(i32::try_from(secs.div_euclid(86_400)).unwrap_or(0))
}

/// Today in Kazakhstan.
pub fn today() -> Date {
    kz_day(&Utc::now())
}

/// `t` in UTC, to the second: how the API shows every time.
pub fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
