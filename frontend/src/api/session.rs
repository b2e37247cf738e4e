//! The session: the access token is kept in memory (a signal) and nowhere
//! else; on start and when it expires, `/api/auth/refresh` trades the
//! `HttpOnly` refresh cookie for a new one. The calls made as the
//! signed-in user go through here.

use gloo_net::http::{Request, Response};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use shared::ErrorCode;
use shared::account::{SessionDto, UserDto};

use super::failure::ApiFailure;
use super::http::{Method, builder, failure, fetch, send, send_empty};

/// The signed-in user, if any. `ready` turns true once the start-up refresh
/// has answered, so pages can tell "logged out" from "not known yet".
#[derive(Clone, Copy, Debug)]
pub struct Session {
    pub(super) token: RwSignal<Option<String>>,
    pub user: RwSignal<Option<UserDto>>,
    pub ready: RwSignal<bool>,
}

impl Session {
    pub fn new() -> Session {
        let session = Session {
            token: RwSignal::new(None),
            user: RwSignal::new(None),
            ready: RwSignal::new(false),
        };
        leptos::task::spawn_local(async move {
            if may_have_session() {
                let _ = session.refresh().await;
            }
            session.ready.set(true);
        });
        session
    }

    /// Waits for the start-up refresh, so a page opened by its address
    /// (a reload, the payment gateway's return link) calls the API signed in.
    pub async fn wait_ready(&self) {
        while !self.ready.get_untracked() {
            sleep_ms(25).await;
        }
    }

    pub fn start(&self, dto: SessionDto) {
        self.token.set(Some(dto.access_token));
        self.user.set(Some(dto.user));
    }

    pub fn clear(&self) {
        self.token.set(None);
        self.user.set(None);
    }

    /// Trades the refresh cookie for a new access token.
    pub async fn refresh(&self) -> Result<(), ApiFailure> {
        match send::<SessionDto>(Request::post("/api/auth/refresh"), None).await {
            Ok(dto) => {
                self.start(dto);
                Ok(())
            }
            Err(e) => {
                self.clear();
                Err(e)
            }
        }
    }

    pub async fn logout(&self) {
        let _ = send_empty(Request::post("/api/auth/logout"), None).await;
        self.clear();
    }
}

/// Whether the server left its session hint (`portal_session=1`, set and
/// cleared with the `HttpOnly` refresh cookie, which the app cannot read):
/// without it there is nothing to refresh, and an anonymous visit makes no
/// call that can only be refused.
fn may_have_session() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| js_sys::Reflect::get(&d, &"cookie".into()).ok())
        .and_then(|c| c.as_string())
        .is_some_and(|c| c.split(';').any(|p| p.trim() == "portal_session=1"))
}

/// Resolves after `ms` milliseconds.
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// What to do after a failed call as the signed-in user: retry once after
/// refreshing an expired token; forget a session the server ended.
pub(super) async fn after_failure(session: Session, failed: &ApiFailure, attempt: u32) -> bool {
    if attempt == 0
        && failed.code() == Some(&ErrorCode::TokenExpired)
        && session.refresh().await.is_ok()
    {
        return true;
    }
    if matches!(
        failed.code(),
        Some(ErrorCode::SessionEnded | ErrorCode::Unauthenticated)
    ) {
        session.clear();
    }
    false
}

/// A call as the signed-in user; an expired access token is refreshed once.
pub(super) async fn authed_response(
    session: Session,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<Response, ApiFailure> {
    session.wait_ready().await;
    for attempt in 0..2 {
        let token = session.token.get_untracked();
        let response = fetch(builder(method, path), token.as_deref(), body.as_deref()).await?;
        if response.ok() {
            return Ok(response);
        }
        let failed = failure(response).await;
        if after_failure(session, &failed, attempt).await {
            continue;
        }
        return Err(failed);
    }
    Err(ApiFailure::Network)
}

pub(super) async fn authed<T: DeserializeOwned>(
    session: Session,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<T, ApiFailure> {
    let response = authed_response(session, method, path, body).await?;
    response.json::<T>().await.map_err(|_| ApiFailure::Network)
}

pub(super) async fn authed_unit(
    session: Session,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<(), ApiFailure> {
    authed_response(session, method, path, body)
        .await
        .map(|_| ())
}

/// The bytes of a signed-in GET (a PDF, a signature).
pub(super) async fn bytes(session: Session, path: &str) -> Result<Vec<u8>, ApiFailure> {
    let response = authed_response(session, Method::Get, path, None).await?;
    response.binary().await.map_err(|_| ApiFailure::Network)
}
