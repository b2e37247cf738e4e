use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::openapi::Problems;

/// `GET /api/health`: answers 200 only when the database answers.
#[utoipa::path(
    get,
    path = "/health",
    operation_id = "health_show",
    tag = "health",
    responses((status = 200, description = "The portal and its database answer", body = serde_json::Value), Problems),
)]
pub async fn show(State(app): State<AppState>) -> AppResult<Json<Value>> {
    app.db
        .ping()
        .await
        .map_err(|e| AppError::unavailable().with_cause(format_args!("health: database: {e}")))?;
    Ok(Json(json!({ "status": "ok", "database": "ok" })))
}
