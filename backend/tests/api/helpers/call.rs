//! A call through the application's router without a socket (`Call`), and
//! what came back (`TestResponse`).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tower::ServiceExt;

/// What came back.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "body is not the expected JSON ({e}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn value(&self) -> Value {
        self.json()
    }

    /// The error code of an error body.
    pub fn code(&self) -> String {
        self.value()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    /// The refresh token set by this response, if any.
    pub fn refresh_cookie(&self) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix("portal_refresh="))
            .map(|v| v.split(';').next().unwrap_or_default().to_owned())
            .filter(|v| !v.is_empty())
    }

    /// Every `Set-Cookie` header of the answer.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect()
    }

    pub fn set_cookie_header(&self) -> String {
        self.headers
            .get(header::SET_COOKIE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

/// A request under construction.
pub struct Call<'a> {
    router: &'a Router,
    method: Method,
    path: String,
    body: Option<Value>,
    raw: Option<Vec<u8>>,
    headers: Vec<(String, String)>,
    token: Option<String>,
    cookie: Option<String>,
    app_header: bool,
    client: IpAddr,
}

impl<'a> Call<'a> {
    /// A call of `method` on `path` through `router`, from 10.0.0.1 with
    /// the app's header.
    pub fn new(router: &'a Router, method: Method, path: &str) -> Call<'a> {
        Call {
            router,
            method,
            path: path.to_owned(),
            body: None,
            raw: None,
            headers: Vec::new(),
            token: None,
            cookie: None,
            app_header: true,
            client: IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)),
        }
    }

    pub fn token(mut self, t: &str) -> Self {
        self.token = Some(t.to_owned());
        self
    }

    pub fn refresh(mut self, raw: &str) -> Self {
        self.cookie = Some(format!("portal_refresh={raw}"));
        self
    }

    pub fn json(mut self, v: Value) -> Self {
        self.body = Some(v);
        self
    }

    /// A body of raw bytes (an upload).
    pub fn bytes(mut self, b: Vec<u8>) -> Self {
        self.raw = Some(b);
        self
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn without_app_header(mut self) -> Self {
        self.app_header = false;
        self
    }

    pub fn client(mut self, ip: [u8; 4]) -> Self {
        self.client = IpAddr::V4(Ipv4Addr::from(ip));
        self
    }

    pub async fn send(self) -> TestResponse {
        let mut req = Request::builder().method(self.method).uri(&self.path);
        if let Some(t) = &self.token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        if let Some(c) = &self.cookie {
            req = req.header(header::COOKIE, c);
        }
        if self.app_header {
            req = req.header("x-requested-with", "portal-app");
        }
        for (name, value) in &self.headers {
            req = req.header(name.as_str(), value.as_str());
        }
        let body = match (&self.body, self.raw) {
            (Some(v), _) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(serde_json::to_vec(v).expect("json"))
            }
            (None, Some(raw)) => {
                req = req
                    .header(header::CONTENT_TYPE, "application/octet-stream")
                    .header(header::CONTENT_LENGTH, raw.len());
                Body::from(raw)
            }
            (None, None) => Body::empty(),
        };
        let mut req = req.body(body).expect("request");
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(self.client, 40_000)));
        let res = self.router.clone().oneshot(req).await.expect("infallible");
        let status = res.status();
        let headers = res.headers().clone();
        let body = res
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }
}
