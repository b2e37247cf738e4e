//! The documents of a request: for each one the catalog asks for, the files
//! attached, a drop zone and a file picker (several files at once), and a
//! progress bar per file on its way. A file the browser can already tell is
//! wrong (too big, a name or kind not taken) is refused before sending; the
//! server checks every file again by its content. A refused file is named
//! with its reason; nothing already attached is touched.

use leptos::prelude::*;
use shared::ErrorCode;
use shared::catalog::DocumentSpec;
use shared::files::{self, FileDto, MAX_FILE_BYTES};
use wasm_bindgen::JsCast;

use crate::api::{self, ApiFailure, use_session};
use crate::components::blob::save_bytes;
use crate::i18n::{I18n, t, use_i18n};

/// A file on its way, or refused.
#[derive(Clone)]
struct Sending {
    key: u32,
    document: String,
    name: String,
    progress: RwSignal<f64>,
    error: RwSignal<Option<String>>,
}

/// "1,2 МБ", "340 КБ".
pub fn size_text(i18n: I18n, bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        let tenths = (bytes * 10).div_ceil(1024 * 1024);
        let text = format!("{},{}", tenths / 10, tenths % 10);
        format!("{text}\u{a0}{}", i18n.t("unit.mb"))
    } else {
        format!("{}\u{a0}{}", bytes.div_ceil(1024), i18n.t("unit.kb"))
    }
}

fn message(i18n: I18n, failure: &ApiFailure) -> String {
    match failure.code() {
        Some(code) => i18n.error(code),
        None => i18n.t("error.network"),
    }
}

/// The attached files of a request, for its documents.
#[component]
pub fn Documents(
    request: i64,
    documents: Vec<DocumentSpec>,
    files: RwSignal<Vec<FileDto>>,
    editable: bool,
    /// The codes (without `doc.`) of required documents still missing, shown
    /// when the form is checked.
    missing: Signal<Vec<String>>,
    /// Called after a file is attached or removed.
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let lang = move || i18n.lang.get();
    let sending = RwSignal::new(Vec::<Sending>::new());
    let next_key = StoredValue::new(0u32);

    let send = move |document: String, list: web_sys::FileList| {
        for i in 0..list.length() {
            let Some(file) = list.get(i) else { continue };
            let key = next_key.with_value(|k| *k);
            next_key.set_value(key + 1);
            let entry = Sending {
                key,
                document: document.clone(),
                name: file.name(),
                progress: RwSignal::new(0.0),
                error: RwSignal::new(None),
            };
            sending.update(|s| s.push(entry.clone()));
            // What the browser can tell before sending.
            let size = file.size() as u64;
            let early = if size == 0 {
                Some(i18n.error(&ErrorCode::FileEmpty))
            } else if size > MAX_FILE_BYTES {
                Some(i18n.error(&ErrorCode::FileTooLarge {
                    max: MAX_FILE_BYTES,
                }))
            } else {
                files::check_name(&file.name())
                    .err()
                    .map(|c| i18n.error(&c))
            };
            if let Some(text) = early {
                entry.error.set(Some(text));
                continue;
            }
            let document = document.clone();
            leptos::task::spawn_local(async move {
                let progress = entry.progress;
                let result = api::upload::upload(session, request, &document, &file, move |p| {
                    progress.set(p);
                })
                .await;
                match result {
                    Ok(dto) => {
                        files.update(|f| f.push(dto));
                        sending.update(|s| s.retain(|x| x.key != entry.key));
                        on_change.run(());
                    }
                    Err(e) => entry.error.set(Some(message(i18n, &e))),
                }
            });
        }
    };

    let remove = move |file: FileDto| {
        leptos::task::spawn_local(async move {
            match api::delete_file(session, request, file.id).await {
                Ok(()) => {
                    files.update(|f| f.retain(|x| x.id != file.id));
                    on_change.run(());
                }
                Err(e) => {
                    let key = next_key.with_value(|k| *k);
                    next_key.set_value(key + 1);
                    sending.update(|s| {
                        s.push(Sending {
                            key,
                            document: file.document.clone(),
                            name: file.name.clone(),
                            progress: RwSignal::new(0.0),
                            error: RwSignal::new(Some(message(i18n, &e))),
                        });
                    });
                }
            }
        });
    };

    let download = move |file: FileDto| {
        leptos::task::spawn_local(async move {
            if let Ok(bytes) = api::file_bytes(session, request, file.id).await {
                save_bytes(&file.name, file.media_type.mime(), &bytes);
            }
        });
    };

    view! {
        <section class="documents" data-test="documents">
            <h2>{t("documents.title")}</h2>
            <p class="muted small">{move || i18n.tf("documents.rules", &[("mb", (MAX_FILE_BYTES / (1024 * 1024)).to_string())])}</p>
            {documents.into_iter().map(|doc| {
                let code = doc.code.clone();
                let input_id = format!("doc-{code}-input");
                let is_missing = {
                    let code = code.clone();
                    move || missing.get().contains(&code)
                };
                let mine = {
                    let code = code.clone();
                    move || files.get().into_iter().filter(|f| f.document == code).collect::<Vec<_>>()
                };
                let in_flight = {
                    let code = code.clone();
                    move || sending.get().into_iter().filter(|s| s.document == code).collect::<Vec<_>>()
                };
                let on_pick = {
                    let code = code.clone();
                    move |ev: leptos::ev::Event| {
                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            if let Some(list) = input.files() {
                                send(code.clone(), list);
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
                            send(code.clone(), list);
                        }
                    }
                };
                let name = doc.name.clone();
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
                            {(!doc.required).then(|| view! { " " <span class="tag">{t("service.optional")}</span> })}
                        </h3>
                        <Show when=is_missing.clone()>
                            <p class="field__error" id=missing_id.clone() data-test=missing_test.clone()>{t("documents.missing")}</p>
                        </Show>
                        <ul class="document__files">
                            {move || mine().into_iter().map(|f| {
                                let (for_remove, for_download) = (f.clone(), f.clone());
                                view! {
                                    <li data-test=format!("doc-{}-file", f.document)>
                                        <button type="button" class="link" on:click=move |_| download(for_download.clone())>{f.name.clone()}</button>
                                        <span class="muted small">" · " {size_text(i18n, f.size)}</span>
                                        <Show when=move || editable>
                                            <button type="button" class="btn btn--ghost btn--small" data-test="file-remove"
                                                on:click={let f = for_remove.clone(); move |_| remove(f.clone())}>
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
            }).collect_view()}
        </section>
    }
}
