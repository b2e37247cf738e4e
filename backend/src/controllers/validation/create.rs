use axum::Json;
use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::http::StatusCode;
use shared::eds::validation::ValidationReport;
use shared::{ErrorCode, FieldCode};

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::extract::ClientAddr;
use crate::openapi::{Binary, Problems};
use crate::services::validation::{self, Upload};

/// The form `POST /api/validation` takes: these parts and no others.
#[derive(utoipa::ToSchema, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[expect(dead_code, reason = "only described: the handler reads the parts")]
pub struct ValidationForm {
    /// The CMS signature (.p7s, .cms, .sig), DER or PEM.
    #[schema(value_type = Binary)]
    signature: Vec<u8>,
    /// The signed document, for a detached signature.
    #[schema(value_type = Option<Binary>)]
    document: Option<Vec<u8>>,
    /// The validation time: RFC 3339, or Unix seconds. None: now.
    #[schema(value_type = Option<ValidationTime>)]
    at: Option<String>,
}

/// How the form's `at` may be written: a form part is text either way, so
/// both are described (a number of seconds is not a wrong type here).
#[derive(utoipa::ToSchema, serde::Deserialize)]
#[serde(untagged)]
pub enum ValidationTime {
    /// Unix seconds.
    Seconds(u64),
    /// RFC 3339.
    #[schema(format = DateTime)]
    Rfc3339(String),
}

/// `at` as Unix seconds: an integer, or an RFC 3339 time.
fn parse_at(text: &str) -> Option<u64> {
    let text = text.trim();
    text.parse::<u64>().ok().or_else(|| {
        chrono::DateTime::parse_from_rfc3339(text)
            .ok()
            .and_then(|t| u64::try_from(t.timestamp()).ok())
    })
}

/// The form's upload; a body that is no multipart form is 415.
pub(super) async fn upload(form: Result<Multipart, MultipartRejection>) -> AppResult<Upload> {
    let form = form.map_err(|e| {
        AppError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, ErrorCode::BadRequest).with_cause(e)
    })?;
    read(form).await
}

/// The parts of the form, each at most the service's limit.
async fn read(mut form: Multipart) -> AppResult<Upload> {
    let broken = |e: axum::extract::multipart::MultipartError| {
        AppError::new(e.status(), ErrorCode::BadRequest).with_cause(e)
    };
    let mut upload = Upload::default();
    let mut seen: Vec<String> = Vec::new();
    while let Some(field) = form.next_field().await.map_err(broken)? {
        let name = field.name().unwrap_or_default().to_owned();
        if seen.contains(&name) {
            return Err(AppError::field(&name, FieldCode::Repeated));
        }
        seen.push(name.clone());
        // The files are file parts (a browser's FormData names a blob
        // `blob`); a text part in their place is no file.
        let is_file = field.file_name().is_some();
        if matches!(name.as_str(), "signature" | "document") && !is_file {
            return Err(AppError::field(&name, FieldCode::Required));
        }
        let bytes = field.bytes().await.map_err(broken)?;
        if bytes.len() > validation::MAX_SIGNATURE_BYTES {
            return Err(AppError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
            ));
        }
        match name.as_str() {
            "signature" => upload.signature = bytes.to_vec(),
            "document" if !bytes.is_empty() => upload.document = Some(bytes.to_vec()),
            "document" => {}
            "at" if bytes.trim_ascii().is_empty() => {}
            "at" => {
                let text = std::str::from_utf8(&bytes).unwrap_or_default();
                upload.at =
                    Some(parse_at(text).ok_or_else(|| AppError::field("at", FieldCode::Date))?);
            }
            _ => return Err(AppError::field(&name, FieldCode::UnknownField)),
        }
    }
    Ok(upload)
}

/// `POST /api/validation`: the report on an uploaded CMS signature (ETSI
/// EN 319 102-1 indications, per signer), for anyone; nothing is kept.
#[utoipa::path(
    post,
    path = "/validation",
    operation_id = "validation_create",
    tag = "registry",
    request_body(content = ValidationForm, content_type = "multipart/form-data"),
    responses((status = 200, description = "Done", body = ValidationReport), Problems),
)]
pub async fn create(
    State(app): State<AppState>,
    ClientAddr(client): ClientAddr,
    form: Result<Multipart, MultipartRejection>,
) -> AppResult<Json<ValidationReport>> {
    Ok(Json(
        validation::validate(&app, &client, upload(form).await?).await?,
    ))
}
