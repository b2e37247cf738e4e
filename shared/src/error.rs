//! Error codes: what went wrong, as data. The server sends them; the app
//! localizes them (`error.<code>` and `field.<code>` keys in its locale files).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Declares a tagged enum and the list of its codes, so a test can check that
/// every code has a translation.
macro_rules! codes {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident $({ $($field:ident : $fty:ty),* $(,)? })? = $code:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        ///
        /// On the wire: `{"code": "<code>", <the variant's fields>}`.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(tag = "code", rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant $({ $($field: $fty),* })? ),*
        }

        impl $name {
            /// The variant a tagged object names (see [`crate::tagged`]).
            fn from_tagged(tagged: $crate::tagged::Tagged) -> Result<Self, &'static str> {
                // A borrow of a moved-in temporary: the variants with fields
                // take from it, and an enum without any needs no `mut`.
                let tagged = &mut { tagged };
                let code = std::mem::take(&mut tagged.code);
                Ok(match code.as_str() {
                    $( $code => Self::$variant $({ $($field: tagged.take(stringify!($field))?),* })?, )*
                    _ => return Err("unknown code"),
                })
            }
        }

        impl $crate::tagged::FromRaw for $name {
            fn from_raw(raw: $crate::tagged::Raw) -> Option<Self> {
                match raw {
                    $crate::tagged::Raw::Code(tagged) => Self::from_tagged(tagged).ok(),
                    _ => None,
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let tagged = $crate::tagged::Tagged::deserialize(d)?;
                Self::from_tagged(tagged).map_err(serde::de::Error::custom)
            }
        }

        impl $name {
            /// Every code, in declaration order.
            pub const ALL_CODES: &'static [&'static str] = &[$($code),*];

            /// The snake-case code, as sent on the wire.
            pub fn code(&self) -> &'static str {
                match self {
                    $( Self::$variant { .. } => $code ),*
                }
            }
        }
    };
}

