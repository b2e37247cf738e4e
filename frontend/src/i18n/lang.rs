//! Which language the app starts in, and where the choice is remembered.

use shared::Lang;

pub(super) const STORAGE_KEY: &str = "lang";

/// The remembered language, else the browser's, else Russian.
pub fn initial_lang() -> Lang {
    let stored = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|c| Lang::parse(&c));
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::parse(l.split('-').next().unwrap_or_default()));
    stored.or(browser).unwrap_or_default()
}

pub(super) fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}
