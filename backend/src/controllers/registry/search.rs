use axum::Json;
use axum::extract::{Path, State};
use shared::review::{RegistryEntry, RegistryQuery};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::ApiQuery;
use crate::services::registry;

/// `GET /api/registry?q=`: by license number or БИН, for anyone.
pub async fn search(
    State(app): State<AppState>,
    ApiQuery(q): ApiQuery<RegistryQuery>,
) -> AppResult<Json<Vec<RegistryEntry>>> {
    Ok(Json(registry::search(&app, &q.q).await?))
}

/// `GET /api/registry/{number}`: one license, for anyone.
pub async fn show(
    State(app): State<AppState>,
    Path(number): Path<String>,
) -> AppResult<Json<RegistryEntry>> {
    Ok(Json(registry::show(&app, &number).await?))
}
