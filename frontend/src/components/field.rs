//! A labelled form control with its errors, and the error summary.

use leptos::prelude::*;
use shared::FieldCode;

use crate::i18n::use_i18n;

/// A text input bound to `value`, with label, hint and errors wired for
/// assistive technology (`aria-invalid`, `aria-describedby`).
#[component]
pub fn TextField(
    /// The id, also the JSON field name.
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    errors: Signal<Vec<FieldCode>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] label_override: Option<Signal<String>>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional, into)] on_blur: Option<Callback<()>>,
    #[prop(optional)] reveal: Option<RwSignal<bool>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if !errors.get().is_empty() {
                ids.push(error_id.clone());
            }
            ids.join(" ")
        }
    };
    let kind = move || match reveal {
        Some(r) if r.get() => "text",
        _ => input_type,
    };
    view! {
        <div class="field" class:field--invalid=move || !errors.get().is_empty()>
            <label for=id data-test=format!("{id}-label")>
                {move || label_override.map(|l| l.get()).unwrap_or_else(|| i18n.t(label))}
            </label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{move || i18n.t(h)}</p> })}
            <div class="field__control">
                <input
                    id=id
                    name=id
                    type=kind
                    autocomplete=autocomplete
                    inputmode=inputmode
                    data-test=format!("{id}-input")
                    aria-invalid=move || (!errors.get().is_empty()).to_string()
                    aria-describedby=described
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                    on:blur=move |_| {
                        if let Some(cb) = on_blur {
                            cb.run(());
                        }
                    }
                />
                {reveal
                    .map(|r| {
                        view! {
                            <button
                                type="button"
                                class="btn btn--ghost field__reveal"
                                aria-pressed=move || r.get().to_string()
                                aria-controls=id
                                data-test=format!("{id}-reveal")
                                on:click=move |_| r.update(|v| *v = !*v)
                            >
                                {move || if r.get() { i18n.t("form.hide") } else { i18n.t("form.show") }}
                            </button>
                        }
                    })}
            </div>
            <Show when=move || !errors.get().is_empty()>
                <ul class="field__errors" id=error_id.clone() data-test=format!("{id}-error")>
                    {move || errors.get().iter().map(|c| view! { <li>{i18n.field(c)}</li> }).collect_view()}
                </ul>
            </Show>
        </div>
    }
}

/// The list of problems at the top of a form, each a link to its field.
#[component]
pub fn ErrorSummary(
    /// (field id, label key, codes) of each field with errors, in form order.
    items: Signal<Vec<(&'static str, &'static str, Vec<FieldCode>)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Show when=move || !items.get().is_empty()>
            <div class="alert alert--error error-summary" role="alert" tabindex="-1" data-test="error-summary">
                <h2>{move || i18n.t("form.summary")}</h2>
                <ul>
                    {move || {
                        items
                            .get()
                            .into_iter()
                            .map(|(id, label, codes)| {
                                let text = format!(
                                    "{}: {}",
                                    i18n.t(label),
                                    codes.iter().map(|c| i18n.field(c)).collect::<Vec<_>>().join("; "),
                                );
                                view! { <li><a href=format!("#{id}")>{text}</a></li> }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}

/// Moves the focus to the error summary, so screen readers announce the
/// problems (once it is drawn).
pub fn focus_error_summary() {
    leptos::task::spawn_local(async {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[data-test=error-summary]").ok().flatten())
        {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
