//! Why a call failed: the server's error body, or no answer at all.

use shared::{ApiErrorBody, ErrorCode, FieldErrors};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server answered with an error body.
    Api { status: u16, body: ApiErrorBody },
    /// No answer (offline, server down) or an answer we could not read.
    Network,
}

impl ApiFailure {
    pub fn code(&self) -> Option<&ErrorCode> {
        match self {
            ApiFailure::Api { body, .. } => Some(&body.error),
            ApiFailure::Network => None,
        }
    }

    pub fn fields(&self) -> FieldErrors {
        match self {
            ApiFailure::Api { body, .. } => body.fields.clone(),
            ApiFailure::Network => FieldErrors::new(),
        }
    }

    pub fn request_id(&self) -> Option<String> {
        match self {
            ApiFailure::Api { body, .. } => body.request_id.clone(),
            ApiFailure::Network => None,
        }
    }
}
