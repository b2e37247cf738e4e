//! A lazy route's page waits for the pages' texts, which every lazy route
//! sets off as it starts loading its page's code.

use crate::components::status::Loading;
use crate::i18n::{I18n, PagesPart, t, use_i18n};
use leptos::prelude::*;

/// Called by every lazy route as it starts loading its page's code: the
/// pages' texts (`crate::i18n`) set off at the same time.
pub fn texts_on_their_way() {
    if let Some(i18n) = use_context::<I18n>() {
        i18n.want_pages();
    }
}

/// A lazy route's page, once the pages' texts are here; a loading line
/// until then, and a failure with a retry if they cannot be fetched.
pub fn with_texts(page: fn() -> AnyView) -> AnyView {
    let i18n = use_i18n();
    i18n.want_pages();
    let ready = Memo::new(move |_| i18n.pages() == PagesPart::Here);
    let waiting = move || {
        if i18n.pages() == PagesPart::Failed {
            view! {
                <div class="alert alert--error" role="alert" data-test="texts-failed">
                    <p>{t("error.network")}</p>
                    <button type="button" class="btn btn--primary" data-test="texts-retry" on:click=move |_| i18n.want_pages()>
                        {t("common.retry")}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! { <Loading /> }.into_any()
        }
    };
    view! { <Show when=move || ready.get() fallback=waiting>{page()}</Show> }.into_any()
}
