use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use shared::desk::DeskStart;
use shared::request::RequestDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, CurrentUser};
use crate::openapi::Problems;
use crate::services::desk::start;

/// `POST /api/desk/requests`: a draft for the visitor, entered at this desk.
#[utoipa::path(
    post,
    path = "/desk/requests",
    operation_id = "desk_create",
    tag = "desk",
    request_body = DeskStart,
    responses((status = 201, description = "Created", body = RequestDto), Problems),
    security(("bearer" = [])),
)]
pub async fn create(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<DeskStart>,
) -> AppResult<(StatusCode, Json<RequestDto>)> {
    user.require(super::DESK)?;
    Ok((
        StatusCode::CREATED,
        Json(start::start(&app, &user.0, &req).await?),
    ))
}
