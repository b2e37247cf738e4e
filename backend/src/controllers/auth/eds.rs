//! Registration and login with the ЭЦП: a challenge, then its signature.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use shared::eds::{Challenge, ChallengeRequest, EdsLoginRequest, EdsRegisterRequest};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::ApiJson;
use crate::services::eds_auth;

/// `POST /api/auth/eds/challenge`: a fresh document to sign.
pub async fn challenge(
    State(app): State<AppState>,
    ApiJson(req): ApiJson<ChallengeRequest>,
) -> Json<Challenge> {
    Json(eds_auth::challenge(&app, req.purpose))
}

/// `POST /api/auth/eds/login`: the challenge signed by an authentication key.
pub async fn login(
    State(app): State<AppState>,
    ApiJson(req): ApiJson<EdsLoginRequest>,
) -> AppResult<Response> {
    let issued = eds_auth::login(&app, &req).await?;
    super::session_response(&app, StatusCode::OK, issued)
}

/// `POST /api/auth/eds/register`: an applicant account from the certificate.
pub async fn register(
    State(app): State<AppState>,
    ApiJson(req): ApiJson<EdsRegisterRequest>,
) -> AppResult<Response> {
    let issued = eds_auth::register(&app, &req).await?;
    super::session_response(&app, StatusCode::CREATED, issued)
}
