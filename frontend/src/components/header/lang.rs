//! The language switch: one button per language, and the message when a
//! language's texts could not be fetched.

use leptos::prelude::*;
use shared::Lang;

use crate::i18n::{t, use_i18n};

/// The language buttons and the switch's failure. A plain function, as
/// the rest of the shell's parts.
pub(super) fn lang_switch() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="lang-switch" aria-label=t("lang.switch") data-test="lang-switch">
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <button
                            type="button"
                            class="lang-switch__btn"
                            lang=lang.code()
                            aria-pressed=move || (i18n.lang.get() == lang).to_string()
                            data-test=format!("lang-{}", lang.code())
                            on:click=move |_| i18n.set(lang)
                        >
                            {lang.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </nav>
        <Show when=move || i18n.switch_failed.get().is_some()>
            <p class="lang-switch__error" role="alert" data-test="lang-switch-error">
                {t("lang.switch_failed")}
            </p>
        </Show>
    }
}
