//! Requests (заявки) as the API shows them: the applicant's draft, then the
//! registered request with its number, status and history (SPEC §3, §4).

use serde::{Deserialize, Serialize};

use crate::catalog::RequestType;
use crate::error::FieldErrors;
use crate::forms::Answers;

/// Where a request is in its life (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Draft,
    AwaitingPayment,
    AwaitingSignature,
    /// Registered: it has a number.
    Submitted,
    InReview,
    /// The result was issued.
    Approved,
    /// A motivated refusal was issued.
    Refused,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 7] = [
        RequestStatus::Draft,
        RequestStatus::AwaitingPayment,
        RequestStatus::AwaitingSignature,
        RequestStatus::Submitted,
        RequestStatus::InReview,
        RequestStatus::Approved,
        RequestStatus::Refused,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RequestStatus::Draft => "draft",
            RequestStatus::AwaitingPayment => "awaiting_payment",
            RequestStatus::AwaitingSignature => "awaiting_signature",
            RequestStatus::Submitted => "submitted",
            RequestStatus::InReview => "in_review",
            RequestStatus::Approved => "approved",
            RequestStatus::Refused => "refused",
        }
    }

    pub fn parse(code: &str) -> Option<RequestStatus> {
        RequestStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The applicant may still change the answers.
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            RequestStatus::Draft
                | RequestStatus::AwaitingPayment
                | RequestStatus::AwaitingSignature
        )
    }
}

/// `POST /api/requests`: start a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateDraft {
    pub service: String,
    pub request_type: RequestType,
}

/// `PUT /api/requests/{id}`: save the draft as it is (the whole form; an
/// answer left out is removed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveDraft {
    /// The provider (or, for PHC attachment, the medical organization).
    #[serde(default)]
    pub provider: Option<String>,
    #[serde(default)]
    pub answers: Answers,
}

/// A status change, as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestEventDto {
    /// RFC 3339.
    pub at: String,
    pub status: RequestStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A request with everything its owner may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDto {
    pub id: i64,
    pub service: String,
    pub request_type: RequestType,
    pub status: RequestStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    pub answers: Answers,
    /// What is still wrong or missing before the request can be sent.
    #[serde(default, skip_serializing_if = "FieldErrors::is_empty")]
    pub problems: FieldErrors,
    /// The registration number, once submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    pub updated_at: String,
    pub history: Vec<RequestEventDto>,
}

/// A row of «История получения услуг».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub id: i64,
    pub service: String,
    pub request_type: RequestType,
    pub status: RequestStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub updated_at: String,
}

/// `GET /api/requests` filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
        assert!(!RequestStatus::Submitted.is_editable());
    }
}
