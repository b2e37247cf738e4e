use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::response::Response;

use super::create::{ValidationForm, upload};
use crate::app::AppState;
use crate::controllers::download::{self, Disposition};
use crate::error::AppResult;
use crate::extract::ClientAddr;
use crate::openapi::{Binary, Problems};
use crate::services::validation;

/// `POST /api/validation/pdf`: the same form's report as a PDF signed by
/// the portal (PAdES, with a timestamp when the TSA answers).
#[utoipa::path(
    post,
    path = "/validation/pdf",
    operation_id = "validation_pdf",
    tag = "registry",
    request_body(content = ValidationForm, content_type = "multipart/form-data"),
    responses((status = 200, description = "The sealed report", body = Binary, content_type = "application/pdf"), Problems),
)]
pub async fn pdf(
    State(app): State<AppState>,
    ClientAddr(client): ClientAddr,
    form: Result<Multipart, MultipartRejection>,
) -> AppResult<Response> {
    let pdf = validation::sealed_report(&app, &client, upload(form).await?).await?;
    let name = "validation-report.pdf";
    Ok(download::file(
        pdf.into(),
        "application/pdf",
        name,
        Disposition::Attachment,
    ))
}
