use axum::Json;
use axum::extract::State;
use shared::account::Role;
use shared::review::RegistryEntry;
use shared::review::objects::{ObjectChange, ObjectClose};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::registry::objects;

/// `POST /api/registry/{number}/objects`: a branch, representative office
/// or site added to the license (the licensor's staff).
#[utoipa::path(
    post,
    path = "/registry/{number}/objects",
    operation_id = "registry_object_add",
    tag = "registry",
    params(("number" = String, Path, description = "The license number")),
    request_body = ObjectChange,
    responses((status = 200, description = "Added", body = RegistryEntry), Problems),
    security(("bearer" = [])),
)]
pub async fn add(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(number): ApiPath<String>,
    ApiJson(req): ApiJson<ObjectChange>,
) -> AppResult<Json<RegistryEntry>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(
        objects::save(&app, &user.0, &number, None, &req).await?,
    ))
}

/// `PUT /api/registry/{number}/objects/{id}`: an open unit changed.
#[utoipa::path(
    put,
    path = "/registry/{number}/objects/{id}",
    operation_id = "registry_object_change",
    tag = "registry",
    params(("number" = String, Path, description = "The license number"), ("id" = i32, Path, description = "The unit")),
    request_body = ObjectChange,
    responses((status = 200, description = "Changed", body = RegistryEntry), Problems),
    security(("bearer" = [])),
)]
pub async fn change(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath((number, id)): ApiPath<(String, i32)>,
    ApiJson(req): ApiJson<ObjectChange>,
) -> AppResult<Json<RegistryEntry>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(
        objects::save(&app, &user.0, &number, Some(id), &req).await?,
    ))
}

/// `POST /api/registry/{number}/objects/{id}/close`: an open unit closed.
#[utoipa::path(
    post,
    path = "/registry/{number}/objects/{id}/close",
    operation_id = "registry_object_close",
    tag = "registry",
    params(("number" = String, Path, description = "The license number"), ("id" = i32, Path, description = "The unit")),
    request_body = ObjectClose,
    responses((status = 200, description = "Closed", body = RegistryEntry), Problems),
    security(("bearer" = [])),
)]
pub async fn close(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath((number, id)): ApiPath<(String, i32)>,
    ApiJson(req): ApiJson<ObjectClose>,
) -> AppResult<Json<RegistryEntry>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(
        objects::close(&app, &user.0, &number, id, &req.reason).await?,
    ))
}
