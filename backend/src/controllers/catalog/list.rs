use axum::Json;
use axum::extract::State;
use shared::catalog::{CatalogQuery, ServiceSummary};

use crate::app::AppState;
use crate::extract::ApiQuery;
use crate::openapi::Problems;

/// `GET /api/catalog/services?q=&category=&provider=&region=`.
#[utoipa::path(
    get,
    path = "/catalog/services",
    operation_id = "catalog_list",
    tag = "catalog",
    params(CatalogQuery),
    responses((status = 200, description = "Done", body = Vec<ServiceSummary>), Problems),
)]
pub async fn list(
    State(app): State<AppState>,
    ApiQuery(q): ApiQuery<CatalogQuery>,
) -> Json<Vec<ServiceSummary>> {
    Json(app.catalog.search(&q))
}
