use axum::Json;
use axum::extract::{Path, State};
use chrono::Datelike;
use shared::catalog::ServiceDetail;

use crate::app::AppState;
use crate::error::{AppError, AppResult};

/// `GET /api/catalog/services/{code}`: the service passport, with fees in
/// tenge at this year's МРП.
pub async fn show(
    State(app): State<AppState>,
    Path(code): Path<String>,
) -> AppResult<Json<ServiceDetail>> {
    let year = chrono::Utc::now().year();
    app.catalog
        .detail(&code, year)
        .map(Json)
        .ok_or_else(AppError::not_found)
}
