//! The one way a file leaves the API: its type, a `Content-Disposition`
//! with an ASCII fallback and the RFC 6266 `filename*` (UTF-8), and headers
//! that keep a browser from running it (`nosniff`, a sandbox policy) or
//! keeping it (`no-store`).

use axum::body::Body;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use crate::adapters::storage::BlobStream;

/// How the browser is to treat the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Shown in the browser (a PDF).
    Inline,
    /// Saved.
    Attachment,
}

/// The policy of a downloaded file: nothing loads, nothing runs. The app's
/// security-headers layer keeps it (it sets its own policy only where a
/// handler set none).
pub const SANDBOX: &str = "default-src 'none'; sandbox";

/// `bytes` as a file named `name` of type `mime`.
pub fn file(bytes: Bytes, mime: &'static str, name: &str, disposition: Disposition) -> Response {
    headed(bytes.into_response(), mime, name, disposition)
}

/// A stored blob as a file, sent chunk by chunk as the store gives them.
pub fn stream(
    blob: BlobStream,
    mime: &'static str,
    name: &str,
    disposition: Disposition,
) -> Response {
    let mut response = Body::from_stream(blob.chunks).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(blob.size));
    headed(response, mime, name, disposition)
}

fn headed(
    mut response: Response,
    mime: &'static str,
    name: &str,
    disposition: Disposition,
) -> Response {
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&content_disposition(disposition, name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(SANDBOX),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `Content-Disposition` for `name`: an ASCII fallback (quotes, controls and
/// non-ASCII become `_`) and the exact name percent-encoded as UTF-8.
pub fn content_disposition(disposition: Disposition, name: &str) -> String {
    let kind = match disposition {
        Disposition::Inline => "inline",
        Disposition::Attachment => "attachment",
    };
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disposition_cannot_be_broken() {
        let h = content_disposition(Disposition::Attachment, "evil\"; filename=x.exe\r\n.pdf");
        assert!(!h.contains('\r') && !h.contains('\n'));
        assert_eq!(h.matches('"').count(), 2);
        assert!(
            content_disposition(Disposition::Attachment, "Диплом.pdf")
                .contains("filename*=UTF-8''%D0%94")
        );
    }
}
