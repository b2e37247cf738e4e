use axum::Json;
use axum::extract::State;
use shared::request::RequestDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::desk::work;

/// `POST /api/desk/requests/{id}/hand-over`: the result was handed over in
/// person.
#[utoipa::path(
    post,
    path = "/desk/requests/{id}/hand-over",
    operation_id = "desk_hand_over",
    tag = "desk",
    params(("id" = i32, Path, description = "The request")),
    responses((status = 200, description = "Done", body = RequestDto), Problems),
    security(("bearer" = [])),
)]
pub async fn hand_over(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::DESK)?;
    Ok(Json(work::hand_over(&app, &user.0, id).await?))
}
