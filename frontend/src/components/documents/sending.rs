//! A file on its way (or refused), and how files and their failures are
//! put in words.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::i18n::I18n;

/// A file on its way, or refused.
#[derive(Clone)]
pub(super) struct Sending {
    pub(super) key: u32,
    pub(super) document: String,
    pub(super) name: String,
    pub(super) progress: RwSignal<f64>,
    pub(super) error: RwSignal<Option<String>>,
}

/// "1,2 МБ", "340 КБ".
pub(super) fn size_text(i18n: I18n, bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        let text = format!("{},{}", tenths / 10, tenths % 10);
        format!("{text}\u{a0}{}", i18n.t("unit.mb"))
    } else {
        format!("{}\u{a0}{}", bytes.div_ceil(1024), i18n.t("unit.kb"))
    }
}

/// Why a call about a file failed, in words.
pub fn message(i18n: I18n, failure: &ApiFailure) -> String {
    match failure.code() {
        Some(code) => i18n.error(code),
        None => i18n.t("error.network"),
    }
}
