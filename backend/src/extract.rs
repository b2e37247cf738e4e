//! Extractors: the signed-in user, the client's address, JSON bodies and
//! queries whose rejections become [`AppError`]s.

use std::net::SocketAddr;

use axum::extract::rejection::QueryRejection;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use shared::ErrorCode;
use shared::account::Role;

use crate::app::AppState;
use crate::db::entities::users;
use crate::error::{AppError, AppResult};
use crate::services::accounts::sessions;

/// The account behind a valid access token whose session is still open.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub users::Model);

impl CurrentUser {
    pub fn id(&self) -> i32 {
        self.0.id
    }

    pub fn role(&self) -> AppResult<Role> {
        self.0.role()
    }

    /// Forbidden unless the user has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> AppResult<()> {
        if roles.contains(&self.role()?) {
            Ok(())
        } else {
            Err(AppError::forbidden())
        }
    }

    /// Forbidden unless the user is `owner` or an administrator.
    pub fn require_self_or_admin(&self, owner: i32) -> AppResult<()> {
        if self.id() == owner || self.role()? == Role::Admin {
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
        if let Some(user) = app.sessions.recall(id, &claims.sid) {
            return Ok(CurrentUser(user));
        }
        let epoch = app.sessions.epoch();
        let signed_in = sessions::signed_in(&app.db.read, id, &claims.sid)
            .await?
            .ok_or_else(AppError::unauthenticated)?;
        if signed_in.user.disabled {
            return Err(AppError::new(
                axum::http::StatusCode::FORBIDDEN,
                ErrorCode::AccountDisabled,
            ));
        }
        if !signed_in.live {
            return Err(AppError::session_ended());
        }
        app.sessions.remember(epoch, &claims.sid, &signed_in.user);
        Ok(CurrentUser(signed_in.user))
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

/// A JSON body whose rejection is our error body: 415 for one not sent as
/// JSON, 413 for one too large, 400 for one that is not JSON, 422 for JSON
/// of the wrong shape or with a NUL character in a string (which no field
/// takes and PostgreSQL cannot store).
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

fn is_json(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .is_some_and(|m| {
            m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
        })
}

/// Whether any string or key in `v` holds a NUL character.
fn has_nul(v: &serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(has_nul),
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        _ => false,
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> AppResult<Self> {
        if !is_json(req.headers()) {
            return Err(AppError::new(
                axum::http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::BadRequest,
            ));
        }
        let bytes = bytes::Bytes::from_request(req, state).await.map_err(|e| {
            tracing::debug!(error = %e, "body not read");
            AppError::new(
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
            )
        })?;
        let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
            tracing::debug!(error = %e, "not JSON");
            AppError::bad_request()
        })?;
        if has_nul(&value) {
            return Err(AppError::unprocessable());
        }
        // Well-formed JSON of the wrong shape (a missing field, a string for
        // a number, an unknown choice): unprocessable.
        T::deserialize(value).map(ApiJson).map_err(|e| {
            tracing::debug!(error = %e, "JSON body of the wrong shape");
            AppError::unprocessable()
        })
    }
}

/// Whether a URI part holds a percent-encoded NUL.
fn has_encoded_nul(part: &str) -> bool {
    part.as_bytes()
        .windows(3)
        .any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
}

/// `axum::extract::Query` whose rejection is our 400 error body (422 for a
/// NUL character in a value, as in a JSON body). `NUL_CHECKED` is for a
/// handler that checks its strings for control characters itself and
/// answers with its own code (the upload's file name).
#[derive(Debug)]
pub struct ApiQuery<T, const NUL_CHECKED: bool = false>(pub T);

impl<S: Send + Sync, T: DeserializeOwned, const NUL_CHECKED: bool> FromRequestParts<S>
    for ApiQuery<T, NUL_CHECKED>
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> AppResult<Self> {
        if !NUL_CHECKED && parts.uri.query().is_some_and(has_encoded_nul) {
            return Err(AppError::unprocessable());
        }
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
        if has_encoded_nul(parts.uri.path()) {
            return Err(AppError::not_found());
        }
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| ApiPath(v))
            .map_err(|e| {
                tracing::debug!(error = %e, "bad path");
                AppError::not_found()
            })
    }
}
