//! Who the visitor is: an individual or a legal entity, and their ИИН/БИН.

use leptos::prelude::*;
use shared::account::AccountKind;

use crate::i18n::{t, use_i18n};

/// The visitor's kind (fixed when the service takes one kind only) and
/// number; `forget` runs when either changes: a different visitor.
#[component]
pub(super) fn VisitorFields(
    kind: RwSignal<AccountKind>,
    id_number: RwSignal<String>,
    id_error: RwSignal<Option<shared::FieldCode>>,
    kind_fixed: Signal<bool>,
    forget: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind_radio = move |k: AccountKind, label: &'static str| {
        let id = format!("desk-kind-{}", k.code());
        view! {
            <label class="choice__option" for=id>
                <input type="radio" id=id.clone() name="desk-kind" data-test=id.clone()
                    prop:checked=move || kind.get() == k
                    disabled=move || kind_fixed.get() && kind.get() != k
                    on:change=move |_| { kind.set(k); forget.run(()); } />
                {t(label)}
            </label>
        }
    };
    view! {
        <fieldset class="field">
            <legend>{t("desk.applicant_kind")}</legend>
            {kind_radio(AccountKind::Individual, "register.individual")}
            {kind_radio(AccountKind::LegalEntity, "register.legal_entity")}
        </fieldset>
        <div class="field" class:field--invalid=move || id_error.get().is_some()>
            <label for="desk-id-number">{move || if kind.get() == AccountKind::LegalEntity { i18n.t("register.bin") } else { i18n.t("register.iin") }}</label>
            <input id="desk-id-number" data-test="desk-id-number" inputmode="numeric" autocomplete="off" maxlength="12"
                aria-invalid=move || id_error.get().is_some().to_string()
                aria-describedby=move || id_error.get().map(|_| "desk-id-number-error")
                prop:value=move || id_number.get()
                on:input=move |ev| { id_number.set(event_target_value(&ev)); id_error.set(None); forget.run(()); } />
            {move || id_error.get().map(|c| view! {
                <ul class="field__errors" id="desk-id-number-error" data-test="desk-id-number-error"><li>{i18n.field(&c)}</li></ul>
            })}
        </div>
    }
}
