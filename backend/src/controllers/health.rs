use axum::Json;
use axum::extract::State;
use std::sync::atomic::Ordering;

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

/// `GET /api/health/ready`: whether this process takes new work — not while
/// it drains for shutdown, nor while its database does not answer. A load
/// balancer sends requests only to a ready process; `/api/health` says only
/// that it lives.
#[utoipa::path(
    get,
    path = "/health/ready",
    operation_id = "health_ready",
    tag = "health",
    responses((status = 200, description = "The process takes new requests", body = serde_json::Value), Problems),
)]
pub async fn ready(State(app): State<AppState>) -> AppResult<Json<Value>> {
    if app.draining.load(Ordering::Acquire) {
        return Err(AppError::unavailable().with_cause("ready: draining for shutdown"));
    }
    show(State(app)).await
}
