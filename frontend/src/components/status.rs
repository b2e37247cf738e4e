//! Loading and failure states.

use leptos::prelude::*;

use crate::api::ApiFailure;
use crate::i18n::{t, use_i18n};

#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="loading" role="status" data-test="loading">
            {t("common.loading")}
        </p>
    }
}

/// A failed call, in words, with the request id to quote to support.
#[component]
pub fn Failure(failure: ApiFailure) -> impl IntoView {
    let i18n = use_i18n();
    let request_id = failure.request_id();
    let message = move || match failure.code() {
        Some(code) => i18n.error(code),
        None => i18n.t("error.network"),
    };
    view! {
        <div class="alert alert--error" role="alert" data-test="failure">
            <p>{message}</p>
            {request_id.map(|id| view! { <p class="muted small">{t("error.request_id")} " " <code>{id}</code></p> })}
        </div>
    }
}

/// The failure the last run of a write met, shown where the page shows its
/// failures: `write` is a Leptos `Action` answering the write's outcome.
pub fn write_failure<I: 'static, T: Clone + 'static>(
    write: Action<I, Result<T, ApiFailure>>,
) -> impl IntoView {
    move || {
        write
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| view! { <Failure failure=e /> })
    }
}
