//! Bytes in memory shown or saved by the browser: a PDF opened in a new tab,
//! a file downloaded.

use wasm_bindgen::JsCast;

/// Saves `bytes` as a file named `name` (a download from memory).
pub fn save_bytes(name: &str, mime: &str, bytes: &[u8]) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(doc) = web_sys::window().and_then(|w| w.document())
        && let Ok(a) = doc.create_element("a")
        && let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Opens a PDF's bytes in a new tab.
pub fn open_pdf(bytes: &[u8]) {
    open_blob(bytes, "application/pdf");
}

/// Opens bytes of a type the browser shows (PDF, JPEG, PNG) in a new tab.
pub fn open_blob(bytes: &[u8], mime: &str) {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        && let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob)
        && let Some(w) = web_sys::window()
    {
        let _ = w.open_with_url_and_target(&url, "_blank");
    }
}
