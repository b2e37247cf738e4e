//! Dates and working days. Deadlines of services are counted in working days
//! of Kazakhstan's calendar: weekends and public holidays are not counted, a
//! holiday that falls on a weekend moves the day off to the next working day
//! (Labour Code, art. 85; religious holidays excepted), and the government
//! moves further days by decree. The calendar itself is data
//! (`backend/data/calendar/`); this module is the arithmetic.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::FieldCode;
use crate::i18n::Text;

/// A calendar date, without time zone: days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Date {
    /// The date, or `None` for a day that does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if month <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i32::try_from(month).ok()?;
        let d = i32::try_from(day).ok()?;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date(era * 146_097 + doe - 719_468))
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(input: &str) -> Result<Date, FieldCode> {
        let s = input.trim();
        if s.is_empty() {
            return Err(FieldCode::Required);
        }
        let parts: Vec<&str> = s.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(FieldCode::Date);
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(FieldCode::Date);
        }
        match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) => Date::from_ymd(y, m, d).ok_or(FieldCode::Date),
            _ => Err(FieldCode::Date),
        }
    }

    pub fn from_unix_days(days: i32) -> Date {
        Date(days)
    }

    pub fn unix_days(self) -> i32 {
        self.0
    }

    /// `14.12.2026`: how the portal shows a day to people (the ISO form is
    /// the wire's).
    pub fn dotted(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{d:02}.{m:02}.{y}")
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i32, u32, u32) {
        // Howard Hinnant's civil_from_days.
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i32::from(m <= 2);
        (y, m.unsigned_abs(), d.unsigned_abs())
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.0 + 3).rem_euclid(7) {
            0 => Weekday::Mon,
            1 => Weekday::Tue,
            2 => Weekday::Wed,
            3 => Weekday::Thu,
            4 => Weekday::Fri,
            5 => Weekday::Sat,
            _ => Weekday::Sun,
        }
    }

    pub fn is_weekend(self) -> bool {
        matches!(self.weekday(), Weekday::Sat | Weekday::Sun)
    }

    pub fn add_days(self, n: i32) -> Date {
        Date(self.0 + n)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.rem_euclid(4) == 0 && year.rem_euclid(100) != 0)
            || year.rem_euclid(400) == 0 =>
        {
            29
        }
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Date::parse(&raw).map_err(|_| serde::de::Error::custom(format_args!("not a date: {raw}")))
    }
}

// Holidays beyond the listed years: the fixed-date ones computed from
// their rules (the Law on holidays: the same month and day each year), the
// movable ones (Kurban Ait, set each year by the government) not
// computable, so such a year is unconfirmed until it is listed.

/// How many years past the last listed one the fixed rules are applied.
const YEARS_AHEAD: i32 = 30;

/// A holiday on the same month and day every year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FixedHoliday {
    pub month: u32,
    pub day: u32,
    pub name: Text,
    /// Whether a weekend occurrence moves the day off to the next working day.
    #[serde(default = "yes")]
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
fn fixed_of_year(rules: &[FixedHoliday], year: i32) -> Vec<Holiday> {
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

/// A public holiday as the calendar data lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Holiday {
    pub date: Date,
    pub name: Text,
    /// Whether a weekend occurrence moves the day off to the next working day.
    #[serde(default = "yes")]
    pub carries_over: bool,
}

fn yes() -> bool {
    true
}

/// The calendar data: holidays, and the days moved by government decree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarData {
    /// A note on the data's source, for people editing it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub about: String,
    pub holidays: Vec<Holiday>,
    /// Weekdays made days off by decree.
    #[serde(default)]
    pub extra_days_off: Vec<Date>,
    /// Saturdays or Sundays made working days by decree.
    #[serde(default)]
    pub working_weekends: Vec<Date>,
    /// The fixed-date holidays' rules, for the years after the listed ones.
    #[serde(default)]
    pub fixed: Vec<FixedHoliday>,
    /// The holidays whose date is set each year: a year past the listed
    /// ones counts its fixed holidays but is not confirmed.
    #[serde(default)]
    pub movable: Vec<MovableHoliday>,
}

/// Which days are working days.
#[derive(Debug, Clone, Default)]
pub struct WorkCalendar {
    days_off: BTreeSet<Date>,
    working_weekends: BTreeSet<Date>,
    /// The years the data lists: their holidays are all known.
    listed: BTreeSet<i32>,
}

