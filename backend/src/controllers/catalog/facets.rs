use axum::Json;
use axum::extract::State;
use shared::catalog::CatalogFacets;

use crate::app::AppState;

/// `GET /api/catalog/facets`: categories, providers and regions to filter by.
pub async fn show(State(app): State<AppState>) -> Json<CatalogFacets> {
    Json(app.catalog.facets().clone())
}
