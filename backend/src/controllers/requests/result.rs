use axum::extract::State;
use axum::response::Response;

use crate::app::AppState;
use crate::controllers::download::{self, Disposition};
use crate::error::AppResult;
use crate::extract::{ApiPath, CurrentUser};
use crate::openapi::{Binary, Problems};
use crate::services::review::decisions;

/// `GET /api/requests/{id}/result`: the signed result PDF.
#[utoipa::path(
    get,
    path = "/requests/{id}/result",
    operation_id = "requests_pdf",
    tag = "requests",
    params(("id" = i32, Path, description = "The request")),
    responses((status = 200, description = "The license, certificate or refusal", body = Binary, content_type = "application/pdf"), Problems),
    security(("bearer" = [])),
)]
pub async fn pdf(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Response> {
    let (d, pdf, _) = decisions::result_files(&app, &user.0, id).await?;
    let name = format!("{}.pdf", d.number.unwrap_or_else(|| format!("result-{id}")));
    Ok(download::file(
        pdf,
        "application/pdf",
        &name,
        Disposition::Inline,
    ))
}

/// `GET /api/requests/{id}/result/signature`: its detached CMS signature.
#[utoipa::path(
    get,
    path = "/requests/{id}/result/signature",
    operation_id = "requests_signature",
    tag = "requests",
    params(("id" = i32, Path, description = "The request")),
    responses((status = 200, description = "The result's detached CMS signature", body = Binary, content_type = "application/pkcs7-signature"), Problems),
    security(("bearer" = [])),
)]
pub async fn signature(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Response> {
    let (d, _, cms) = decisions::result_files(&app, &user.0, id).await?;
    let name = format!(
        "{}.pdf.p7s",
        d.number.unwrap_or_else(|| format!("result-{id}"))
    );
    Ok(download::file(
        cms.into(),
        "application/pkcs7-signature",
        &name,
        Disposition::Attachment,
    ))
}
