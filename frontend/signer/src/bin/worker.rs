//! The signing worker: installs an `onmessage` handler on the
//! `DedicatedWorkerGlobalScope` that answers each message with
//! [`signer::protocol::answer`]. The messages are documented in the crate
//! documentation of `signer`. On the host this binary does nothing.

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{ArrayBuffer, Object, Reflect, Uint8Array};
    use shared::eds::EdsCode;
    use signer::protocol::{self, Answer};
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::{Closure, JsValue};
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};
    use zeroize::Zeroizing;

    pub fn install() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let replies = scope.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let reply = handle(&event.data());
            // Posting a plain object cannot fail; if it did there is no one to tell.
            let _ = replies.post_message(&reply);
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        // The handler lives as long as the worker.
        on_message.forget();
        // Messages posted before the handler existed would be lost: the app
        // waits for this before it sends the order.
        let ready = Object::new();
        set(&ready, "ready", &JsValue::TRUE);
        let _ = scope.post_message(&ready);
    }

    fn field(data: &JsValue, name: &str) -> Option<JsValue> {
        Reflect::get(data, &JsValue::from_str(name)).ok()
    }

    /// The bytes of a `Uint8Array` (or an `ArrayBuffer`), copied into a
    /// buffer wiped on drop.
    fn bytes(value: &JsValue) -> Option<Zeroizing<Vec<u8>>> {
        if let Some(array) = value.dyn_ref::<Uint8Array>() {
            return Some(Zeroizing::new(array.to_vec()));
        }
        value
            .dyn_ref::<ArrayBuffer>()
            .map(|buffer| Zeroizing::new(Uint8Array::new(buffer).to_vec()))
    }

    fn handle(data: &JsValue) -> Object {
        let id = if data.is_object() {
            field(data, "id").filter(|v| v.as_f64().is_some())
        } else {
            None
        }
        .unwrap_or(JsValue::NULL);
        let answer = if data.is_object() {
            let order = field(data, "order")
                .and_then(|v| v.as_string())
                .map(Zeroizing::new);
            let keystore = field(data, "keystore").as_ref().and_then(bytes);
            let content = field(data, "content").as_ref().and_then(bytes);
            match (order, keystore, content) {
                (Some(order), Some(keystore), Some(content)) => {
                    protocol::answer(&order, &keystore, &content)
                }
                _ => protocol::refused(&EdsCode::Malformed),
            }
        } else {
            protocol::refused(&EdsCode::Malformed)
        };
        reply(&id, answer)
    }

    fn set(target: &Object, name: &str, value: &JsValue) {
        // Setting a property of a fresh plain object cannot fail.
        let _ = Reflect::set(target, &JsValue::from_str(name), value);
    }

    fn reply(id: &JsValue, answer: Answer) -> Object {
        let out = Object::new();
        set(&out, "id", id);
        match answer {
            Answer::Signed { cms, signer } => {
                set(&out, "ok", &JsValue::TRUE);
                set(&out, "cms", &Uint8Array::from(cms.as_slice()));
                set(&out, "signer", &JsValue::from_str(&signer));
            }
            Answer::Refused { code } => {
                set(&out, "ok", &JsValue::FALSE);
                set(&out, "code", &JsValue::from_str(&code));
            }
        }
        out
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::install();
}
