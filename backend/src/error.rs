//! The one error type at the HTTP edge. Handlers and services return
//! [`AppError`]; it becomes a JSON [`ApiErrorBody`] with a status code. The
//! cause of an internal error is logged, never sent.

use std::fmt;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use shared::{ApiErrorBody, ErrorCode, FieldCode, FieldErrors};

pub type AppResult<T> = Result<T, AppError>;

pub struct AppError {
    status: StatusCode,
    code: ErrorCode,
    fields: FieldErrors,
    /// What really went wrong, for the log.
    cause: Option<String>,
}

impl AppError {
    pub fn new(status: StatusCode, code: ErrorCode) -> Self {
        AppError {
            status,
            code,
            fields: FieldErrors::new(),
            cause: None,
        }
    }

    /// 422 with the field → codes map.
    pub fn validation(fields: FieldErrors) -> Self {
        AppError {
            fields,
            ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::Validation)
        }
    }

    /// 422 with `code` and the field → codes map.
    pub fn validation_as(code: ErrorCode, fields: FieldErrors) -> Self {
        AppError {
            fields,
            ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, code)
        }
    }

    /// 422 for one field.
    pub fn field(name: &str, code: FieldCode) -> Self {
        let mut fields = FieldErrors::new();
        fields.insert(name.to_owned(), vec![code]);
        Self::validation(fields)
    }

    pub fn bad_request() -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::BadRequest)
    }

    /// Well-formed input the API cannot take as it is: JSON of the wrong
    /// shape, a NUL character in a string.
    pub fn unprocessable() -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::BadRequest)
    }

    pub fn unauthenticated() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated)
    }

    pub fn token_expired() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorCode::TokenExpired)
    }

    pub fn session_ended() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorCode::SessionEnded)
    }

    pub fn invalid_credentials() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorCode::InvalidCredentials)
    }

    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, ErrorCode::Forbidden)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, ErrorCode::NotFound)
    }

    pub fn conflict(code: ErrorCode) -> Self {
        Self::new(StatusCode::CONFLICT, code)
    }

    pub fn too_many_attempts(retry_after_secs: u64) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::TooManyAttempts { retry_after_secs },
        )
    }

    /// A refused ЭЦП signature or certificate, with its reason (422).
    pub fn signature(reason: shared::eds::EdsCode) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::SignatureRejected { reason },
        )
    }

    /// 503 with `Retry-After`: the server cannot take this now.
    pub fn unavailable() -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable)
    }

    /// 500; `cause` goes to the log only.
    pub fn internal(cause: impl fmt::Display) -> Self {
        AppError {
            cause: Some(cause.to_string()),
            ..Self::new(StatusCode::INTERNAL_SERVER_ERROR, ErrorCode::Internal)
        }
    }

    /// Adds a cause for the log to any error.
    pub fn with_cause(mut self, cause: impl fmt::Display) -> Self {
        self.cause = Some(cause.to_string());
        self
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn code(&self) -> &ErrorCode {
        &self.code
    }
}

impl fmt::Debug for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.status, self.code.code())?;
        if let Some(cause) = &self.cause {
            write!(f, ": {cause}")?;
        }
        Ok(())
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        AppError::internal(format_args!("database: {e}"))
    }
}

impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(e: sea_orm::TransactionError<AppError>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => db.into(),
            sea_orm::TransactionError::Transaction(app) => app,
        }
    }
}

impl From<tokio::task::JoinError> for AppError {
    fn from(e: tokio::task::JoinError) -> Self {
        AppError::internal(format_args!("blocking task: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        // The server's failures are errors; a client's refused request is
        // worth a line, not an alarm.
        match (&self.cause, self.status.is_server_error()) {
            (Some(cause), true) => {
                tracing::error!(status = %self.status, code = self.code.code(), cause = %cause, "request failed");
            }
            (None, true) => {
                tracing::error!(status = %self.status, code = self.code.code(), "request failed");
            }
            (Some(cause), false) => {
                tracing::info!(status = %self.status, code = self.code.code(), cause = %cause, "request refused");
            }
            (None, false) => {}
        }
        let retry_after = match &self.code {
            ErrorCode::TooManyAttempts { retry_after_secs } => Some(*retry_after_secs),
            ErrorCode::Unavailable => Some(1),
            _ => None,
        };
        let body = ApiErrorBody {
            error: self.code,
            fields: self.fields,
            request_id: None,
        };
        let mut response = (self.status, axum::Json(body.clone())).into_response();
        if let Some(secs) = retry_after
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
        // The request-id middleware copies the id into the body on the way out.
        response.extensions_mut().insert(body);
        response
    }
}