impl WorkCalendar {
    pub fn new(data: &CalendarData) -> WorkCalendar {
        let listed: BTreeSet<i32> = data.holidays.iter().map(|h| h.date.ymd().0).collect();
        // The years after the listed ones, by the fixed rules.
        let mut holidays = data.holidays.clone();
        if let Some(last) = listed.last() {
            for year in last + 1..=last + YEARS_AHEAD {
                holidays.extend(fixed_of_year(&data.fixed, year));
            }
        }
        let mut days_off: BTreeSet<Date> = holidays.iter().map(|h| h.date).collect();
        let mut carried: Vec<Date> = holidays
            .iter()
            .filter(|h| h.carries_over && h.date.is_weekend())
            .map(|h| h.date)
            .collect();
        carried.sort();
        for date in carried {
            // The next weekday that is not already a day off.
            let mut next = date.add_days(1);
            while next.is_weekend() || days_off.contains(&next) {
                next = next.add_days(1);
            }
            days_off.insert(next);
        }
        days_off.extend(data.extra_days_off.iter().copied());
        WorkCalendar {
            days_off,
            working_weekends: data.working_weekends.iter().copied().collect(),
            listed,
        }
    }

    /// Whether every holiday of `year` is known: a listed year. Past the
    /// listed ones only the fixed holidays are counted (computed); the
    /// movable ones and the days moved by decree need confirmation.
    pub fn is_confirmed(&self, year: i32) -> bool {
        self.listed.contains(&year)
    }

    /// Whether the working days from `from` to `to` are all counted on
    /// confirmed years.
    pub fn confirmed_between(&self, from: Date, to: Date) -> bool {
        let (a, b) = (from.min(to).ymd().0, from.max(to).ymd().0);
        (a..=b).all(|y| self.is_confirmed(y))
    }

    pub fn is_working_day(&self, date: Date) -> bool {
        if self.working_weekends.contains(&date) {
            return true;
        }
        !date.is_weekend() && !self.days_off.contains(&date)
    }

    /// The last working day on or before `date` (a year back at most).
    pub fn last_working_day(&self, date: Date) -> Date {
        let mut d = date;
        for _ in 0..366 {
            if self.is_working_day(d) {
                break;
            }
            d = d.add_days(-1);
        }
        d
    }

    /// The due date of something received on `start` with `n` working days
    /// to do it: counting begins the day after `start`. Zero days means the
    /// same day if it is a working day, else the next working day.
    pub fn add_working_days(&self, start: Date, n: u16) -> Date {
        let mut date = start;
        if n == 0 {
            while !self.is_working_day(date) {
                date = date.add_days(1);
            }
            return date;
        }
        let mut left = n;
        while left > 0 {
            date = date.add_days(1);
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }

    /// The day a request counts as received: the day it arrived when that
    /// is a working day and it arrived in working hours, else the next
    /// working day (requests sent after hours, on a weekend or a holiday are
    /// taken the next working day).
    pub fn registration_day(&self, arrived: Date, after_hours: bool) -> Date {
        let mut date = arrived;
        if after_hours || !self.is_working_day(date) {
            date = date.add_days(1);
            while !self.is_working_day(date) {
                date = date.add_days(1);
            }
        }
        date
    }

    /// The due date of a request that arrived on `arrived` (after working
    /// hours or not) with `n` working days to answer it.
    pub fn due_date(&self, arrived: Date, after_hours: bool, n: u16) -> Date {
        self.add_working_days(self.registration_day(arrived, after_hours), n)
    }

    /// Working days left of a term of `term` working days that ends on
    /// `due`: as [`working_days_left`](Self::working_days_left), but never
    /// more than the term (a request sent after hours or on a day off is
    /// registered the next working day; until then its term has not begun).
    pub fn days_left_of_term(&self, today: Date, due: Date, term: u16) -> i32 {
        self.working_days_left(today, due).min(i32::from(term))
    }

    /// Working days from `today` to `due`: positive while time is left, zero
    /// on the due day, negative once overdue (the working days past it).
    pub fn working_days_left(&self, today: Date, due: Date) -> i32 {
        let (from, to, sign) = if due >= today {
            (today, due, 1)
        } else {
            (due, today, -1)
        };
        let mut count = 0;
        let mut d = from;
        while d < to {
            d = d.add_days(1);
            if self.is_working_day(d) {
                count += 1;
            }
        }
        sign * count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    fn kz() -> WorkCalendar {
        let data: CalendarData =
            serde_json::from_str(include_str!("../../backend/data/calendar/kz.json"))
                .expect("calendar data");
        WorkCalendar::new(&data)
    }

    #[test]
    fn dates_round_trip_and_know_their_weekday() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2026-11-23",
            "1899-12-31",
            "2100-03-01",
        ] {
            assert_eq!(d(s).to_string(), s);
        }
        assert_eq!(d("1970-01-01").unix_days(), 0);
        assert_eq!(d("2026-11-23").weekday(), Weekday::Mon);
        assert_eq!(d("2000-01-01").weekday(), Weekday::Sat);
        assert_eq!(Date::parse("2026-02-29"), Err(FieldCode::Date));
        assert_eq!(Date::parse("2026-13-01"), Err(FieldCode::Date));
        assert_eq!(Date::parse("26-01-01"), Err(FieldCode::Date));
        assert_eq!(Date::parse(""), Err(FieldCode::Required));
        assert_eq!(d("2026-12-31").add_days(1), d("2027-01-01"));
        assert_eq!(d("2026-12-04").dotted(), "04.12.2026");
        assert_eq!(d("1999-01-31").dotted(), "31.01.1999");
    }

