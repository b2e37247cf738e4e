use axum::Json;
use axum::extract::State;
use shared::catalog::CatalogFacets;

use crate::app::AppState;
use crate::openapi::Problems;

/// `GET /api/catalog/facets`: categories, providers and regions to filter by.
#[utoipa::path(
    get,
    path = "/catalog/facets",
    operation_id = "catalog_facets_show",
    tag = "catalog",
    responses((status = 200, description = "Done", body = CatalogFacets), Problems),
)]
pub async fn show(State(app): State<AppState>) -> Json<CatalogFacets> {
    Json(app.catalog.facets().clone())
}
