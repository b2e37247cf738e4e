//! Uploading a file with a progress bar: `fetch` reports no upload
//! progress, so this one call goes through `XMLHttpRequest`. The file goes
//! as the raw body; its document and name travel in the query.

use std::rc::Rc;

use js_sys::Promise;
use leptos::prelude::GetUntracked;
use shared::files::FileDto;
use shared::{ApiErrorBody, ErrorCode};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::{Closure, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ProgressEvent, XmlHttpRequest};

use super::failure::ApiFailure;
use super::http::encode;
use super::session::{Session, after_failure};

/// What came back: the status and the body text.
struct Answer {
    status: u16,
    body: String,
}

async fn send_once(
    path: &str,
    token: Option<&str>,
    file: &web_sys::File,
    on_progress: Rc<dyn Fn(f64)>,
) -> Result<Answer, ApiFailure> {
    let xhr = XmlHttpRequest::new().map_err(|_| ApiFailure::Network)?;
    xhr.open("POST", path).map_err(|_| ApiFailure::Network)?;
    let headers = [
        ("X-Requested-With", "portal-app".to_owned()),
        ("Accept", "application/json".to_owned()),
        ("Content-Type", "application/octet-stream".to_owned()),
    ];
    for (name, value) in headers {
        xhr.set_request_header(name, &value)
            .map_err(|_| ApiFailure::Network)?;
    }
    if let Some(t) = token {
        xhr.set_request_header("Authorization", &format!("Bearer {t}"))
            .map_err(|_| ApiFailure::Network)?;
    }
    // Dropped (and detached) when the request is over.
    let handler = Closure::<dyn Fn(ProgressEvent)>::new(move |e: ProgressEvent| {
        if e.length_computable() && e.total() > 0.0 {
            on_progress(e.loaded() / e.total());
        }
    });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(handler.as_ref().unchecked_ref()));
    }
    let done = Promise::new(&mut |resolve, _reject| {
        let resolve_load = resolve.clone();
        let on_load = Closure::once_into_js(move || {
            let _ = resolve_load.call0(&JsValue::NULL);
        });
        let on_error = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        xhr.set_onload(Some(on_load.unchecked_ref()));
        xhr.set_onerror(Some(on_error.unchecked_ref()));
    });
    xhr.send_with_opt_blob(Some(file))
        .map_err(|_| ApiFailure::Network)?;
    let _ = JsFuture::from(done).await;
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(None);
    }
    drop(handler);
    let status = xhr.status().map_err(|_| ApiFailure::Network)?;
    if status == 0 {
        return Err(ApiFailure::Network);
    }
    Ok(Answer {
        status,
        body: xhr.response_text().ok().flatten().unwrap_or_default(),
    })
}

/// Attaches `file` to the document `document` of request `id`, reporting
/// progress from 0 to 1.
pub async fn upload(
    session: Session,
    id: i64,
    document: &str,
    file: &web_sys::File,
    on_progress: impl Fn(f64) + 'static,
) -> Result<FileDto, ApiFailure> {
    let path = format!(
        "/api/requests/{id}/files?document={}&name={}",
        encode(document),
        encode(&file.name())
    );
    let on_progress: Rc<dyn Fn(f64)> = Rc::new(on_progress);
    session.wait_ready().await;
    for attempt in 0..2 {
        let token = session.token.get_untracked();
        let answer = send_once(&path, token.as_deref(), file, Rc::clone(&on_progress)).await?;
        if (200..300).contains(&answer.status) {
            return serde_json::from_str(&answer.body).map_err(|_| ApiFailure::Network);
        }
        let failed = match serde_json::from_str::<ApiErrorBody>(&answer.body) {
            Ok(body) => ApiFailure::Api {
                status: answer.status,
                body,
            },
            // A proxy's own "too large" page, say.
            Err(_) if answer.status == 413 => ApiFailure::Api {
                status: 413,
                body: ApiErrorBody {
                    error: ErrorCode::FileTooLarge {
                        max: shared::files::MAX_FILE_BYTES,
                    },
                    fields: Default::default(),
                    request_id: None,
                },
            },
            Err(_) => ApiFailure::Network,
        };
        if after_failure(session, &failed, attempt).await {
            continue;
        }
        return Err(failed);
    }
    Err(ApiFailure::Network)
}
