//! What is left before a request can be sent: the form's problems, a
//! provider, the license it refers to, the required documents.

use crate::clock::today;
use crate::db::entities::{files as file_rows, requests};
use crate::error::{AppError, AppResult};
use crate::services::core::model;
use crate::services::core::model::answers_of;
use crate::services::core::model::request_type_of;
use shared::catalog::{Channel, DocumentSource, RequestType, ServiceDetail};
use shared::forms::{self};
use shared::{ErrorCode, FieldCode, FieldErrors};

pub fn needs_license(kind: RequestType) -> bool {
    matches!(kind, RequestType::Reissuance | RequestType::Duplicate)
}

/// The problems left before `model` can be sent: the form's, a provider to
/// choose, the license it refers to, and the required documents.
pub fn problems(
    detail: &ServiceDetail,
    model: &requests::Model,
    files: &[file_rows::Model],
) -> AppResult<FieldErrors> {
    let kind = request_type_of(model)?;
    let mut errors = forms::check_complete(&detail.fields, kind, &answers_of(model)?, today())
        .err()
        .unwrap_or_default();
    let mut add = |key: String, code: FieldCode| errors.entry(key).or_default().push(code);
    if detail.providers.len() > 1 && model.provider_code.is_none() {
        add("provider".into(), FieldCode::Required);
    }
    if needs_license(kind) && model.license_id.is_none() {
        add("license".into(), FieldCode::Required);
    }
    let paper = model::paper_of(model)?;
    let at_desk = model::channel_of(model)? != Channel::Portal;
    for doc in &detail.documents {
        if !(doc.required && doc.source == DocumentSource::Upload && doc.applies_to(kind)) {
            continue;
        }
        if !files.iter().any(|f| f.document_code == doc.code) {
            add(format!("doc.{}", doc.code), FieldCode::Required);
        }
        // At a desk the original is shown on paper, and ticked, as well.
        if at_desk && !paper.contains(&doc.code) {
            add(format!("paper.{}", doc.code), FieldCode::Required);
        }
    }
    Ok(errors)
}

/// Refuses to go on while the form has problems (with them, by field).
pub fn require_complete(
    detail: &ServiceDetail,
    model: &requests::Model,
    stored: &[file_rows::Model],
) -> AppResult<()> {
    let problems = problems(detail, model, stored)?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation_as(
            ErrorCode::RequestIncomplete,
            problems,
        ))
    }
}
