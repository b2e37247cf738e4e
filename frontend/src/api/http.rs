//! One call to the API over `fetch`: the headers every call carries, the
//! JSON body, the error body read into an [`ApiFailure`].

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::ApiErrorBody;

use super::failure::ApiFailure;

pub(super) fn with_headers(builder: RequestBuilder, token: Option<&str>) -> RequestBuilder {
    let builder = builder
        .header("X-Requested-With", "portal-app")
        .header("Accept", "application/json");
    match token {
        Some(t) => builder.header("Authorization", &format!("Bearer {t}")),
        None => builder,
    }
}

pub(super) async fn fetch(
    builder: RequestBuilder,
    token: Option<&str>,
    body: Option<&str>,
) -> Result<Response, ApiFailure> {
    let builder = with_headers(builder, token);
    let request = match body {
        Some(json) => builder
            .header("Content-Type", "application/json")
            .body(json.to_owned()),
        None => builder.build(),
    }
    .map_err(|_| ApiFailure::Network)?;
    request.send().await.map_err(|_| ApiFailure::Network)
}

pub(super) async fn failure(response: Response) -> ApiFailure {
    let status = response.status();
    match response.json::<ApiErrorBody>().await {
        Ok(body) => ApiFailure::Api { status, body },
        Err(_) => ApiFailure::Network,
    }
}

pub(super) async fn send<T: DeserializeOwned>(
    builder: RequestBuilder,
    body: Option<&str>,
) -> Result<T, ApiFailure> {
    let response = fetch(builder, None, body).await?;
    if !response.ok() {
        return Err(failure(response).await);
    }
    response.json::<T>().await.map_err(|_| ApiFailure::Network)
}

pub(super) async fn send_empty(
    builder: RequestBuilder,
    body: Option<&str>,
) -> Result<(), ApiFailure> {
    let response = fetch(builder, None, body).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(failure(response).await)
    }
}

/// The HTTP method of a call.
#[derive(Clone, Copy)]
pub(super) enum Method {
    Get,
    Post,
    Put,
    Delete,
}

pub(super) fn builder(method: Method, path: &str) -> RequestBuilder {
    match method {
        Method::Get => Request::get(path),
        Method::Post => Request::post(path),
        Method::Put => Request::put(path),
        Method::Delete => Request::delete(path),
    }
}

pub(super) fn json<B: Serialize>(body: &B) -> Result<String, ApiFailure> {
    serde_json::to_string(body).map_err(|_| ApiFailure::Network)
}

pub(super) fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}
