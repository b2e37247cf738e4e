use axum::Json;
use axum::extract::State;
use shared::request::RequestDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::requests::view;

/// `GET /api/requests/{id}`: one of the user's own requests.
#[utoipa::path(
    get,
    path = "/requests/{id}",
    operation_id = "requests_show",
    tag = "requests",
    params(("id" = i32, Path, description = "The request")),
    responses((status = 200, description = "Done", body = RequestDto), Problems),
    security(("bearer" = [])),
)]
pub async fn show(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::WORKERS)?;
    Ok(Json(view::show(&app, &user.0, id).await?))
}
