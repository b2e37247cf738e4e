//! The localized messages of the shared error, field and ЭЦП codes.

use shared::eds::EdsCode;
use shared::{ErrorCode, FieldCode};

use super::context::I18n;

impl I18n {
    /// A localized message for an API error code.
    pub fn error(&self, code: &ErrorCode) -> String {
        let args = match code {
            ErrorCode::TooManyAttempts { retry_after_secs } => {
                vec![("minutes", retry_after_secs.div_ceil(60).to_string())]
            }
            ErrorCode::FileTooLarge { max }
            | ErrorCode::RequestFilesTooLarge { max }
            | ErrorCode::PdfInflatesTooFar { max } => {
                vec![("mb", (max / (1024 * 1024)).to_string())]
            }
            ErrorCode::TooManyFiles { max } | ErrorCode::FileNameTooLong { max } => {
                vec![("max", max.to_string())]
            }
            ErrorCode::ImageTooLarge { max_pixels } => {
                vec![("mp", (max_pixels / 1_000_000).to_string())]
            }
            _ => vec![],
        };
        if let ErrorCode::SignatureRejected { reason } = code {
            return self.eds(reason);
        }
        self.tf(&format!("error.{}", code.code()), &args)
    }

    /// Why a keystore or a signature was refused.
    pub fn eds(&self, code: &EdsCode) -> String {
        self.t(&format!("eds.{}", code.code()))
    }

    /// A localized message for a field error code.
    pub fn field(&self, code: &FieldCode) -> String {
        let args = match code {
            FieldCode::Length { expected } => vec![("expected", expected.to_string())],
            FieldCode::TooShort { min } => vec![("min", min.to_string())],
            FieldCode::TooLong { max } => vec![("max", max.to_string())],
            FieldCode::Range { min, max } => {
                vec![("min", min.to_string()), ("max", max.to_string())]
            }
            _ => vec![],
        };
        self.tf(&format!("field.{}", code.code()), &args)
    }
}
