//! Holidays beyond the listed years: the fixed-date ones computed from
//! their rules (the Law on holidays: the same month and day each year), the
//! movable ones (Kurban Ait, set each year by the government) not
//! computable, so such a year is unconfirmed until it is listed.

use serde::{Deserialize, Serialize};

use super::{Date, Holiday};
use crate::i18n::Text;

/// How many years past the last listed one the fixed rules are applied.
pub const YEARS_AHEAD: i32 = 30;

/// A holiday on the same month and day every year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FixedHoliday {
    pub month: u32,
    pub day: u32,
    pub name: Text,
    /// Whether a weekend occurrence moves the day off to the next working day.
    #[serde(default = "super::yes")]
    pub carries_over: bool,
}

/// A holiday whose date the government sets each year: a year without it
/// listed is not confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MovableHoliday {
    pub name: Text,
}

/// The holidays of `year` by the fixed rules.
pub fn fixed_of_year(rules: &[FixedHoliday], year: i32) -> Vec<Holiday> {
    rules
        .iter()
        .filter_map(|r| {
            Date::from_ymd(year, r.month, r.day).map(|date| Holiday {
                date,
                name: r.name.clone(),
                carries_over: r.carries_over,
            })
        })
        .collect()
}
