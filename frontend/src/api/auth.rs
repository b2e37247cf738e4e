//! Signing in and up (password and ЭЦП), the account and its password.

use gloo_net::http::Request;
use shared::account::{
    ChangePasswordRequest, EdsRecoverRequest, LoginRequest, RecoverRequest, RegisterRequest,
    ResetPasswordRequest, SessionDto, UserDto,
};
use shared::eds::{
    Challenge, ChallengePurpose, ChallengeRequest, EdsLoginRequest, EdsRegisterRequest,
};

use super::failure::ApiFailure;
use super::http::{Method, json, send, send_empty};
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

/// Asks for a one-time reset link to the account's e-mail; the answer is the
/// same whether or not the account exists.
pub async fn recover(req: &RecoverRequest) -> Result<(), ApiFailure> {
    send_empty(Request::post("/api/auth/recover"), Some(&json(req)?)).await
}

/// The new password through the link's token; signs in.
pub async fn reset_password(
    session: Session,
    req: &ResetPasswordRequest,
) -> Result<(), ApiFailure> {
    let dto: SessionDto = send(Request::post("/api/auth/recover/reset"), Some(&json(req)?)).await?;
    session.start(dto);
    Ok(())
}

/// The new password with a challenge signed by the authentication key;
/// signs in.
pub async fn recover_with_eds(session: Session, req: &EdsRecoverRequest) -> Result<(), ApiFailure> {
    let dto: SessionDto = send(Request::post("/api/auth/recover/eds"), Some(&json(req)?)).await?;
    session.start(dto);
    Ok(())
}
