use axum::Json;
use axum::extract::State;
use shared::review::StatsDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::openapi::Problems;
use crate::services::stats::figures;

/// `GET /api/stats`: quality and timeliness per service and provider, public.
#[utoipa::path(
    get,
    path = "/stats",
    operation_id = "stats_show",
    tag = "registry",
    responses((status = 200, description = "Done", body = StatsDto), Problems),
)]
pub async fn show(State(app): State<AppState>) -> AppResult<Json<StatsDto>> {
    Ok(Json(figures::compute(&app).await?))
}
