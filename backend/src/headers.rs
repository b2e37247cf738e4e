//! The headers every response carries: the content security policy (a
//! download keeps its own sandbox policy), HSTS when configured, `nosniff`,
//! framing, referrer and permissions policies; and the cache headers of the
//! built app's files.
//!
//! Invariant: a policy a handler set is never overwritten here.

use std::path::Path;
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

/// What [`security`] adds to every response, computed once at start.
#[derive(Clone)]
pub struct Security {
    csp: HeaderValue,
    hsts: Option<HeaderValue>,
}

impl Security {
    /// The app's policy (with the hashes of `dist`'s inline scripts) and, if
    /// `hsts` is set, `Strict-Transport-Security` for that long.
    pub fn new(dist: Option<&Path>, hsts: Option<Duration>) -> Security {
        let csp = HeaderValue::from_str(&content_security_policy(dist)).unwrap_or_else(|_| {
            HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'")
        });
        let hsts = hsts.and_then(|age| {
            HeaderValue::from_str(&format!("max-age={}; includeSubDomains", age.as_secs())).ok()
        });
        Security { csp, hsts }
    }
}

/// Security headers on every response.
pub async fn security(State(headers): State<Security>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    // A download sets its own (sandbox) policy; everything else gets the app's.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(header::CONTENT_SECURITY_POLICY, headers.csp);
    }
    if let Some(hsts) = headers.hsts {
        h.insert(header::STRICT_TRANSPORT_SECURITY, hsts);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=()"),
    );
    response
}

/// The app's own scripts and wasm only. Trunk's loader is an inline module
/// script, allowed by its hash, which is read from the built `index.html`.
pub fn content_security_policy(dist: Option<&Path>) -> String {
    let hashes: Vec<String> = dist
        .and_then(|d| std::fs::read_to_string(d.join("index.html")).ok())
        .map(|html| inline_script_hashes(&html))
        .unwrap_or_default();
    let script_src = std::iter::once("'self'".to_owned())
        .chain(std::iter::once("'wasm-unsafe-eval'".to_owned()))
        .chain(hashes.into_iter().map(|h| format!("'sha256-{h}'")))
        .collect::<Vec<_>>()
        .join(" ");
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
         font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// Base64 SHA-256 of each inline `<script>` body in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_and_more = &after[open_end + 1..];
        let Some(close) = body_and_more.find("</script>") else {
            break;
        };
        let body = &body_and_more[..close];
        if !tag.contains(" src=") && !body.trim().is_empty() {
            out.push(
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body.as_bytes())),
            );
        }
        rest = &body_and_more[close..];
    }
    out
}

/// Hashed build files are immutable; `index.html` and the split app in
/// `/pkg/` (whose names stay the same from build to build) are always
/// revalidated.
pub async fn static_cache(req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut response = next.run(req).await;
    if path.starts_with("/api/") {
        return response;
    }
    let immutable = [".wasm", ".js", ".css"]
        .iter()
        .any(|ext| path.ends_with(ext))
        && path.contains('-')
        && !path.starts_with("/pkg/");
    let value = if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html =
            r#"<script src="/a.js"></script><script type="module">import x from '/x.js';</script>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import x from '/x.js';"));
        assert_eq!(hashes[0], expected);
        assert!(content_security_policy(None).contains("frame-ancestors 'none'"));
    }
}
