//! Requests (заявки) as the API shows them: the applicant's draft, then the
//! registered request with its number, status and history (SPEC §3, §4).

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::catalog::RequestType;
use crate::error::FieldErrors;
use crate::files::FileDto;
use crate::forms::Answers;
use crate::money::Tiyn;

pub mod inquiry;
pub(crate) mod parts;

pub use parts::{
    ApplicantDto, LicenseStatus, PaymentDto, PaymentStatus, RequestEventDto, RequestNumber,
    RequestStatus,
};

/// `POST /api/requests`: start a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreateDraft {
    pub service: String,
    pub request_type: RequestType,
}

/// `GET /api/licenses` and `GET /api/clinics`: `request` names the request
/// a desk is filling, whose applicant's licenses or attachment to show;
/// without it, the signed-in applicant's own.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ApplicantQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<i64>,
}

/// `PUT /api/requests/{id}`: save the draft as it is (the whole form; an
/// answer left out is removed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SaveDraft {
    /// The provider (or, for PHC attachment, the medical organization).
    #[serde(default)]
    pub provider: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub answers: Answers,
    /// Re-issuance and duplicate: the number of the applicant's own license
    /// the request is about (its number and date then fill the form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
}

/// `POST /api/requests/{id}/payment`: start paying, in this language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StartPayment {
    #[serde(default)]
    pub lang: crate::Lang,
}

/// `POST /api/requests/{id}/survey` carries [`SurveyAnswers`] and the
/// language the questions were shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyBody {
    #[serde(flatten)]
    pub answers: SurveyAnswers,
    #[serde(default)]
    pub lang: crate::Lang,
}

/// `GET /api/requests/{id}/files` upload query: the document the file is
/// for, and its name as the user has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct UploadQuery {
    pub document: String,
    pub name: String,
}

/// Where to send the browser to pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentRedirect {
    pub url: String,
}

/// One of the applicant's licenses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenseDto {
    pub number: String,
    pub service: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    pub issued_on: Date,
    pub status: LicenseStatus,
}

/// A file as the signed application lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedFile {
    pub document: String,
    pub name: String,
    pub sha256: String,
    pub size: u64,
}

/// The payment as the signed application lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignedPayment {
    pub transaction: String,
    pub amount_tiyn: u64,
}

/// The application the applicant signs (steps 5–6): everything stored for
/// the request. Its `shared::canonical` form is the signed content; the
/// server rebuilds it from what it holds, never from the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Application {
    pub request: i64,
    pub service: String,
    pub request_type: RequestType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The applicant's ИИН or БИН.
    pub applicant: String,
    pub applicant_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub answers: Answers,
    pub files: Vec<SignedFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<SignedPayment>,
}

impl Application {
    /// The bytes the applicant signs: RFC 8785 canonical JSON.
    pub fn to_signed_bytes(&self) -> Vec<u8> {
        // Strings, enums and integers below 2^53: always representable.
        crate::canonical::to_bytes(self).unwrap_or_default()
    }
}

/// `POST /api/requests/{id}/submit`: the signature over the application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitSigned {
    /// Base64 of the detached CMS SignedData.
    pub cms: String,
}

/// One answer of the quality survey (SPEC §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    NotSatisfied,
    Partially,
    Satisfied,
}

impl Satisfaction {
    pub const ALL: [Satisfaction; 3] = [
        Satisfaction::NotSatisfied,
        Satisfaction::Partially,
        Satisfaction::Satisfied,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Satisfaction::NotSatisfied => "not_satisfied",
            Satisfaction::Partially => "partially",
            Satisfaction::Satisfied => "satisfied",
        }
    }

    pub fn parse(code: &str) -> Option<Satisfaction> {
        Satisfaction::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// `POST /api/requests/{id}/survey`: the two questions, each to be answered
/// (an answer without one is refused by its field).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SurveyAnswers {
    /// The quality of the process and of the result.
    #[serde(default)]
    pub process: Option<Satisfaction>,
    /// The quality of the information on how the service is given.
    #[serde(default)]
    pub information: Option<Satisfaction>,
}

