//! Registration, login, token refresh and logout. The refresh token travels
//! only in an `HttpOnly`, `SameSite=Strict` cookie scoped to `/api/auth`; the
//! cookie-driven endpoints also demand the app's `X-Requested-With` header.

pub mod eds;
pub mod login;
pub mod logout;
pub mod refresh;
pub mod register;

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::app::App;
use crate::error::{AppError, AppResult};
use crate::services::accounts::account::IssuedSession;

pub const REFRESH_COOKIE: &str = "portal_refresh";
pub const COOKIE_PATH: &str = "/api/auth";
/// The header the app sends with every request; a cross-site form cannot.
pub const APP_HEADER: &str = "x-requested-with";

fn cookie(app: &App, value: &str, max_age: u64) -> AppResult<HeaderValue> {
    let secure = if app.config.auth.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{REFRESH_COOKIE}={value}; Path={COOKIE_PATH}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
    ))
    .map_err(AppError::internal)
}

/// The session body, with the refresh cookie set.
pub fn session_response(
    app: &App,
    status: StatusCode,
    issued: IssuedSession,
) -> AppResult<Response> {
    let c = cookie(
        app,
        &issued.refresh_token,
        app.config.auth.refresh_ttl.as_secs(),
    )?;
    let mut response = (status, Json(issued.body)).into_response();
    response.headers_mut().insert(header::SET_COOKIE, c);
    Ok(response)
}

/// A response that deletes the refresh cookie.
pub fn clear_cookie(app: &App, mut response: Response) -> AppResult<Response> {
    response
        .headers_mut()
        .insert(header::SET_COOKIE, cookie(app, "", 0)?);
    Ok(response)
}

pub fn refresh_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == REFRESH_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|v| !v.is_empty())
}

/// Cookie-authenticated endpoints answer only the app itself.
pub fn require_app_header(headers: &HeaderMap) -> AppResult<()> {
    if headers.get(APP_HEADER).is_some() {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}
