use axum::Json;
use axum::extract::State;
use shared::review::{RegistryEntry, RegistryQuery};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiPath, ApiQuery};
use crate::openapi::Problems;
use crate::services::registry::entries as registry;

/// `GET /api/registry?q=`: by license number or БИН, for anyone.
#[utoipa::path(
    get,
    path = "/registry",
    operation_id = "registry_search",
    tag = "registry",
    params(RegistryQuery),
    responses((status = 200, description = "Done", body = Vec<RegistryEntry>), Problems),
)]
pub async fn search(
    State(app): State<AppState>,
    ApiQuery(q): ApiQuery<RegistryQuery>,
) -> AppResult<Json<Vec<RegistryEntry>>> {
    Ok(Json(registry::search(&app, &q.q).await?))
}

/// `GET /api/registry/{number}`: one license, for anyone.
#[utoipa::path(
    get,
    path = "/registry/{number}",
    operation_id = "registry_show",
    tag = "registry",
    params(("number" = String, Path, description = "The license number")),
    responses((status = 200, description = "Done", body = RegistryEntry), Problems),
)]
pub async fn show(
    State(app): State<AppState>,
    ApiPath(number): ApiPath<String>,
) -> AppResult<Json<RegistryEntry>> {
    Ok(Json(registry::show(&app, &number).await?))
}
