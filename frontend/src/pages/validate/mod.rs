//! `/validate`: the public check of any ЭЦП signature, as the national
//! center's «проверка ЭЦП» is — a CMS file (and its document, when the
//! signature is detached), at now or a chosen time; the report (`report`)
//! shown and downloadable as JSON, or as a PDF the portal signs (`sealed`:
//! the same files sent again). Nothing uploaded is kept.

mod report;
mod sealed;

use leptos::prelude::*;

use crate::api;
use crate::components::status::Failure;
use crate::eds::read_file;
use crate::i18n::t;

/// What the form sends.
#[derive(Clone)]
pub(crate) struct Check {
    signature: Vec<u8>,
    document: Option<Vec<u8>>,
    at: Option<String>,
}

/// The bytes of the file chosen in the input `ev` comes from, into `target`.
fn pick(target: RwSignal<Option<Vec<u8>>>) -> impl Fn(leptos::ev::Event) + Copy {
    move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let file = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0));
        let Some(file) = file else {
            target.set(None);
            return;
        };
        leptos::task::spawn_local(async move { target.set(read_file(&file).await) });
    }
}

/// `2026-12-07T10:30` from a `datetime-local` input as RFC 3339 in the
/// browser's time zone; None when empty.
fn rfc3339(local: &str) -> Option<String> {
    if local.trim().is_empty() {
        return None;
    }
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(local));
    (!d.get_time().is_nan()).then(|| String::from(d.to_iso_string()))
}

#[component]
pub fn ValidatePage() -> impl IntoView {
    let signature = RwSignal::new(None::<Vec<u8>>);
    let document = RwSignal::new(None::<Vec<u8>>);
    let at = RwSignal::new(String::new());
    let missing = RwSignal::new(false);
    let check = Action::new_local(|c: &Check| {
        let c = c.clone();
        async move { api::validate_signature(&c.signature, c.document.as_deref(), c.at).await }
    });
    let outcome = check.value();
    // The files the shown report is of: the sealed PDF is asked for them.
    let checked = RwSignal::new(None::<Check>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(sig) = signature.get_untracked() else {
            missing.set(true);
            return;
        };
        missing.set(false);
        let c = Check {
            signature: sig,
            document: document.get_untracked(),
            at: rfc3339(&at.get_untracked()),
        };
        checked.set(Some(c.clone()));
        check.dispatch_local(c);
    };
    view! {
        <section class="validate" data-test="validate-page">
            <h1>{t("validate.title")}</h1>
            <p class="muted">{t("validate.intro")}</p>
            <form on:submit=submit data-test="validate-form" novalidate>
                <div class="field">
                    <label for="validate-signature">{t("validate.signature")}</label>
                    <input id="validate-signature" type="file" accept=".p7s,.cms,.sig,.p7b,.pem"
                        data-test="validate-signature" on:change=pick(signature)
                        aria-invalid=move || missing.get().to_string()
                        aria-describedby=move || missing.get().then_some("validate-signature-error") />
                    <Show when=move || missing.get()>
                        <p id="validate-signature-error" class="field__errors" role="alert" data-test="validate-signature-error">{t("validate.missing")}</p>
                    </Show>
                </div>
                <div class="field">
                    <label for="validate-document">{t("validate.document")}</label>
                    <input id="validate-document" type="file" data-test="validate-document" on:change=pick(document) />
                </div>
                <div class="field">
                    <label for="validate-at">{t("validate.at")}</label>
                    <input id="validate-at" type="datetime-local" data-test="validate-at"
                        prop:value=move || at.get() on:input=move |ev| at.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="btn btn--primary" data-test="validate-check"
                    disabled=move || check.pending().get()>{t("validate.check")}</button>
            </form>
            {move || outcome.get().map(|r| match r {
                Ok(report) => view! {
                    <report::Report report=report />
                    {checked.get_untracked().map(|c| view! { <sealed::SealedPdf check=c /> })}
                }.into_any(),
                Err(e) => view! { <Failure failure=e /> }.into_any(),
            })}
        </section>
    }
}
