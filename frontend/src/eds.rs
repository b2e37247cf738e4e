//! The client of the signing worker (crate `signer`, built by Trunk into
//! `signer-worker*.js` and `.wasm`). The worker is started only when the
//! user signs, so the first page load carries none of the cryptography, and
//! it is terminated right after: the decrypted key lives in the worker's
//! memory only for the time of one signature, and is never stored anywhere.

use js_sys::{Object, Promise, Reflect, Uint8Array};
use shared::eds::{EdsCode, SignOrder, Signer};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

/// How long the worker may take to load, or to sign.
const TIMEOUT_MS: i32 = 30_000;

/// Trunk's loader shim for the worker.
const WORKER_URL: &str = "/signer-worker_loader.js";

/// What a signature gives.
#[derive(Debug, Clone)]
pub struct Signed {
    /// The CMS SignedData, DER.
    pub cms: Vec<u8>,
    pub signer: Signer,
}

/// Why no signature was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignFailure {
    /// The keystore, its password or its certificate was refused.
    Eds(EdsCode),
    /// The signing module could not be loaded (offline, blocked).
    Unavailable,
}

fn get(target: &JsValue, name: &str) -> JsValue {
    Reflect::get(target, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn set(target: &Object, name: &str, value: &JsValue) {
    // Setting a property of a fresh plain object cannot fail.
    let _ = Reflect::set(target, &JsValue::from_str(name), value);
}

/// Posts `message` (if any) to `worker` and gives its next message (or its
/// load error).
async fn next_message(worker: &Worker, message: Option<&Object>) -> Result<JsValue, SignFailure> {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_message = Closure::once_into_js(move |event: MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &event.data());
        });
        let timed_out = reject.clone();
        let on_error = Closure::once_into_js(move |event: JsValue| {
            let _ = reject.call1(&JsValue::NULL, &event);
        });
        worker.set_onmessage(Some(on_message.unchecked_ref()));
        worker.set_onerror(Some(on_error.unchecked_ref()));
        // A module that fails to load sends nothing and raises no error.
        let on_timeout = Closure::once_into_js(move || {
            let _ = timed_out.call0(&JsValue::NULL);
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.unchecked_ref(),
                TIMEOUT_MS,
            );
        }
    });
    if let Some(message) = message {
        worker
            .post_message(message)
            .map_err(|_| SignFailure::Unavailable)?;
    }
    JsFuture::from(promise)
        .await
        .map_err(|_| SignFailure::Unavailable)
}

/// Signs `content` with the key in `keystore`, in a worker of its own.
pub async fn sign(
    keystore: &[u8],
    order: &SignOrder,
    content: &[u8],
) -> Result<Signed, SignFailure> {
    let worker = Worker::new(WORKER_URL).map_err(|_| SignFailure::Unavailable)?;
    let outcome = run(&worker, keystore, order, content).await;
    worker.terminate();
    outcome
}

async fn run(
    worker: &Worker,
    keystore: &[u8],
    order: &SignOrder,
    content: &[u8],
) -> Result<Signed, SignFailure> {
    // The worker says it is ready once its handler is installed.
    let ready = next_message(worker, None).await?;
    if get(&ready, "ready").as_bool() != Some(true) {
        return Err(SignFailure::Unavailable);
    }
    let message = Object::new();
    set(&message, "id", &JsValue::from_f64(1.0));
    let order = serde_json::to_string(order).map_err(|_| SignFailure::Unavailable)?;
    set(&message, "order", &JsValue::from_str(&order));
    set(&message, "keystore", &Uint8Array::from(keystore));
    set(&message, "content", &Uint8Array::from(content));
    let answer = next_message(worker, Some(&message)).await?;
    if get(&answer, "ok").as_bool() == Some(true) {
        let cms = get(&answer, "cms")
            .dyn_into::<Uint8Array>()
            .map_err(|_| SignFailure::Unavailable)?
            .to_vec();
        let signer = get(&answer, "signer")
            .as_string()
            .and_then(|s| serde_json::from_str::<Signer>(&s).ok())
            .ok_or(SignFailure::Unavailable)?;
        Ok(Signed { cms, signer })
    } else {
        let code = get(&answer, "code")
            .as_string()
            .and_then(|s| serde_json::from_str::<EdsCode>(&s).ok())
            .unwrap_or(EdsCode::Malformed);
        Err(SignFailure::Eds(code))
    }
}

/// The bytes of a file the user chose.
pub async fn read_file(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

/// The browser's clock, Unix milliseconds.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Standard, padded base64 (what the API takes for signatures).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }
}