codes! {
    /// Why a request failed, as a whole.
    pub enum ErrorCode {
        /// The body or query could not be read.
        BadRequest = "bad_request",
        /// One or more fields are wrong; see [`ApiErrorBody::fields`].
        Validation = "validation",
        /// No valid access token.
        Unauthenticated = "unauthenticated",
        /// The access token expired; refresh and retry.
        TokenExpired = "token_expired",
        /// The refresh session is over (logged out, rotated, revoked).
        SessionEnded = "session_ended",
        /// Unknown ИИН/БИН or wrong password: deliberately the same answer.
        InvalidCredentials = "invalid_credentials",
        /// The account was disabled by an administrator.
        AccountDisabled = "account_disabled",
        /// Too many failed attempts; wait and try again.
        TooManyAttempts { retry_after_secs: u64 } = "too_many_attempts",
        /// Signed in, but this role or this owner may not do it.
        Forbidden = "forbidden",
        NotFound = "not_found",
        /// The password-reset link is unknown, expired or used already.
        ResetLinkInvalid = "reset_link_invalid",
        /// The registry has no license with this number.
        LicenseNotFound = "license_not_found",
        /// No account has the ИИН/БИН of this certificate: register first.
        NotRegistered = "not_registered",
        /// This account may not apply for the service (a БИН-only service
        /// for an individual, say).
        NotEligible = "not_eligible",
        /// The request was sent and can no longer be changed or discarded.
        NotEditable = "not_editable",
        /// The ИИН/БИН already has an account.
        AlreadyRegistered = "already_registered",
        /// The current password given to change it was wrong.
        WrongCurrentPassword = "wrong_current_password",
        PayloadTooLarge = "payload_too_large",
        /// A file over the per-file limit (bytes).
        FileTooLarge { max: u64 } = "file_too_large",
        /// The request's files together would exceed the limit (bytes).
        RequestFilesTooLarge { max: u64 } = "request_files_too_large",
        /// The request already carries the most files it may.
        TooManyFiles { max: u32 } = "too_many_files",
        FileEmpty = "file_empty",
        /// Not a PDF, JPEG or PNG (by content or by name).
        FileTypeNotAllowed = "file_type_not_allowed",
        /// The name's extension says one kind, the content another.
        FileTypeMismatch = "file_type_mismatch",
        /// The file is cut short or broken.
        FileDamaged = "file_damaged",
        /// The malware check refused the file.
        FileInfected = "file_infected",
        /// HTML, SVG, XML or a script, whatever the name or magic bytes say.
        FileMarkup = "file_markup",
        /// A PDF carrying JavaScript (`/JS`, `/JavaScript`).
        PdfJavascript = "pdf_javascript",
        /// A PDF that launches a program (`/Launch`).
        PdfLaunch = "pdf_launch",
        /// A PDF that sends data out or opens other files or media
        /// (`/SubmitForm`, `/ImportData`, `/GoToR`, `/GoToE`, `/RichMedia`).
        PdfExternalAction = "pdf_external_action",
        /// A PDF that acts by itself on opening (`/OpenAction`, `/AA`).
        PdfOpenAction = "pdf_open_action",
        /// A PDF carrying files inside (`/EmbeddedFile`, `/EmbeddedFiles`).
        PdfEmbeddedFile = "pdf_embedded_file",
        /// A PDF with an XFA form (`/XFA`).
        PdfXfa = "pdf_xfa",
        /// A password-protected PDF: neither checked nor readable by staff.
        PdfEncrypted = "pdf_encrypted",
        /// A PDF whose compressed streams inflate past the limit (bytes).
        PdfInflatesTooFar { max: u64 } = "pdf_inflates_too_far",
        /// A JPEG or PNG that does not decode as one.
        ImageUndecodable = "image_undecodable",
        /// An image past the pixel or memory limit (pixels).
        ImageTooLarge { max_pixels: u64 } = "image_too_large",
        /// Folders, control or reserved characters in the file name.
        FileNameInvalid = "file_name_invalid",
        FileNameTooLong { max: u32 } = "file_name_too_long",
        /// The form is not complete yet: see the problems listed.
        RequestIncomplete = "request_incomplete",
        /// The fee has not been paid (condition 2, process 5).
        PaymentRequired = "payment_required",
        /// The fee is already paid.
        AlreadyPaid = "already_paid",
        /// The service is free: nothing to pay.
        NothingToPay = "nothing_to_pay",
        /// The request changed after the page was loaded; reload and sign again.
        RequestChanged = "request_changed",
        /// At this desk the request is signed with the ЭЦП of the person
        /// at the desk, not registered without one.
        DeskSigns = "desk_signs",
        /// A payment notice without a valid signature, fresh time or the
        /// right amount (for the gateway, never shown to applicants).
        CallbackRejected = "callback_rejected",
        /// The survey for this request was already answered, or there is no
        /// result yet to rate.
        SurveyClosed = "survey_closed",
        /// The person already holds an attachment to this organization.
        AlreadyAttached = "already_attached",
        /// The medical organization has no free places.
        ClinicFull = "clinic_full",
        /// Another reviewer is working on the request.
        AssignedToOther = "assigned_to_other",
        /// The request was decided already.
        AlreadyDecided = "already_decided",
        /// A refusal comes only after the hearing: send the preliminary
        /// refusal first.
        HearingRequired = "hearing_required",
        /// The applicant may still answer the preliminary refusal.
        HearingOpen = "hearing_open",
        /// An earlier question waits for the applicant's answer.
        InquiryOpen = "inquiry_open",
        /// No question is open on the request: nothing to answer.
        NoOpenInquiry = "no_open_inquiry",
        /// The time to answer the preliminary refusal has passed.
        AnswerLate = "answer_late",
        /// Nothing waits in the queue.
        QueueEmpty = "queue_empty",
        /// The license's status does not allow this change.
        LicenseStatusConflict = "license_status_conflict",
        /// The state registry has no data on this ИИН/БИН: "the data cannot
        /// be obtained" (SPEC §5, process 5).
        RegistryNotFound = "registry_not_found",
        /// The state registry did not answer in time; try again.
        RegistryUnavailable = "registry_unavailable",
        /// The service cannot be applied for through this desk (its channels,
        /// or another provider's service).
        ChannelNotOffered = "channel_not_offered",
        /// Requests were entered for this ИИН/БИН at a desk: register with
        /// the ЭЦП, which proves who you are, to see them.
        RegisterWithEds = "register_with_eds",
        /// There is no result yet to hand over.
        NoResultYet = "no_result_yet",
        /// The result was handed over already.
        AlreadyHandedOver = "already_handed_over",
        /// The ЭЦП signature or certificate was refused: "the signature's
        /// authenticity is not confirmed", with the reason.
        SignatureRejected { reason: crate::eds::code::EdsCode } = "signature_rejected",
        /// The server is busy; retry later.
        Unavailable = "unavailable",
        /// Something failed on our side; the request id is in the logs.
        Internal = "internal",
    }
}

