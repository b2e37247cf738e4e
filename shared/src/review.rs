//! The provider's side as the API shows it: the reviewers' queue, a request
//! under review, the decision and its signed result, the license registry
//! and the public verification of results (SPEC §3 steps 7–8, §6).

use serde::{Deserialize, Serialize};

pub mod objects;

use crate::calendar::{Date, WorkCalendar};
use crate::catalog::{ChecklistItem, RequestType};
use crate::files::FileDto;
use crate::forms::Answers;
use crate::i18n::Text;
use crate::request::parts::{PaymentDto, RequestEventDto, RequestNumber, RequestStatus};

/// Working days to the due date: how urgent a request is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DueFilter {
    /// Past its due date.
    Overdue,
    /// Due within two working days (or overdue).
    Soon,
}

impl DueFilter {
    /// "Due soon": within this many working days (or overdue).
    pub const SOON_DAYS: i32 = 2;

    /// Whether a request with `left` working days to its due date passes.
    pub fn admits(self, left: i32) -> bool {
        match self {
            DueFilter::Overdue => left < 0,
            DueFilter::Soon => left <= Self::SOON_DAYS,
        }
    }

    /// The same rule as a date, for a query: a request passes exactly when
    /// its due date is before this one, as of `today`. Overdue: a working
    /// day has passed since the due date, so it is before the last working
    /// day up to today. Soon: it is before the working day after the
    /// `SOON_DAYS` left.
    pub fn due_before(self, calendar: &WorkCalendar, today: Date) -> Date {
        match self {
            DueFilter::Overdue => calendar.last_working_day(today),
            DueFilter::Soon => calendar.add_working_days(today, Self::SOON_DAYS as u16 + 1),
        }
    }
}

/// `GET /api/review/requests` filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct QueueQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_type: Option<RequestType>,
    /// None: the open ones (submitted and in review).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RequestStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<DueFilter>,
    /// At most this many rows (up to [`QueueQuery::MAX_LIMIT`]); none: all.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "page_bound"
    )]
    pub limit: Option<u32>,
    /// Rows to skip before the first one answered (with `limit`, a page).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "page_bound"
    )]
    pub offset: Option<u32>,
}

impl QueueQuery {
    pub const MAX_LIMIT: u32 = 500;
    /// The largest `limit` or `offset` taken: the API describes both as
    /// `int32`, so a larger number is refused (400), never served.
    pub const MAX_PAGE_BOUND: u32 = i32::MAX as u32;
}

/// `limit` and `offset` as the API describes them (0 ..= `i32::MAX`).
fn page_bound<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    match Option::<u32>::deserialize(d)? {
        Some(n) if n > QueueQuery::MAX_PAGE_BOUND => {
            Err(serde::de::Error::custom("a page bound above 2147483647"))
        }
        v => Ok(v),
    }
}

/// Why a request of a fully automated service waits for a person: the
/// rule the system could not confirm (seed 002 item 3, «полностью
/// автоматизированная»: the system decides when its rules hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ManualReason {
    /// The applicant's ИИН is not in ГБД ФЛ.
    NotInRegistry,
    /// ГБД ФЛ did not answer.
    RegistryUnavailable,
    /// The registered address does not name the organization's settlement
    /// (an attachment by the place of residence).
    OutsideServiceArea,
    /// The organization has no free places.
    ClinicFull,
    /// Attached elsewhere less than a year ago, and not after a move.
    ChangedThisYear,
    /// The provider has no information system with its seal configured, or
    /// it failed: a person decides.
    SystemUnavailable,
}

impl ManualReason {
    pub const ALL: [ManualReason; 6] = [
        ManualReason::NotInRegistry,
        ManualReason::RegistryUnavailable,
        ManualReason::OutsideServiceArea,
        ManualReason::ClinicFull,
        ManualReason::ChangedThisYear,
        ManualReason::SystemUnavailable,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ManualReason::NotInRegistry => "not_in_registry",
            ManualReason::RegistryUnavailable => "registry_unavailable",
            ManualReason::OutsideServiceArea => "outside_service_area",
            ManualReason::ClinicFull => "clinic_full",
            ManualReason::ChangedThisYear => "changed_this_year",
            ManualReason::SystemUnavailable => "system_unavailable",
        }
    }

    pub fn parse(code: &str) -> Option<ManualReason> {
        ManualReason::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A row of the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueRow {
    pub id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<RequestNumber>,
    pub applicant: String,
    pub applicant_tax_id: String,
    pub service: String,
    pub request_type: RequestType,
    pub status: RequestStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<Date>,
    /// Working days left; negative once overdue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<Colleague>,
    /// A fully automated service's request the system left to a person.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual_reason: Option<ManualReason>,
}

/// A reviewer of the same provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Colleague {
    pub id: i64,
    pub name: String,
}

