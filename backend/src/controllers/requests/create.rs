use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use shared::account::Role;
use shared::request::{CreateDraft, RequestDto};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, CurrentUser};
use crate::openapi::Problems;
use crate::services::requests::drafts;

/// `POST /api/requests`: starts a draft.
#[utoipa::path(
    post,
    path = "/requests",
    operation_id = "requests_create",
    tag = "requests",
    request_body = CreateDraft,
    responses((status = 201, description = "Created", body = RequestDto), Problems),
    security(("bearer" = [])),
)]
pub async fn create(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiJson(req): ApiJson<CreateDraft>,
) -> AppResult<(StatusCode, Json<RequestDto>)> {
    user.require(&[Role::Applicant])?;
    let dto = drafts::create(&app, &user.0, &req).await?;
    Ok((StatusCode::CREATED, Json(dto)))
}
