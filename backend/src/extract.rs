//! Extractors: the signed-in user, the client's address, JSON bodies and
//! queries whose rejections become [`AppError`]s.

use std::net::SocketAddr;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use shared::ErrorCode;
use shared::account::Role;

use crate::app::AppState;
use crate::db::entities::users;
use crate::error::{AppError, AppResult};
use crate::services::{accounts, sessions};

/// The account behind a valid access token whose session is still open.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub users::Model);

impl CurrentUser {
    pub fn id(&self) -> i32 {
        self.0.id
    }

    pub fn role(&self) -> Role {
        self.0.role()
    }

    /// Forbidden unless the user has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> AppResult<()> {
        if roles.contains(&self.role()) {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }

    /// Forbidden unless the user is `owner` or an administrator.
    pub fn require_self_or_admin(&self, owner: i32) -> AppResult<()> {
        if self.id() == owner || self.role() == Role::Admin {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> AppResult<Self> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .ok_or_else(AppError::unauthenticated)?;
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.strip_prefix("Bearer "))
            .ok_or_else(AppError::unauthenticated)?;
        let claims = app.keys.verify(token.trim())?;
        let id: i32 = claims
            .sub
            .parse()
            .map_err(|_| AppError::unauthenticated())?;
        let user = accounts::find(app, id)
            .await?
            .ok_or_else(AppError::unauthenticated)?;
        if user.disabled {
            return Err(AppError::new(
                axum::http::StatusCode::FORBIDDEN,
                ErrorCode::AccountDisabled,
            ));
        }
        if !sessions::is_active(&app.db.read, &claims.sid).await? {
            return Err(AppError::session_ended());
        }
        Ok(CurrentUser(user))
    }
}

/// The client's address, for throttling. Taken from the connection; a
/// forwarded header is not trusted.
#[derive(Debug, Clone)]
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> AppResult<Self> {
        let addr = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(a)| a.ip().to_string())
            .ok_or_else(|| AppError::internal("no connection info on the request"))?;
        Ok(ClientAddr(addr))
    }
}

/// `axum::Json` whose rejection is our error body: 400 for a body that is
/// not JSON, 415 for one not sent as JSON, 413 for one too large, 422 for
/// JSON of the wrong shape.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> AppResult<Self> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::BytesRejection(_)) => Err(AppError::new(
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
            )),
            // Well-formed JSON of the wrong shape (a missing field, a
            // string for a number, an unknown choice): unprocessable.
            Err(JsonRejection::JsonDataError(e)) => {
                tracing::debug!(error = %e, "JSON body of the wrong shape");
                Err(AppError::new(
                    axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                    ErrorCode::BadRequest,
                ))
            }
            Err(JsonRejection::MissingJsonContentType(e)) => {
                tracing::debug!(error = %e, "not a JSON body");
                Err(AppError::new(
                    axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    ErrorCode::BadRequest,
                ))
            }
            Err(e) => {
                tracing::debug!(error = %e, "bad JSON body");
                Err(AppError::bad_request())
            }
        }
    }
}

/// `axum::extract::Query` whose rejection is our 400 error body.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> AppResult<Self> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(v)| ApiQuery(v))
            .map_err(|e: QueryRejection| {
                tracing::debug!(error = %e, "bad query");
                AppError::bad_request()
            })
    }
}

/// `axum::extract::Path` whose rejection is our 404 error body: a path whose
/// identifier does not parse (`/api/requests/abc`) names nothing.
#[derive(Debug)]
pub struct ApiPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> AppResult<Self> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| ApiPath(v))
            .map_err(|e| {
                tracing::debug!(error = %e, "bad path");
                AppError::not_found()
            })
    }
}
