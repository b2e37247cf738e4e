//! Registration and login with the ЭЦП: a challenge, then its signature.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use shared::eds::{Challenge, ChallengeRequest, EdsLoginRequest, EdsRegisterRequest};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::ApiJson;
use crate::openapi::Problems;
use crate::services::accounts::eds_login;

/// `POST /api/auth/eds/challenge`: a fresh document to sign.
#[utoipa::path(
    post,
    path = "/auth/eds/challenge",
    operation_id = "auth_challenge",
    tag = "auth",
    request_body = ChallengeRequest,
    responses((status = 200, description = "Done", body = Challenge), Problems),
)]
pub async fn challenge(
    State(app): State<AppState>,
    ApiJson(req): ApiJson<ChallengeRequest>,
) -> AppResult<Json<Challenge>> {
    Ok(Json(eds_login::challenge(&app, req.purpose).await?))
}

/// `POST /api/auth/eds/login`: the challenge signed by an authentication key.
#[utoipa::path(
    post,
    path = "/auth/eds/login",
    operation_id = "auth_eds_login",
    tag = "auth",
    request_body = EdsLoginRequest,
    responses((status = 200, description = "Done", body = shared::account::SessionDto), Problems),
)]
pub async fn login(
    State(app): State<AppState>,
    ApiJson(req): ApiJson<EdsLoginRequest>,
) -> AppResult<Response> {
    let issued = eds_login::login(&app, &req).await?;
    super::session_response(&app, StatusCode::OK, issued)
}

/// `POST /api/auth/eds/register`: an applicant account from the certificate.
#[utoipa::path(
    post,
    path = "/auth/eds/register",
    operation_id = "auth_eds_register",
    tag = "auth",
    request_body = EdsRegisterRequest,
    responses((status = 201, description = "Created", body = shared::account::SessionDto), Problems),
)]
pub async fn register(
    State(app): State<AppState>,
    ApiJson(req): ApiJson<EdsRegisterRequest>,
) -> AppResult<Response> {
    let issued = eds_login::register(&app, &req).await?;
    super::session_response(&app, StatusCode::CREATED, issued)
}