    #[test]
    fn every_day_of_four_centuries_round_trips() {
        let start = d("1900-01-01").unix_days();
        let end = d("2300-01-01").unix_days();
        let mut expected = (1900, 1, 1);
        for n in start..end {
            let date = Date::from_unix_days(n);
            assert_eq!(date.ymd(), expected);
            assert_eq!(
                Date::from_ymd(expected.0, expected.1, expected.2),
                Some(date)
            );
            expected = if expected.2 < days_in_month(expected.0, expected.1) {
                (expected.0, expected.1, expected.2 + 1)
            } else if expected.1 < 12 {
                (expected.0, expected.1 + 1, 1)
            } else {
                (expected.0 + 1, 1, 1)
            };
        }
    }

    /// Issue 26: a 15-day request sent on a Friday evening showed 16 days
    /// left that evening; its term begins on Monday, so 15.
    #[test]
    fn days_left_never_exceed_the_term_before_it_begins() {
        let cal = kz();
        let friday = d("2026-11-27");
        let due = cal.due_date(friday, true, 15);
        assert_eq!(cal.working_days_left(friday, due), 16);
        assert_eq!(cal.days_left_of_term(friday, due, 15), 15);
        let monday = d("2026-11-30");
        assert_eq!(cal.days_left_of_term(monday, due, 15), 15);
        assert_eq!(cal.days_left_of_term(monday.add_days(1), due, 15), 14);
        assert_eq!(cal.days_left_of_term(due.add_days(1), due, 15), -1);
    }

    #[test]
    fn weekends_and_holidays_are_not_working_days() {
        let cal = kz();
        assert!(cal.is_working_day(d("2026-11-23")));
        assert!(!cal.is_working_day(d("2026-11-28")), "Saturday");
        assert!(!cal.is_working_day(d("2026-12-16")), "Independence Day");
        assert!(!cal.is_working_day(d("2026-03-23")), "Nauryz");
        // 2026-03-21 and 22 are a Saturday and a Sunday: both days off move on,
        // past the 23rd (a holiday itself), to the 24th and the 25th.
        assert!(!cal.is_working_day(d("2026-03-24")));
        assert!(!cal.is_working_day(d("2026-03-25")));
        assert!(cal.is_working_day(d("2026-03-26")));
        // Kurban Ait does not carry over.
        assert!(!cal.is_working_day(d("2026-05-27")));
    }

    #[test]
    fn deadlines_count_working_days_after_the_day_of_receipt() {
        let cal = kz();
        // Received Monday 2026-11-23, 15 working days: three weeks on.
        assert_eq!(cal.add_working_days(d("2026-11-23"), 15), d("2026-12-14"));
        // Received Friday 2026-12-11, 2 working days: Mon 14th, Tue 15th.
        assert_eq!(cal.add_working_days(d("2026-12-11"), 2), d("2026-12-15"));
        // Received Tue 2026-12-15, 1 working day: Independence Day (Wed 16th)
        // is skipped; Thursday the 17th is a working day.
        assert_eq!(cal.add_working_days(d("2026-12-15"), 1), d("2026-12-17"));
        // Received on a Saturday, 1 working day: the Monday.
        assert_eq!(cal.add_working_days(d("2026-11-28"), 1), d("2026-11-30"));
        assert_eq!(cal.add_working_days(d("2026-11-28"), 0), d("2026-11-30"));
    }

