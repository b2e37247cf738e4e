//! What the stand-in server needs to read a message back: RFC 2047
//! encoded words (the real-server test reads with Python's `email`).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

/// A header value with its `=?utf-8?b?…?=` words decoded (the whitespace
/// between two encoded words dropped, RFC 2047 §6.2).
pub fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut last_encoded = false;
    for (i, token) in value.split(' ').enumerate() {
        let lower = token.to_ascii_lowercase();
        let decoded = lower
            .starts_with("=?utf-8?b?")
            .then(|| token.get(10..token.len().saturating_sub(2)))
            .flatten()
            .filter(|_| token.ends_with("?="))
            .map(|b64| String::from_utf8(BASE64.decode(b64).expect("base64")).expect("utf-8"));
        if i > 0 && !(last_encoded && decoded.is_some()) {
            out.push(' ');
        }
        last_encoded = decoded.is_some();
        out.push_str(&decoded.unwrap_or_else(|| token.to_owned()));
    }
    out
}
