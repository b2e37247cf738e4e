//! The signing worker's protocol, without JavaScript: what the
//! `signer-worker` binary answers to one message, given the message's
//! fields. The binary only moves the fields between JavaScript values and
//! these functions (see the crate documentation for the messages).

use shared::eds::{EdsCode, SignOrder};
use zeroize::Zeroize;

/// The answer to one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// `{ id, ok: true, cms, signer }`.
    Signed {
        /// The DER CMS SignedData.
        cms: Vec<u8>,
        /// JSON of [`shared::eds::Signer`].
        signer: String,
    },
    /// `{ id, ok: false, code }`.
    Refused {
        /// JSON of [`EdsCode`], e.g. `{"code":"wrong_password"}`.
        code: String,
    },
}

/// The JSON of a refusal's code, e.g. `{"code":"wrong_password"}`.
pub fn code_json(code: &EdsCode) -> String {
    serde_json::to_string(code).unwrap_or_else(|_| format!(r#"{{"code":"{}"}}"#, code.code()))
}

/// A refusal with `code`.
pub fn refused(code: &EdsCode) -> Answer {
    Answer::Refused {
        code: code_json(code),
    }
}

/// Answers a well-formed message: `order` is the JSON of a
/// [`SignOrder`]. Its password is wiped once the signature exists or the
/// order is refused. An order that is not such JSON is
/// [`EdsCode::Malformed`].
pub fn answer(order: &str, keystore: &[u8], content: &[u8]) -> Answer {
    let result = serde_json::from_str::<SignOrder>(order)
        .map_err(|_| EdsCode::Malformed)
        .and_then(|mut order| {
            let signed = crate::sign(&order, keystore, content);
            order.password.zeroize();
            signed
        });
    match result {
        Ok(signed) => match serde_json::to_string(&signed.signer) {
            Ok(signer) => Answer::Signed {
                cms: signed.cms,
                signer,
            },
            Err(_) => refused(&EdsCode::Malformed),
        },
        Err(code) => refused(&code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_shared_json() {
        assert_eq!(
            code_json(&EdsCode::WrongPassword),
            r#"{"code":"wrong_password"}"#
        );
    }

    #[test]
    fn a_malformed_order_is_refused_not_a_panic() {
        for order in [
            "",
            "{",
            "null",
            "[]",
            r#"{"password":"x"}"#,
            r#"{"password":1,"purpose":"signing","now_ms":0}"#,
        ] {
            assert_eq!(
                answer(order, b"", b""),
                refused(&EdsCode::Malformed),
                "{order}"
            );
        }
        // Well-formed, but the keystore is nothing.
        let order = r#"{"password":"x","purpose":"signing","now_ms":1795400000000}"#;
        assert_eq!(answer(order, b"", b"doc"), refused(&EdsCode::NotAKeystore));
    }
}