    #[test]
    fn requests_sent_after_hours_or_on_days_off_count_from_the_next_working_day() {
        let cal = kz();
        // Monday in working hours: received that day.
        assert_eq!(
            cal.registration_day(d("2026-11-23"), false),
            d("2026-11-23")
        );
        assert_eq!(cal.due_date(d("2026-11-23"), false, 15), d("2026-12-14"));
        // Monday evening: received Tuesday.
        assert_eq!(cal.registration_day(d("2026-11-23"), true), d("2026-11-24"));
        assert_eq!(cal.due_date(d("2026-11-23"), true, 1), d("2026-11-25"));
        // Friday evening and Saturday: received Monday; PHC attachment (one
        // working day) due Tuesday.
        assert_eq!(cal.registration_day(d("2026-11-27"), true), d("2026-11-30"));
        assert_eq!(cal.due_date(d("2026-11-28"), false, 1), d("2026-12-01"));
        // Tuesday evening before Independence Day (Wed 16th): received
        // Thursday the 17th; a duplicate (2 days) due Monday the 21st.
        assert_eq!(cal.registration_day(d("2026-12-15"), true), d("2026-12-17"));
        assert_eq!(cal.due_date(d("2026-12-15"), true, 2), d("2026-12-21"));
        // Nauryz 2026 with its carried-over days: sent Friday 20 March, 15
        // working days from Thursday the 26th.
        assert_eq!(cal.registration_day(d("2026-03-20"), true), d("2026-03-26"));
        assert_eq!(cal.due_date(d("2026-03-20"), true, 15), d("2026-04-16"));
    }

    #[test]
    fn days_left_and_overdue() {
        let cal = kz();
        let due = d("2026-12-14");
        assert_eq!(cal.working_days_left(d("2026-11-23"), due), 15);
        assert_eq!(cal.working_days_left(due, due), 0);
        assert_eq!(cal.working_days_left(d("2026-12-15"), due), -1);
        assert_eq!(
            cal.working_days_left(d("2026-12-18"), due),
            -3,
            "the 16th was a holiday"
        );
    }

    /// Issue 27: past the listed years the fixed-date holidays are
    /// computed from their rules (Law on holidays), and such a year is
    /// unconfirmed (Kurban Ait and the decrees are not known yet).
    #[test]
    fn years_past_the_list_count_the_fixed_holidays_and_are_unconfirmed() {
        let cal = kz();
        assert!(cal.is_confirmed(2026) && cal.is_confirmed(2027));
        assert!(!cal.is_confirmed(2028) && !cal.is_confirmed(2035));
        // 2030-12-16, a Monday: Independence Day.
        assert!(!cal.is_working_day(d("2030-12-16")));
        // 2028-03-21..23, Tuesday to Thursday: Nauryz.
        for day in ["2028-03-21", "2028-03-22", "2028-03-23"] {
            assert!(!cal.is_working_day(d(day)), "{day}");
        }
        assert!(cal.is_working_day(d("2028-03-24")));
        // 2029-12-16 is a Sunday: the day off moves to Monday the 17th.
        assert!(!cal.is_working_day(d("2029-12-17")));
        // 2028-01-07 (Orthodox Christmas) is a Friday and does not carry.
        assert!(!cal.is_working_day(d("2028-01-07")));
        // A deadline over New Year 2031 skips 1 and 2 January.
        assert_eq!(cal.add_working_days(d("2030-12-31"), 1), d("2031-01-03"));
        assert!(cal.confirmed_between(d("2026-12-20"), d("2027-01-10")));
        assert!(!cal.confirmed_between(d("2027-12-28"), d("2028-01-10")));
    }

    #[test]
    fn decrees_move_days() {
        let data = CalendarData {
            about: String::new(),
            holidays: vec![],
            extra_days_off: vec![d("2026-11-23")],
            working_weekends: vec![d("2026-11-28")],
            ..CalendarData::default()
        };
        let cal = WorkCalendar::new(&data);
        assert!(!cal.is_working_day(d("2026-11-23")));
        assert!(cal.is_working_day(d("2026-11-28")));
    }
}
