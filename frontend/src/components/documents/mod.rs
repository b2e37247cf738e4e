//! The documents of a request: for each one the catalog asks for, the files
//! attached, a drop zone and a file picker (several files at once), and a
//! progress bar per file on its way. A file the browser can already tell is
//! wrong (too big, a name or kind not taken) is refused before sending; the
//! server checks every file again by its content. A refused file is named
//! with its reason; nothing already attached is touched.

mod block;
mod sending;

use leptos::prelude::*;
use shared::ErrorCode;
use shared::catalog::DocumentSpec;
use shared::files::{self, FileDto, MAX_FILE_BYTES};

use crate::api::{self, use_session};
use crate::components::blob::save_bytes;
use crate::i18n::{t, use_i18n};

use self::block::DocumentBlock;
use self::sending::Sending;
pub use self::sending::message;

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
    let sending = RwSignal::new(Vec::<Sending>::new());
    let next_key = StoredValue::new(0u32);
    // A new line among the files on their way (or refused).
    let add = move |document: String, name: String, error: Option<String>| {
        let key = next_key.with_value(|k| *k);
        next_key.set_value(key + 1);
        let entry = Sending {
            key,
            document,
            name,
            progress: RwSignal::new(0.0),
            error: RwSignal::new(error),
        };
        sending.update(|s| s.push(entry.clone()));
        entry
    };

    // Each file on its way has its own progress bar and refusal.
    let upload = Action::new_local(
        move |(entry, document, file): &(Sending, String, web_sys::File)| {
            let (entry, document, file) = (entry.clone(), document.clone(), file.clone());
            async move {
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
            }
        },
    );
    let send = Callback::new(move |(document, list): (String, web_sys::FileList)| {
        for i in 0..list.length() {
            let Some(file) = list.get(i) else { continue };
            let entry = add(document.clone(), file.name(), None);
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
            upload.dispatch_local((entry, document.clone(), file));
        }
    });

    // A refused removal is shown as a refused file, with its reason.
    let delete = Action::new_local(move |file: &FileDto| {
        let file = file.clone();
        async move {
            match api::delete_file(session, request, file.id).await {
                Ok(()) => {
                    files.update(|f| f.retain(|x| x.id != file.id));
                    on_change.run(());
                }
                Err(e) => {
                    add(file.document, file.name, Some(message(i18n, &e)));
                }
            }
        }
    });
    let remove = Callback::new(move |file: FileDto| {
        delete.dispatch_local(file);
    });

    let download = Callback::new(move |file: FileDto| {
        leptos::task::spawn_local(async move {
            if let Ok(bytes) = api::file_bytes(session, request, file.id).await {
                save_bytes(&file.name, file.media_type.mime(), &bytes);
            }
        });
    });

    view! {
        <section class="documents" data-test="documents">
            <h2>{t("documents.title")}</h2>
            <p class="muted small">{move || i18n.tf("documents.rules", &[("mb", (MAX_FILE_BYTES / (1024 * 1024)).to_string())])}</p>
            {documents.into_iter().map(|doc| view! {
                <DocumentBlock doc=doc files=files sending=sending editable=editable missing=missing
                    send=send download=download remove=remove />
            }).collect_view()}
        </section>
    }
}
