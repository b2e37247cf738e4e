use axum::Json;
use axum::extract::State;
use shared::catalog::{CatalogQuery, ServiceSummary};

use crate::app::AppState;
use crate::extract::ApiQuery;

/// `GET /api/catalog/services?q=&category=&provider=&region=`.
pub async fn list(
    State(app): State<AppState>,
    ApiQuery(q): ApiQuery<CatalogQuery>,
) -> Json<Vec<ServiceSummary>> {
    Json(app.catalog.search(&q))
}
