//! What the out-of-process suites (`crash`, `soak`, `cluster`) share: a plain HTTP
//! client for a `portal` binary started on loopback, and their settings.

use std::time::Duration;

use axum::http::{HeaderMap, Method, Request, StatusCode};
use bytes::Bytes;
use http_body_util::{BodyExt as _, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

pub type HttpClient = Client<HttpConnector, Full<Bytes>>;

pub const APPLICANT: (&str, &str) = ("900101300007", "demo-applicant-2026");

pub fn client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

/// A setting from the environment, or its default.
pub fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

pub fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

/// One API call as the app makes it; the status and the JSON body (`Null`
/// when there is none). Gives up after 20 s.
pub async fn call(
    client: &HttpClient,
    method: Method,
    url: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> Result<(StatusCode, Value), String> {
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth
        .as_deref()
        .map(|a| ("authorization", a))
        .into_iter()
        .collect();
    call_with(client, method, url, &headers, body)
        .await
        .map(|(status, _, value)| (status, value))
}

/// [`call`] with `headers` besides the app's own, giving the response's
/// headers too.
pub async fn call_with(
    client: &HttpClient,
    method: Method,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&Value>,
) -> Result<(StatusCode, HeaderMap, Value), String> {
    let mut req = Request::builder()
        .method(method)
        .uri(url)
        .header("x-requested-with", "portal-app");
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    let bytes = match body {
        Some(v) => {
            req = req.header("content-type", "application/json");
            Bytes::from(serde_json::to_vec(v).map_err(|e| e.to_string())?)
        }
        None => Bytes::new(),
    };
    let req = req.body(Full::new(bytes)).map_err(|e| e.to_string())?;
    let res = tokio::time::timeout(Duration::from_secs(20), client.request(req))
        .await
        .map_err(|_| "timed out".to_owned())?
        .map_err(|e| e.to_string())?;
    let status = res.status();
    let headers = res.headers().clone();
    let body = res
        .into_body()
        .collect()
        .await
        .map_err(|e| e.to_string())?
        .to_bytes();
    Ok((
        status,
        headers,
        serde_json::from_slice(&body).unwrap_or(Value::Null),
    ))
}

/// Logs in with a password; the access token.
pub async fn login(
    client: &HttpClient,
    base: &str,
    (id, password): (&str, &str),
) -> Result<String, String> {
    let body = json!({ "id_number": id, "password": password });
    let url = format!("{base}/api/auth/login");
    match call(client, Method::POST, &url, None, Some(&body)).await? {
        (StatusCode::OK, v) => v["access_token"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| "no token".to_owned()),
        (s, v) => Err(format!("login: {s} {v}")),
    }
}
