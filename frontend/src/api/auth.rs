//! Signing in and up (password and ЭЦП), the account and its password.

use gloo_net::http::Request;
use shared::account::{ChangePasswordRequest, LoginRequest, RegisterRequest, SessionDto, UserDto};
use shared::eds::{
    Challenge, ChallengePurpose, ChallengeRequest, EdsLoginRequest, EdsRegisterRequest,
};

use super::failure::ApiFailure;
use super::http::{Method, json, send};
use super::session::{Session, authed};

pub async fn register(session: Session, req: &RegisterRequest) -> Result<(), ApiFailure> {
    let dto: SessionDto = send(Request::post("/api/auth/register"), Some(&json(req)?)).await?;
    session.start(dto);
    Ok(())
}

pub async fn login(session: Session, req: &LoginRequest) -> Result<(), ApiFailure> {
    let dto: SessionDto = send(Request::post("/api/auth/login"), Some(&json(req)?)).await?;
    session.start(dto);
    Ok(())
}

/// A fresh challenge to sign with the authentication key.
pub async fn eds_challenge(purpose: ChallengePurpose) -> Result<Challenge, ApiFailure> {
    send(
        Request::post("/api/auth/eds/challenge"),
        Some(&json(&ChallengeRequest { purpose })?),
    )
    .await
}

pub async fn eds_login(session: Session, req: &EdsLoginRequest) -> Result<(), ApiFailure> {
    let dto: SessionDto = send(Request::post("/api/auth/eds/login"), Some(&json(req)?)).await?;
    session.start(dto);
    Ok(())
}

pub async fn eds_register(session: Session, req: &EdsRegisterRequest) -> Result<(), ApiFailure> {
    let dto: SessionDto = send(Request::post("/api/auth/eds/register"), Some(&json(req)?)).await?;
    session.start(dto);
    Ok(())
}

pub async fn me(session: Session) -> Result<UserDto, ApiFailure> {
    authed(session, Method::Get, "/api/me", None).await
}

pub async fn change_password(
    session: Session,
    req: &ChangePasswordRequest,
) -> Result<(), ApiFailure> {
    let dto: SessionDto =
        authed(session, Method::Post, "/api/me/password", Some(json(req)?)).await?;
    session.start(dto);
    Ok(())
}
