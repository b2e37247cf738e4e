use axum::Json;
use axum::extract::State;
use shared::account::Role;
use shared::request::RequestDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::desk::work;

/// `POST /api/desk/requests/{id}/register`: provider staff register a
/// request entered at their office (no signature: diagram 2).
#[utoipa::path(
    post,
    path = "/desk/requests/{id}/register",
    operation_id = "desk_register",
    tag = "desk",
    params(("id" = i32, Path, description = "The request")),
    responses((status = 200, description = "Done", body = RequestDto), Problems),
    security(("bearer" = [])),
)]
pub async fn register(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Json<RequestDto>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(work::register(&app, &user.0, id).await?))
}
