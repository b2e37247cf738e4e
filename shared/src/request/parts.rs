//! The parts of a request that the reviewer's and the desk's views are
//! built of too: its number, status, applicant, payment, history events
//! and the licenses' status. Shown as `shared::request::*`; here so that
//! `review` and `desk` need not import the request views that contain
//! theirs.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::money::Tiyn;

/// Where a request is in its life (SPEC §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Draft,
    AwaitingPayment,
    AwaitingSignature,
    /// Registered: it has a number.
    Submitted,
    InReview,
    /// A preliminary refusal was sent: the applicant may object within
    /// the hearing's working days.
    Hearing,
    /// Documents were asked for: the deadline pauses until the answer.
    AwaitingDocuments,
    /// The result was issued.
    Approved,
    /// A motivated refusal was issued.
    Refused,
}

impl RequestStatus {
    pub const ALL: [RequestStatus; 9] = [
        RequestStatus::Draft,
        RequestStatus::AwaitingPayment,
        RequestStatus::AwaitingSignature,
        RequestStatus::Submitted,
        RequestStatus::InReview,
        RequestStatus::Hearing,
        RequestStatus::AwaitingDocuments,
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
            RequestStatus::Hearing => "hearing",
            RequestStatus::AwaitingDocuments => "awaiting_documents",
            RequestStatus::Approved => "approved",
            RequestStatus::Refused => "refused",
        }
    }

    pub fn parse(code: &str) -> Option<RequestStatus> {
        RequestStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The provider has it and has not decided yet.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            RequestStatus::Submitted
                | RequestStatus::InReview
                | RequestStatus::Hearing
                | RequestStatus::AwaitingDocuments
        )
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

/// A registration number, unique across the system: `KZ-<year>-<8+ digits>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RequestNumber(String);

impl RequestNumber {
    /// The number of request `id` registered in `year`.
    pub fn new(year: i32, id: i64) -> RequestNumber {
        RequestNumber(format!("KZ-{year:04}-{id:08}"))
    }

    pub fn parse(input: &str) -> Option<RequestNumber> {
        let rest = input.trim().strip_prefix("KZ-")?;
        let (year, serial) = rest.split_once('-')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (year.len() == 4
            && digits(year)
            && serial.len() >= 8
            && serial.len() <= 12
            && digits(serial))
        .then(|| RequestNumber(format!("KZ-{year}-{serial}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for RequestNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RequestNumber {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        RequestNumber::parse(&s).ok_or_else(|| serde::de::Error::custom("not a request number"))
    }
}

/// Where the fee stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Sent to the payment gateway; no confirmation yet.
    Pending,
    /// The gateway confirmed the payment.
    Paid,
}

/// The request's fee and its payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentDto {
    pub status: PaymentStatus,
    pub amount: Tiyn,
    /// The gateway's transaction reference (the receipt number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction: Option<String>,
    /// The card as the gateway shows it (`4405 •••• 0001`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
    /// RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LicenseStatus {
    Active,
    /// Replaced by a re-issued license.
    Reissued,
    Suspended,
    Terminated,
}

impl LicenseStatus {
    pub const ALL: [LicenseStatus; 4] = [
        LicenseStatus::Active,
        LicenseStatus::Reissued,
        LicenseStatus::Suspended,
        LicenseStatus::Terminated,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LicenseStatus::Active => "active",
            LicenseStatus::Reissued => "reissued",
            LicenseStatus::Suspended => "suspended",
            LicenseStatus::Terminated => "terminated",
        }
    }

    pub fn parse(code: &str) -> Option<LicenseStatus> {
        LicenseStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The applicant (prefilled from the account, never typed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApplicantDto {
    pub tax_id: String,
    pub name: String,
}

/// A status change, as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestEventDto {
    /// RFC 3339.
    pub at: String,
    pub status: RequestStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}
