//! The contract between the portal's licensing side (the merchant) and the
//! payment gateway: a signed payment order the browser carries to the
//! gateway, and the signed payment notice the gateway posts back.
//!
//! Both are HMAC-SHA256 with the shared merchant secret. An order travels
//! as base64url JSON beside its signature; a notice is a JSON body with
//! `X-Gateway-Timestamp` (Unix seconds) and `X-Gateway-Signature` (hex
//! HMAC of `"<timestamp>.<body>"`).

use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

pub const TIMESTAMP_HEADER: &str = "x-gateway-timestamp";
pub const SIGNATURE_HEADER: &str = "x-gateway-signature";

/// A payment order: what to charge, and where to report and return.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    /// The merchant's order id (unique per payment attempt series).
    pub order: String,
    pub amount_tiyn: u64,
    /// What the payer sees ("Licence fee: …, request 42").
    pub description: String,
    /// Where the notice is posted.
    pub callback: String,
    /// Where the payer's browser returns.
    pub return_url: String,
    /// The payer's language: kk, ru or en.
    pub lang: String,
    /// When the order was made (Unix seconds); orders expire.
    pub issued_at: u64,
}

/// A payment notice: the gateway charged the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub order: String,
    pub transaction: String,
    pub amount_tiyn: u64,
    /// `4111 •••• 1111`.
    pub card: String,
    /// Unix seconds.
    pub paid_at: u64,
}

fn mac(secret: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length.
    <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!())
}

/// Hex HMAC-SHA256 of `parts` joined.
pub fn sign(secret: &[u8], parts: &[&[u8]]) -> String {
    let mut m = mac(secret);
    for p in parts {
        m.update(p);
    }
    crate::pki::hex(&m.finalize().into_bytes())
}

/// Checks a hex HMAC in constant time.
pub fn verify(secret: &[u8], parts: &[&[u8]], signature_hex: &str) -> bool {
    let Some(expected) = unhex(signature_hex.trim()) else {
        return false;
    };
    let mut m = mac(secret);
    for p in parts {
        m.update(p);
    }
    m.verify_slice(&expected).is_ok()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || s.len() > 128 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

impl Order {
    /// `(blob, signature)`: the two query parameters `o` and `s`.
    pub fn seal(&self, secret: &[u8]) -> (String, String) {
        let json = serde_json::to_vec(self).unwrap_or_default();
        let blob = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
        let sig = sign(secret, &[b"order.", blob.as_bytes()]);
        (blob, sig)
    }

    /// Opens a sealed order; `None` when the signature does not match.
    pub fn open(secret: &[u8], blob: &str, signature: &str) -> Option<Order> {
        if blob.len() > 8192 || !verify(secret, &[b"order.", blob.as_bytes()], signature) {
            return None;
        }
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(blob)
            .ok()?;
        serde_json::from_slice(&json).ok()
    }
}

/// The headers' signature of a notice body posted at `timestamp`.
pub fn notice_signature(secret: &[u8], timestamp: u64, body: &[u8]) -> String {
    sign(secret, &[timestamp.to_string().as_bytes(), b".", body])
}

/// Checks a notice's signature headers over `body`.
pub fn notice_signed(secret: &[u8], timestamp: &str, body: &[u8], signature: &str) -> bool {
    !timestamp.is_empty()
        && timestamp.bytes().all(|b| b.is_ascii_digit())
        && verify(secret, &[timestamp.as_bytes(), b".", body], signature)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_and_notices_are_bound_to_the_secret() {
        let order = Order {
            order: "abc".into(),
            amount_tiyn: 4_325_000,
            description: "Лицензионный сбор".into(),
            callback: "http://127.0.0.1/api/payments/notice".into(),
            return_url: "http://127.0.0.1/requests/1".into(),
            lang: "ru".into(),
            issued_at: 1,
        };
        let (blob, sig) = order.seal(b"secret");
        assert_eq!(Order::open(b"secret", &blob, &sig), Some(order));
        assert_eq!(Order::open(b"other", &blob, &sig), None);
        assert_eq!(Order::open(b"secret", &blob[1..], &sig), None);
        let body = br#"{"order":"abc"}"#;
        let s = notice_signature(b"secret", 100, body);
        assert!(notice_signed(b"secret", "100", body, &s));
        assert!(!notice_signed(b"secret", "101", body, &s));
        assert!(!notice_signed(b"secret", "100", br#"{"order":"abd"}"#, &s));
        assert!(!notice_signed(b"secret", "100", body, "zz"));
        assert!(!notice_signed(b"secret", "", body, &s));
    }
}
