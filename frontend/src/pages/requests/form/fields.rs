//! One answer of the form: the control its field's kind calls for, and the
//! problems shown under it.

use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use shared::FieldCode;
use shared::catalog::{FieldKind, FieldSpec};

#[expect(
    clippy::needless_pass_by_value,
    reason = "a component owns its props; the view keeps parts of them"
)]
#[component]
pub fn FieldErrors(key: String, errors: Signal<Vec<FieldCode>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = format!("{key}-error");
    view! {
        <Show when=move || !errors.get().is_empty()>
            <ul class="field__errors" id=id.clone() data-test=id.clone()>
                {move || errors.get().iter().map(|c| view! { <li>{i18n.field(c)}</li> }).collect_view()}
            </ul>
        </Show>
    }
}

/// One answer: the control its field's kind calls for.
#[expect(
    clippy::needless_pass_by_value,
    reason = "a component owns its props; the view keeps parts of them"
)]
#[component]
pub fn AnswerField(
    spec: FieldSpec,
    value: RwSignal<String>,
    errors: Signal<Vec<FieldCode>>,
    editable: bool,
    on_leave: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let key = spec.key.clone();
    let error_id = format!("{key}-error");
    let hint_id = format!("{key}-hint");
    let has_hint = spec.hint.is_some();
    let described = {
        let (error_id, hint_id) = (error_id, hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if !errors.get().is_empty() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let invalid = move || (!errors.get().is_empty()).to_string();
    let label = spec.label.clone();
    let hint = spec.hint.clone();
    let test = format!("{key}-input");
    let control = match &spec.kind {
        FieldKind::Textarea { max_len } => view! {
            <textarea id=key.clone() name=key.clone() data-test=test maxlength=max_len.to_string()
                disabled=!editable aria-invalid=invalid aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:blur=move |_| on_leave.run(())></textarea>
        }
        .into_any(),
        FieldKind::Select { options } => {
            let options = options.clone();
            view! {
                <select id=key.clone() name=key.clone() data-test=test disabled=!editable
                    aria-invalid=invalid aria-describedby=described
                    on:change=move |ev| { value.set(event_target_value(&ev)); on_leave.run(()); }>
                    <option value="">{t("request.choose")}</option>
                    {options.into_iter().map(|o| {
                        let code = o.code.clone();
                        view! { <option value=code.clone() selected=move || value.get() == code>{move || o.label.get(lang()).to_owned()}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        }
        FieldKind::Checkbox => view! {
            <input type="checkbox" id=key.clone() name=key.clone() data-test=test disabled=!editable
                aria-invalid=invalid aria-describedby=described
                prop:checked=move || value.get() == "true"
                on:change=move |ev| {
                    value.set(if event_target_checked(&ev) { "true".into() } else { String::new() });
                    on_leave.run(());
                } />
        }
        .into_any(),
        kind => {
            let (input_type, inputmode, autocomplete) = match kind {
                FieldKind::Digits { .. } | FieldKind::Integer { .. } | FieldKind::Iin | FieldKind::Bin => ("text", Some("numeric"), "off"),
                FieldKind::Decimal { .. } => ("text", Some("decimal"), "off"),
                FieldKind::Date { .. } => ("date", None, "off"),
                FieldKind::Phone => ("tel", None, "tel"),
                FieldKind::Email => ("email", None, "email"),
                _ => ("text", None, "off"),
            };
            let max = match kind {
                FieldKind::Text { max_len } => Some(max_len.to_string()),
                _ => None,
            };
            view! {
                <input type=input_type id=key.clone() name=key.clone() data-test=test inputmode=inputmode
                    autocomplete=autocomplete maxlength=max disabled=!editable
                    aria-invalid=invalid aria-describedby=described
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:blur=move |_| on_leave.run(()) />
            }
            .into_any()
        }
    };
    view! {
        <div class="field" class:field--invalid=move || !errors.get().is_empty() class:field--check=matches!(spec.kind, FieldKind::Checkbox)>
            <label for=key.clone() data-test=format!("{key}-label")>
                {move || label.get(lang()).to_owned()}
                {(!spec.required).then(|| view! { " " <span class="tag">{t("service.optional")}</span> })}
            </label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{move || h.get(lang()).to_owned()}</p> })}
            <div class="field__control">{control}</div>
            <FieldErrors key=key errors=errors />
        </div>
    }
}
