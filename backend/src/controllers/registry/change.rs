use axum::Json;
use axum::extract::State;
use shared::account::Role;
use shared::review::{RegistryChange, RegistryEntry};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::registry::entries as registry;

/// `POST /api/registry/{number}/status`: suspend, resume or terminate.
#[utoipa::path(
    post,
    path = "/registry/{number}/status",
    operation_id = "registry_change",
    tag = "registry",
    params(("number" = String, Path, description = "The license number")),
    request_body = RegistryChange,
    responses((status = 200, description = "Done", body = RegistryEntry), Problems),
    security(("bearer" = [])),
)]
pub async fn change(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(number): ApiPath<String>,
    ApiJson(req): ApiJson<RegistryChange>,
) -> AppResult<Json<RegistryEntry>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(registry::change(&app, &user.0, &number, &req).await?))
}
