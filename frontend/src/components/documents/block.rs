//! One document of a request: its files, the files on their way, and
//! where more are dropped or picked.

use leptos::prelude::*;
use shared::catalog::DocumentSpec;
use shared::files::FileDto;
use wasm_bindgen::JsCast;

use super::sending::{Sending, size_text};
use crate::i18n::{t, use_i18n};

/// Document `doc`: `files` and `sending` are all the request's, `send`
/// takes the files picked or dropped for a document code.
#[component]
pub(super) fn DocumentBlock(
    doc: DocumentSpec,
    files: RwSignal<Vec<FileDto>>,
    sending: RwSignal<Vec<Sending>>,
    editable: bool,
    missing: Signal<Vec<String>>,
    send: Callback<(String, web_sys::FileList)>,
    download: Callback<FileDto>,
    remove: Callback<FileDto>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let DocumentSpec {
        code,
        name,
        required,
        ..
    } = doc;
    let input_id = format!("doc-{code}-input");
    let is_missing = {
        let code = code.clone();
        move || missing.get().contains(&code)
    };
    let mine = {
        let code = code.clone();
        move || {
            files
                .get()
                .into_iter()
                .filter(|f| f.document == code)
                .collect::<Vec<_>>()
        }
    };
    let in_flight = {
        let code = code.clone();
        move || {
            sending
                .get()
                .into_iter()
                .filter(|s| s.document == code)
                .collect::<Vec<_>>()
        }
    };
    let on_pick = {
        let code = code.clone();
        move |ev: leptos::ev::Event| {
            if let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                if let Some(list) = input.files() {
                    send.run((code.clone(), list));
                }
                input.set_value("");
            }
        }
    };
    let on_drop = {
        let code = code.clone();
        move |ev: leptos::ev::DragEvent| {
            ev.prevent_default();
            if editable && let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
                send.run((code.clone(), list));
            }
        }
    };
    let (doc_test, missing_id, missing_test, drop_test) = (
        format!("doc-{code}"),
        format!("doc.{code}"),
        format!("doc-{code}-missing"),
        format!("doc-{code}-drop"),
    );
    view! {
        <div class="document" class:document--missing=is_missing data-test=doc_test>
            <h3 class="document__name">
                {move || name.get(lang()).to_owned()}
                {(!required).then(|| view! { " " <span class="tag">{t("service.optional")}</span> })}
            </h3>
            <Show when=is_missing.clone()>
                <p class="field__error" id=missing_id.clone() data-test=missing_test.clone()>{t("documents.missing")}</p>
            </Show>
            <ul class="document__files">
                {move || mine().into_iter().map(|f| {
                    let (for_remove, for_download) = (f.clone(), f.clone());
                    view! {
                        <li data-test=format!("doc-{}-file", f.document)>
                            <button type="button" class="link" on:click=move |_| download.run(for_download.clone())>{f.name.clone()}</button>
                            <span class="muted small">" · " {size_text(i18n, f.size)}</span>
                            <Show when=move || editable>
                                <button type="button" class="btn btn--ghost btn--small" data-test="file-remove"
                                    on:click={let f = for_remove.clone(); move |_| remove.run(f.clone())}>
                                    {t("documents.remove")}
                                </button>
                            </Show>
                        </li>
                    }
                }).collect_view()}
                {move || in_flight().into_iter().map(|s| {
                    let Sending { name, progress, error, key, .. } = s;
                    view! {
                        <li class="document__sending" data-test="upload">
                            <span>{name}</span>
                            {move || match error.get() {
                                Some(text) => view! {
                                    <span class="field__error" role="alert" data-test="upload-error">{text}</span>
                                    <button type="button" class="btn btn--ghost btn--small"
                                        on:click=move |_| sending.update(|s| s.retain(|x| x.key != key))>
                                        {t("documents.dismiss")}
                                    </button>
                                }.into_any(),
                                None => view! {
                                    <progress max="1" prop:value=move || progress.get() data-test="upload-progress"
                                        aria-label=move || i18n.t("documents.sending")></progress>
                                }.into_any(),
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Show when=move || editable>
                <div class="dropzone" data-test=drop_test.clone()
                    on:dragover=move |ev: leptos::ev::DragEvent| ev.prevent_default()
                    on:drop=on_drop.clone()>
                    <label for=input_id.clone() class="btn btn--small">{t("documents.choose")}</label>
                    <input id=input_id.clone() class="visually-hidden" type="file" multiple
                        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                        data-test=input_id.clone() on:change=on_pick.clone() />
                    <span class="muted small">" " {t("documents.drop")}</span>
                </div>
            </Show>
        </div>
    }
}
