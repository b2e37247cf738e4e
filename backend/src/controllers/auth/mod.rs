//! Registration, login, token refresh and logout. The refresh token travels
//! only in an `HttpOnly`, `SameSite=Strict` cookie scoped to `/api/auth`; the
//! cookie-driven endpoints also demand the app's `X-Requested-With` header.

pub mod eds;
pub mod login;
pub mod logout;
pub mod recover;
pub mod refresh;
pub mod register;

use axum::Json;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::app::App;
use crate::error::{AppError, AppResult};
use crate::services::accounts::account::IssuedSession;

pub const REFRESH_COOKIE: &str = "portal_refresh";
/// Beside the refresh cookie, readable by the app and secret-free: "there
/// may be a session to refresh". Without it the app does not ask, so an
/// anonymous visit makes no refresh call that can only be refused.
pub const SESSION_HINT_COOKIE: &str = "portal_session";
pub const COOKIE_PATH: &str = "/api/auth";
/// The header the app sends with every request; a cross-site form cannot.
pub const APP_HEADER: &str = "x-requested-with";

/// The refresh cookie, then the session hint, with `value` (the hint's is
/// `1`, or empty when cleared) for `max_age` seconds.
fn cookies(app: &App, value: &str, max_age: u64) -> AppResult<[HeaderValue; 2]> {
    let secure = if app.config.auth.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let hint = if value.is_empty() { "" } else { "1" };
    let header = |text: String| HeaderValue::from_str(&text).map_err(AppError::internal);
    Ok([
        header(format!(
            "{REFRESH_COOKIE}={value}; Path={COOKIE_PATH}; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}"
        ))?,
        header(format!(
            "{SESSION_HINT_COOKIE}={hint}; Path=/; Max-Age={max_age}; SameSite=Strict{secure}"
        ))?,
    ])
}

fn set_cookies(response: &mut Response, cookies: [HeaderValue; 2]) {
    response.headers_mut().remove(header::SET_COOKIE);
    for c in cookies {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
}

/// The session body, with the refresh cookie set.
pub fn session_response(
    app: &App,
    status: StatusCode,
    issued: IssuedSession,
) -> AppResult<Response> {
    let c = cookies(
        app,
        &issued.refresh_token,
        app.config.auth.refresh_ttl.as_secs(),
    )?;
    let mut response = (status, Json(issued.body)).into_response();
    set_cookies(&mut response, c);
    Ok(response)
}

/// A response that deletes the refresh cookie and the session hint.
pub fn clear_cookie(app: &App, mut response: Response) -> AppResult<Response> {
    set_cookies(&mut response, cookies(app, "", 0)?);
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
