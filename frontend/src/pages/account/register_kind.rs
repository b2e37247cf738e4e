//! Who registers: an individual (ИИН) or a legal entity (БИН).

use leptos::prelude::*;
use shared::account::AccountKind;

use crate::i18n::{t, use_i18n};

/// The kind of account; `on_change` runs when the user picks another.
#[component]
pub(super) fn KindChoice(kind: RwSignal<AccountKind>, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="choice">
            <legend>{t("register.kind")}</legend>
            {[(AccountKind::Individual, "register.individual"), (AccountKind::LegalEntity, "register.legal_entity")]
                .into_iter()
                .map(|(k, key)| {
                    let id = format!("kind-{}", k.code());
                    let label_for = id.clone();
                    view! {
                        <label class="choice__option" for=label_for>
                            <input
                                type="radio"
                                name="kind"
                                id=id
                                data-test=format!("kind-{}", k.code())
                                prop:checked=move || kind.get() == k
                                on:change=move |_| {
                                    kind.set(k);
                                    on_change.run(());
                                }
                            />
                            {move || i18n.t(key)}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
