use axum::Json;
use axum::extract::State;
use chrono::Datelike;
use shared::catalog::ServiceDetail;

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::extract::ApiPath;
use crate::openapi::Problems;

/// `GET /api/catalog/services/{code}`: the service passport, with fees in
/// tenge at this year's МРП.
#[utoipa::path(
    get,
    path = "/catalog/services/{code}",
    operation_id = "catalog_show_show",
    tag = "catalog",
    params(("code" = String, Path, description = "The service code")),
    responses((status = 200, description = "Done", body = ServiceDetail), Problems),
)]
pub async fn show(
    State(app): State<AppState>,
    ApiPath(code): ApiPath<String>,
) -> AppResult<Json<ServiceDetail>> {
    let year = chrono::Utc::now().year();
    app.catalog
        .detail(&code, year)
        .map(Json)
        .ok_or_else(AppError::not_found)
}
