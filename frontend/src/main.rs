//! The portal's single-page app: Leptos, client-side rendered, built by Trunk.
//!
//! - `app`: the router and the shell (header, footer).
//! - `api`: the typed client of `/api` and the session (the access token lives
//!   in memory only; the refresh token is an `HttpOnly` cookie).
//! - `i18n`: the three languages; every text goes through it.
//! - `pages/`, `components/`: what the routes show and what they share.

use leptos::prelude::*;

/// The allocator (see `Cargo.toml`): single-threaded, since the app runs
/// on the page's one thread (the signer's worker is its own module).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod api;
mod app;
mod components;
mod eds;
mod format;
mod i18n;
mod pages;

/// Said when not even the texts could be fetched: the one message that
/// cannot come from the i18n layer, so it is in the three languages at once,
/// like the page's `<noscript>`.
const UNREACHABLE: &str = "Портал жүктелмеді: серверге қосылу жоқ, бетті жаңартыңыз. \
    Портал не загрузился: нет связи с сервером, обновите страницу. \
    The portal did not load: the server cannot be reached, reload the page.";

fn main() {
    console_error_panic_hook::set_once();
    let lang = i18n::initial_lang();
    // Leptos sets up its executor when it mounts, so the fetch that comes
    // before the mount is spawned on wasm-bindgen's own.
    wasm_bindgen_futures::spawn_local(async move {
        match i18n::load(lang).await {
            Ok(()) => leptos::mount::mount_to_body(move || view! { <app::App lang=lang /> }),
            Err(i18n::LoadFailed) => {
                let doc = document();
                if let (Some(body), Ok(p)) = (doc.body(), doc.create_element("p")) {
                    p.set_class_name("boot-error");
                    let _ = p.set_attribute("role", "alert");
                    let _ = p.set_attribute("data-test", "boot-error");
                    p.set_text_content(Some(UNREACHABLE));
                    let _ = body.append_child(&p);
                }
            }
        }
    });
}
