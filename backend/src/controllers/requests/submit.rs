use axum::Json;
use axum::extract::{Path, State};
use shared::request::{Application, RequestDto, SubmitSigned};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, CurrentUser};
use crate::services::requests;

/// `GET /api/requests/{id}/application`: what the applicant signs, once
/// the request is ready to be signed.
pub async fn application(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<Json<Application>> {
    user.require(super::WORKERS)?;
    Ok(Json(requests::application(&app, &user.0, id).await?))
}

/// `POST /api/requests/{id}/submit`: the signature; registers the request.
pub async fn submit(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
    ApiJson(req): ApiJson<SubmitSigned>,
) -> AppResult<Json<RequestDto>> {
    user.require(super::WORKERS)?;
    Ok(Json(requests::submit(&app, &user.0, id, &req.cms).await?))
}
