use axum::Json;
use axum::extract::{Path, State};
use shared::account::Role;
use shared::review::{RegistryChange, RegistryEntry};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, CurrentUser};
use crate::services::registry;

/// `POST /api/registry/{number}/status`: suspend, resume or terminate.
pub async fn change(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(number): Path<String>,
    ApiJson(req): ApiJson<RegistryChange>,
) -> AppResult<Json<RegistryEntry>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(registry::change(&app, &user.0, &number, &req).await?))
}