/// `POST /api/review/requests/{id}/assign`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AssignTo {
    pub user: i64,
}

/// The applicant as the reviewer sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicantDetails {
    pub tax_id: String,
    pub name: String,
    pub kind: crate::account::AccountKind,
    pub phone: String,
    pub email: String,
}

/// The verifier's report on the applicant's signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignatureReport {
    pub serial: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bin: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// RFC 3339.
    pub signing_time: String,
    pub validated_at: String,
    /// Subjects, signer first, root last.
    pub path: Vec<String>,
}

/// A request under review, with all the reviewer needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReviewDto {
    pub id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<RequestNumber>,
    pub service: String,
    pub request_type: RequestType,
    pub status: RequestStatus,
    pub applicant: ApplicantDetails,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub answers: Answers,
    pub files: Vec<FileDto>,
    /// Entered at a desk: the channel, who entered it and the documents
    /// presented on paper (the provider checks the Standard's documents,
    /// seed 000 §7 process 6); none for a request made on the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk: Option<crate::desk::DeskInfo>,
    /// The preliminary refusals and requests for documents sent, with the
    /// applicant's answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inquiries: Vec<crate::request::inquiry::InquiryDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<PaymentDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<SignatureReport>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i32>,
    /// The due date was counted over a year whose holidays are not all
    /// confirmed (past the calendar's listed years: the fixed-date ones
    /// computed, the movable ones and the decrees not known yet).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub due_unconfirmed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<Colleague>,
    /// A fully automated service's request the system left to a person,
    /// and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual_reason: Option<ManualReason>,
    pub colleagues: Vec<Colleague>,
    pub checklist: Vec<ChecklistItem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<DecisionDto>,
    pub history: Vec<RequestEventDto>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Approve,
    Refuse,
}

impl Outcome {
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Approve => "approve",
            Outcome::Refuse => "refuse",
        }
    }

    pub fn parse(code: &str) -> Option<Outcome> {
        match code {
            "approve" => Some(Outcome::Approve),
            "refuse" => Some(Outcome::Refuse),
            _ => None,
        }
    }
}

/// One qualification requirement as the reviewer judged it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChecklistMark {
    pub code: String,
    pub met: bool,
    #[serde(default)]
    pub comment: String,
}

/// `POST /api/review/requests/{id}/decision`: the reviewer's judgement; the
/// server makes the result document from it for the reviewer to sign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionDraft {
    pub outcome: Outcome,
    pub checklist: Vec<ChecklistMark>,
    /// Free text: the motivation of a refusal (added to the unmet items).
    #[serde(default)]
    pub reasons: String,
}

/// The longest free-text motivation.
pub const MAX_REASONS_CHARS: usize = 4000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DecisionStatus {
    /// Made, waiting for the reviewer's signature.
    Draft,
    /// Signed: the result exists.
    Signed,
}

/// A decision and its result document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DecisionDto {
    pub id: i64,
    pub outcome: Outcome,
    pub status: DecisionStatus,
    /// The license or certificate number (none for a refusal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Hex SHA-256 of the result PDF: what the signature covers.
    pub sha256: String,
    pub checklist: Vec<ChecklistMark>,
    pub reasons: String,
    /// RFC 3339, once signed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<String>,
}

/// `POST /api/review/decisions/{id}/sign`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignDecision {
    /// Base64 of the detached CMS over the result PDF.
    pub cms: String,
}

/// What a registry entry is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RegistryAction {
    Suspend,
    Resume,
    Terminate,
}

/// `POST /api/registry/{number}/status` (a reviewer of the licensor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryChange {
    pub action: RegistryAction,
    pub reason: String,
}

/// A change in a license's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenseEventDto {
    /// RFC 3339.
    pub at: String,
    /// issued, reissued, duplicate_issued, suspended, resumed, terminated,
    /// object_added, object_changed, object_closed.
    pub event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A license as the public registry shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RegistryEntry {
    pub number: String,
    pub status: crate::request::parts::LicenseStatus,
    pub holder: String,
    /// The БИН in full; an individual's ИИН partly masked.
    pub holder_id: String,
    pub service: String,
    pub service_name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_name: Option<Text>,
    pub issued_on: Date,
    /// The license it re-issues or duplicates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    /// The licensee's branches, representative offices and sites, open
    /// and closed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objects: Vec<objects::ObjectDto>,
    pub history: Vec<LicenseEventDto>,
}

