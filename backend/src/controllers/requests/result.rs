use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::app::AppState;
use crate::controllers::review::decision::pdf_response;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::services::review;

/// `GET /api/requests/{id}/result`: the signed result PDF.
pub async fn pdf(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let (d, pdf, _) = review::result_files(&app, &user.0, id).await?;
    let name = format!("{}.pdf", d.number.unwrap_or_else(|| format!("result-{id}")));
    Ok(pdf_response(pdf, &name, true))
}

/// `GET /api/requests/{id}/result/signature`: its detached CMS signature.
pub async fn signature(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<Response> {
    let (d, _, cms) = review::result_files(&app, &user.0, id).await?;
    let name = format!(
        "{}.pdf.p7s",
        d.number.unwrap_or_else(|| format!("result-{id}"))
    );
    let mut response = cms.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pkcs7-signature"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(response)
}
