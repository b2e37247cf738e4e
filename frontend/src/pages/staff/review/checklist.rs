//! The qualification checklist, the outcome and its reasons: what the
//! result document is made from.

use leptos::prelude::*;
use shared::FieldErrors;
use shared::catalog::ChecklistItem;

use crate::i18n::{t, use_i18n};

/// One checklist item: whether it is met (`met`, `unmet` or not yet
/// marked) and the reviewer's comment.
pub(super) type Mark = (ChecklistItem, RwSignal<String>, RwSignal<String>);

/// The decision form; `make` makes the result document from it, which
/// waits while `busy`. `problems` are its fields' errors.
#[component]
pub(super) fn DecisionForm(
    marks: StoredValue<Vec<Mark>>,
    outcome: RwSignal<String>,
    reasons: RwSignal<String>,
    problems: RwSignal<FieldErrors>,
    busy: Memo<bool>,
    make: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let field_errors = move |key: String| {
        problems
            .with(|p| p.get(&key).cloned().unwrap_or_default())
            .into_iter()
            .map(|c| i18n.field(&c))
            .collect::<Vec<_>>()
            .join("; ")
    };
    view! {
        <form on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); make.run(()); } data-test="decision-form">
            {move || marks.with_value(|m| m.iter().map(|(item, met, comment)| {
                let (met, comment) = (*met, *comment);
                let code = item.code.clone();
                let text = item.text.clone();
                let key = format!("checklist.{code}");
                view! {
                    <fieldset class="field" data-test=format!("check-{code}")>
                        <legend>{move || text.get(lang()).to_owned()}</legend>
                        <label class="choice"><input type="radio" name=key.clone() data-test=format!("check-{code}-met")
                            on:change=move |_| met.set("met".into()) /> {t("review.met")}</label>
                        <label class="choice"><input type="radio" name=key.clone() data-test=format!("check-{code}-unmet")
                            on:change=move |_| met.set("unmet".into()) /> {t("review.unmet")}</label>
                        <label for=format!("{key}-comment")>{t("review.comment")}</label>
                        <input id=format!("{key}-comment") data-test=format!("check-{code}-comment") maxlength="1000"
                            prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev)) />
                        <p class="field__error">{move || field_errors(key.clone())}</p>
                    </fieldset>
                }
            }).collect_view())}
            <fieldset class="field" data-test="outcome">
                <legend>{t("review.outcome")}</legend>
                <label class="choice"><input type="radio" name="outcome" data-test="outcome-approve" on:change=move |_| outcome.set("approve".into()) /> {t("review.approve")}</label>
                <label class="choice"><input type="radio" name="outcome" data-test="outcome-refuse" on:change=move |_| outcome.set("refuse".into()) /> {t("review.refuse")}</label>
                <p class="field__error" data-test="outcome-error">{move || field_errors("outcome".into())}</p>
            </fieldset>
            <div class="field">
                <label for="reasons">{t("review.reasons")}</label>
                <textarea id="reasons" data-test="reasons" maxlength="4000" prop:value=move || reasons.get()
                    on:input=move |ev| reasons.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit" class="btn btn--primary" data-test="make-document" disabled=move || busy.get()>{t("review.make_document")}</button>
        </form>
    }
}