/// `GET /api/registry?q=`: a license number or a БИН.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct RegistryQuery {
    #[serde(default)]
    pub q: String,
}

/// `POST /api/verify`: a result PDF and its signature, base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyDocument {
    pub pdf: String,
    pub signature: String,
}

/// The answer of a document verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyOutcome {
    /// Issued by the portal, unchanged, and signed by the official it names.
    pub authentic: bool,
    /// Why not, when not: `unknown_document` (not issued here, or changed),
    /// `bad_signature` (the signature does not match the document or its
    /// signer).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestNumber>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_at: Option<String>,
}

/// Masks an individual's ИИН for the public: `900101*****7`.
pub fn mask_iin(iin: &str) -> String {
    iin.chars()
        .enumerate()
        .map(|(i, c)| if (6..11).contains(&i) { '*' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_the_middle_of_an_iin() {
        assert_eq!(mask_iin("900101300007"), "900101*****7");
    }

    #[test]
    fn a_page_bound_beyond_int32_is_refused() {
        let read = |json: &str| serde_json::from_str::<QueueQuery>(json);
        let q = read(r#"{"limit":20,"offset":2147483647}"#).expect("in range");
        assert_eq!((q.limit, q.offset), (Some(20), Some(2_147_483_647)));
        assert!(read(r#"{"offset":2147483648}"#).is_err());
        assert!(read(r#"{"limit":4294967295}"#).is_err());
        assert_eq!(read("{}").expect("none").offset, None);
    }
}

/// Quality and timeliness of one service at one provider (SPEC §7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct GroupStats {
    pub service: String,
    pub service_name: Text,
    pub provider: String,
    pub provider_name: Text,
    /// Survey answers to the first question (the "quality" indicator):
    /// not satisfied, partially, satisfied.
    pub quality: [u32; 3],
    /// To the second question (the "accessibility" indicator).
    pub accessibility: [u32; 3],
    pub decided: u32,
    pub approved: u32,
    pub refused: u32,
    /// Decided by the due date.
    pub on_time: u32,
    /// Median working days from registration to decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_days: Option<f64>,
    /// Unmet requirements behind refusals, most first.
    pub refusal_reasons: Vec<RefusalReason>,
}

/// An unmet requirement behind refusals, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefusalReason {
    /// The checklist item's code.
    pub code: String,
    pub name: Text,
    pub count: u32,
}

/// `GET /api/stats`: the indicators, public.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatsDto {
    pub groups: Vec<GroupStats>,
}

/// The median of `values` (sorted or not).
pub fn median(values: &mut [i32]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (f64::from(values[mid - 1]) + f64::from(values[mid])) / 2.0
    } else {
        f64::from(values[mid])
    })
}

#[cfg(test)]
mod stats_tests {
    use super::median;

    #[test]
    fn medians() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5]), Some(5.0));
        assert_eq!(median(&mut [9, 1, 4]), Some(4.0));
        assert_eq!(median(&mut [4, 1, 2, 3]), Some(2.5));
    }
}

#[cfg(test)]
mod due_tests {
    use super::*;

    #[test]
    fn the_due_filter() {
        assert!(DueFilter::Overdue.admits(-1));
        assert!(!DueFilter::Overdue.admits(0));
        assert!(DueFilter::Soon.admits(2));
        assert!(DueFilter::Soon.admits(-3));
        assert!(!DueFilter::Soon.admits(3));
    }

    /// The query's date bound admits exactly what the working-day rule
    /// admits, for due dates around every day of a year with holidays.
    #[test]
    fn the_due_bound_agrees_with_the_working_day_rule() {
        let data: crate::calendar::CalendarData =
            serde_json::from_str(include_str!("../../backend/data/calendar/kz.json"))
                .expect("calendar data");
        let calendar = WorkCalendar::new(&data);
        let start = Date::from_ymd(2026, 1, 1).expect("a date");
        for day in 0..365 {
            let today = start.add_days(day);
            for filter in [DueFilter::Overdue, DueFilter::Soon] {
                let bound = filter.due_before(&calendar, today);
                for offset in -20..20 {
                    let due = today.add_days(offset);
                    assert_eq!(
                        due < bound,
                        filter.admits(calendar.working_days_left(today, due)),
                        "{filter:?} today {today} due {due}"
                    );
                }
            }
        }
    }
}
