use axum::Json;
use axum::extract::State;
use base64::Engine;
use shared::FieldCode;
use shared::review::{VerifyDocument, VerifyOutcome};

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::openapi::Problems;
use crate::services::review::verify;

/// `POST /api/verify`: is this result PDF, with this signature, one the
/// portal issued, unchanged? For anyone.
#[utoipa::path(
    post,
    path = "/verify",
    operation_id = "registry_verify",
    tag = "registry",
    request_body = VerifyDocument,
    responses((status = 200, description = "Done", body = VerifyOutcome), Problems),
)]
pub async fn verify(
    State(app): State<AppState>,
    ApiJson(req): ApiJson<VerifyDocument>,
) -> AppResult<Json<VerifyOutcome>> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let pdf = b64
        .decode(req.pdf.trim())
        .map_err(|_| AppError::field("pdf", FieldCode::Required))?;
    let cms = b64
        .decode(req.signature.trim())
        .map_err(|_| AppError::field("signature", FieldCode::Required))?;
    Ok(Json(verify::verify_document(&app, &pdf, &cms).await?))
}
