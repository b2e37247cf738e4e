use axum::Json;
use axum::extract::State;
use shared::request::{Application, RequestDto, SubmitSigned};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::requests::submission;

/// `GET /api/requests/{id}/application`: what the applicant signs, once
/// the request is ready to be signed.
#[utoipa::path(
    get,
    path = "/requests/{id}/application",
    operation_id = "requests_application",
    tag = "requests",
    params(("id" = i32, Path, description = "The request")),
    responses((status = 200, description = "Done", body = Application), Problems),
    security(("bearer" = [])),
)]
pub async fn application(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Json<Application>> {
    user.require(super::WORKERS)?;
    Ok(Json(submission::application(&app, &user.0, id).await?))
}

/// `POST /api/requests/{id}/submit`: the signature; registers the request.
#[utoipa::path(
    post,
    path = "/requests/{id}/submit",
    operation_id = "requests_submit",
    tag = "requests",
    params(("id" = i32, Path, description = "The request")),
    request_body = SubmitSigned,
    responses((status = 200, description = "Done", body = RequestDto), Problems),
    security(("bearer" = [])),
)]
pub async fn submit(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
    ApiJson(req): ApiJson<SubmitSigned>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::WORKERS)?;
    Ok(Json(submission::submit(&app, &user.0, id, &req.cms).await?))
}
