//! What the provider asks the applicant while a request is under review,
//! and the answer: the hearing before an unfavourable decision (the
//! Administrative Procedure Code: the preliminary refusal with its reasons,
//! the applicant's objection within [`HEARING_WORKING_DAYS`] working days),
//! and the request for missing documents, which pauses the deadline until
//! the applicant answers.

use serde::{Deserialize, Serialize};

use crate::calendar::Date;
use crate::files::FileDto;

/// Working days the applicant has to answer a preliminary refusal.
pub const HEARING_WORKING_DAYS: u16 = 2;
/// The longest question or answer, in characters.
pub const MAX_INQUIRY_CHARS: usize = 4000;
/// The document code of a file the applicant adds to an answer (beside the
/// catalog's own documents, which a request for documents may ask for).
pub const ANSWER_DOCUMENT: &str = "answer";

/// What is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum InquiryKind {
    /// The preliminary refusal: the reasons, and the applicant may object.
    Hearing,
    /// Documents missing or wrong: the deadline pauses until the answer.
    Documents,
}

impl InquiryKind {
    pub const ALL: [InquiryKind; 2] = [InquiryKind::Hearing, InquiryKind::Documents];

    pub fn code(self) -> &'static str {
        match self {
            InquiryKind::Hearing => "hearing",
            InquiryKind::Documents => "documents",
        }
    }

    pub fn parse(code: &str) -> Option<InquiryKind> {
        InquiryKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// `POST /api/review/requests/{id}/inquiries`: the reviewer asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inquire {
    pub kind: InquiryKind,
    /// The reasons of the preliminary refusal, or what is missing.
    pub message: String,
}

/// `POST /api/requests/{id}/answer`: the applicant answers the open
/// inquiry; the files added since it was asked go with the answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Answer {
    #[serde(default)]
    pub text: String,
}

/// An inquiry as both sides see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InquiryDto {
    pub id: i64,
    pub kind: InquiryKind,
    pub message: String,
    /// RFC 3339.
    pub asked_at: String,
    /// The last day an answer to a preliminary refusal is taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_due: Option<Date>,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// The files that came with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileDto>,
    /// It may still be answered.
    pub open: bool,
}