codes! {
    /// What is wrong with one field.
    pub enum FieldCode {
        Required = "required",
        DigitsOnly = "digits_only",
        Length { expected: u32 } = "length",
        TooShort { min: u32 } = "too_short",
        TooLong { max: u32 } = "too_long",
        Checksum = "checksum",
        IinCentury = "iin_century",
        IinBirthDate = "iin_birth_date",
        BinRegistrationDate = "bin_registration_date",
        BinKind = "bin_kind",
        BinUnit = "bin_unit",
        /// Twelve digits with a right check digit that read as neither an
        /// ИИН nor a БИН.
        TaxId = "tax_id",
        /// Not a request number (`KZ-YYYY-NNNNNNNN`).
        RequestNumber = "request_number",
        PasswordCommon = "password_common",
        /// The password contains the account's ИИН/БИН, phone number or a
        /// word of its name.
        PasswordPersonal = "password_personal",
        /// Invisible or control characters (direction overrides, zero-width
        /// spaces: Unicode categories Cf and Cc).
        Invisible = "invisible",
        PasswordMismatch = "password_mismatch",
        Email = "email",
        Phone = "phone",
        /// Not a date (`YYYY-MM-DD`), or a day that does not exist.
        Date = "date",
        /// A value outside the allowed list.
        UnknownChoice = "unknown_choice",
        /// One line of text only, without control characters.
        SingleLine = "single_line",
        /// Not a number (in the form the field takes).
        Number = "number",
        /// A number outside the field's bounds.
        Range { min: i64, max: i64 } = "range",
        /// A date that may not lie in the future.
        DateInFuture = "date_in_future",
        /// The form has no such field.
        UnknownField = "unknown_field",
        /// The field was sent more than once; it takes one value.
        Repeated = "repeated",
        /// An approval with a requirement not met, or a refusal with none.
        DecisionMismatch = "decision_mismatch",
    }
}

/// Field name → what is wrong with it. Field names are the JSON names of the
/// request body.
pub type FieldErrors = BTreeMap<String, Vec<FieldCode>>;

/// The body of every error answer of the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub error: ErrorCode,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "openapi", schema(inline))]
    pub fields: FieldErrors,
    /// Quote this to support; it finds the server's log lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// Collects field errors while a form is checked.
#[derive(Debug, Default)]
pub struct Collector {
    errors: FieldErrors,
}

impl Collector {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, field: &str, code: FieldCode) {
        self.errors.entry(field.to_owned()).or_default().push(code);
    }

    /// Keeps the parsed value, or records its error and gives `None`.
    pub fn check<T>(&mut self, field: &str, result: Result<T, FieldCode>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(code) => {
                self.add(field, code);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn finish(self) -> Result<(), FieldErrors> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }

    pub fn into_errors(self) -> FieldErrors {
        self.errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_form_is_tagged() {
        let body = ApiErrorBody {
            error: ErrorCode::TooManyAttempts {
                retry_after_secs: 30,
            },
            fields: BTreeMap::from([("iin".to_owned(), vec![FieldCode::Length { expected: 12 }])]),
            request_id: None,
        };
        let json = serde_json::to_string(&body).expect("json");
        assert_eq!(
            json,
            r#"{"error":{"code":"too_many_attempts","retry_after_secs":30},"fields":{"iin":[{"code":"length","expected":12}]}}"#
        );
        let back: ApiErrorBody = serde_json::from_str(&json).expect("parse");
        assert_eq!(back, body);
    }

    #[test]
    fn code_matches_serde_tag() {
        let json = serde_json::to_value(ErrorCode::InvalidCredentials).expect("json");
        assert_eq!(json["code"], ErrorCode::InvalidCredentials.code());
        assert!(ErrorCode::ALL_CODES.contains(&"internal"));
        assert!(FieldCode::ALL_CODES.contains(&FieldCode::TooShort { min: 8 }.code()));
    }
}