/// A request with everything its owner may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestDto {
    pub id: i64,
    pub service: String,
    pub request_type: RequestType,
    pub status: RequestStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub answers: Answers,
    /// What is still wrong or missing before the request can be sent.
    #[serde(default, skip_serializing_if = "FieldErrors::is_empty")]
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub problems: FieldErrors,
    /// The registration number, once submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<RequestNumber>,
    pub applicant: ApplicantDto,
    /// Re-issuance and duplicate: the license it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    pub files: Vec<FileDto>,
    /// What the request type costs (zero when free).
    pub fee: Tiyn,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<PaymentDto>,
    /// RFC 3339, once registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<String>,
    /// The deadline in working days, once registered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<Date>,
    /// The survey may be answered (a result, and no answer yet).
    #[serde(default)]
    pub survey_open: bool,
    /// The signed result (license, certificate or motivated refusal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<crate::review::DecisionDto>,
    /// Who at the provider opened the request, and when.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<ViewDto>,
    /// Entered at a desk: through which channel, by whom, the paper
    /// documents ticked, the hand-over of the result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk: Option<crate::desk::DeskInfo>,
    /// What the provider asked while reviewing it (a preliminary refusal,
    /// missing documents) and the answers, the open one last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inquiries: Vec<inquiry::InquiryDto>,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
    pub history: Vec<RequestEventDto>,
}

/// Why someone other than the applicant read their request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ViewKind {
    /// The provider's staff opened it.
    Opened,
    /// A ЦОН operator looked its status up by its number and ИИН/БИН
    /// (seeds 000 and 004, §10).
    StatusLookup,
}

/// A reading of the request by someone else (the applicant's access list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ViewDto {
    /// RFC 3339.
    pub at: String,
    pub kind: ViewKind,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}

/// A row of «История получения услуг».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestSummary {
    pub id: i64,
    pub service: String,
    pub request_type: RequestType,
    pub status: RequestStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<RequestNumber>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<Date>,
    pub updated_at: String,
}

/// A medical organization's places (PHC attachment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClinicDto {
    pub provider: String,
    pub capacity: u32,
    /// People attached now.
    pub attached: u32,
}

impl ClinicDto {
    pub fn free(&self) -> u32 {
        self.capacity.saturating_sub(self.attached)
    }
}

/// The person's current attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentClinic {
    pub provider: String,
    /// RFC 3339.
    pub since: String,
}

/// `GET /api/clinics`: the organizations with their places, and the
/// person's current attachment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClinicsDto {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<CurrentClinic>,
    pub clinics: Vec<ClinicDto>,
}

/// An in-app notification: a request's status changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationDto {
    pub id: i64,
    pub request: i64,
    pub service: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<RequestNumber>,
    pub status: RequestStatus,
    /// RFC 3339.
    pub at: String,
    pub read: bool,
}

/// `GET /api/notifications`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NotificationsDto {
    pub unread: u32,
    pub items: Vec<NotificationDto>,
}

/// `GET /api/notifications/unread`: the header's badge, polled on every
/// page change, so one count and not the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnreadDto {
    pub unread: u32,
}

/// `GET /api/requests` filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct RequestQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RequestStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_round_trip() {
        for s in RequestStatus::ALL {
            assert_eq!(RequestStatus::parse(s.code()), Some(s));
            let json = serde_json::to_string(&s).expect("json");
            assert_eq!(json, format!("\"{}\"", s.code()));
        }
        assert!(RequestStatus::Draft.is_editable());
        let n = RequestNumber::new(2026, 42);
        assert_eq!(n.as_str(), "KZ-2026-00000042");
        assert_eq!(RequestNumber::parse(" KZ-2026-00000042 "), Some(n));
        for bad in [
            "",
            "KZ-2026-42",
            "KZ-26-00000042",
            "kz-2026-00000042",
            "KZ-2026-0000004a",
            "KZ-2026-00000042-1",
        ] {
            assert_eq!(RequestNumber::parse(bad), None, "{bad}");
        }
        assert!(!RequestStatus::Submitted.is_editable());
    }
}
