//! The provider's inquiries on a sent request, and the answer to the open
//! one: a preliminary refusal may be objected to until its last day, a
//! request for documents answered with them (its deadline waits). Text and
//! files; a file refused is named with its reason, and nothing typed is
//! lost when sending fails.

use leptos::prelude::*;
use shared::FieldCode;
use shared::files::FileDto;
use shared::request::inquiry::{ANSWER_DOCUMENT, Answer, InquiryDto, InquiryKind};

use crate::api::{self, ApiFailure, use_session};
use crate::components::documents::message;
use crate::components::inquiries::{InquiryList, inquiry_kind_key};
use crate::components::status::write_failure;
use crate::format::day;
use crate::i18n::{t, use_i18n};

/// The inquiries, and the answer form when one is open.
#[component]
pub fn InquiryPanel(
    request: i64,
    inquiries: Vec<InquiryDto>,
    /// The request's files: those added for the open inquiry are listed.
    files: Vec<FileDto>,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let open = inquiries.iter().rev().find(|q| q.open).cloned();
    let text = RwSignal::new(String::new());
    // Added for the open inquiry and not sent yet (RFC 3339 in UTC orders
    // as text).
    let added: RwSignal<Vec<FileDto>> = RwSignal::new(
        open.as_ref()
            .map(|q| {
                files
                    .into_iter()
                    .filter(|f| f.document == ANSWER_DOCUMENT && f.uploaded_at >= q.asked_at)
                    .collect()
            })
            .unwrap_or_default(),
    );
    let file_error = RwSignal::new(None::<String>);
    let errors = RwSignal::new(Vec::<FieldCode>::new());
    let upload = Action::new_local(move |file: &web_sys::File| {
        let file = file.clone();
        async move {
            match api::upload::upload(session, request, ANSWER_DOCUMENT, &file, |_| {}).await {
                Ok(dto) => {
                    file_error.set(None);
                    added.update(|a| a.push(dto));
                }
                Err(e) => file_error.set(Some(message(i18n, &e))),
            }
        }
    });
    let remove = Action::new_local(move |file: &FileDto| {
        let id = file.id;
        async move {
            match api::delete_file(session, request, id).await {
                Ok(()) => added.update(|a| a.retain(|f| f.id != id)),
                Err(e) => file_error.set(Some(message(i18n, &e))),
            }
        }
    });
    let send = Action::new_local(move |body: &Answer| {
        let body = body.clone();
        async move {
            match api::answer_inquiry(session, request, &body).await {
                Ok(_) => {
                    on_change.run(());
                    Ok(())
                }
                Err(e) => {
                    errors.set(e.fields().get("text").cloned().unwrap_or_default());
                    Err::<(), ApiFailure>(e)
                }
            }
        }
    });
    let busy = send.pending();
    let has = !inquiries.is_empty();
    view! {
        <Show when=move || has>
            <section class="inquiries-panel" data-test="inquiries-panel">
                <h2>{t("inquiry.title")}</h2>
                <InquiryList inquiries=inquiries.clone() />
                {open.clone().map(|q| {
                    let intro = match q.kind {
                        InquiryKind::Hearing => "inquiry.hearing_intro",
                        InquiryKind::Documents => "inquiry.documents_intro",
                    };
                    let due = q.answer_due.as_ref().map(day);
                    view! {
                        <form class="answer" data-test="answer-form" on:submit=move |ev| {
                            ev.prevent_default();
                            send.dispatch_local(Answer { text: text.get_untracked() });
                        }>
                            <h3>{move || i18n.t(inquiry_kind_key(q.kind))}</h3>
                            <p>{t(intro)} {due.map(|d| view! { " " {move || i18n.tf("inquiry.answer_by", &[("date", d.clone())])} })}</p>
                            <div class="field" class:field--invalid=move || !errors.get().is_empty()>
                                <label for="answer-text">{t("inquiry.your_answer")}</label>
                                <textarea id="answer-text" rows="4" data-test="answer-text"
                                    aria-invalid=move || (!errors.get().is_empty()).to_string()
                                    prop:value=move || text.get()
                                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                                <Show when=move || !errors.get().is_empty()>
                                    <ul class="field__errors" data-test="answer-text-error">
                                        {move || errors.get().iter().map(|c| view! { <li>{i18n.field(c)}</li> }).collect_view()}
                                    </ul>
                                </Show>
                            </div>
                            <div class="field">
                                <label for="answer-file">{t("inquiry.files")}</label>
                                <input id="answer-file" type="file" multiple accept=".pdf,.jpg,.jpeg,.png" data-test="answer-file"
                                    on:change=move |ev| {
                                        let input: web_sys::HtmlInputElement = event_target(&ev);
                                        if let Some(list) = input.files() {
                                            for i in 0..list.length() {
                                                if let Some(f) = list.get(i) {
                                                    upload.dispatch_local(f);
                                                }
                                            }
                                        }
                                        input.set_value("");
                                    } />
                                {move || file_error.get().map(|e| view! { <p class="field__errors" role="alert" data-test="answer-file-error">{e}</p> })}
                                <ul data-test="answer-files">
                                    {move || added.get().into_iter().map(|f| {
                                        let gone = f.clone();
                                        view! { <li>{f.name} " " <button type="button" class="link" on:click=move |_| { remove.dispatch_local(gone.clone()); }>{t("documents.remove")}</button></li> }
                                    }).collect_view()}
                                </ul>
                            </div>
                            {write_failure(send)}
                            <button type="submit" class="btn btn--primary" data-test="answer-send" disabled=move || busy.get()>{t("inquiry.send")}</button>
                        </form>
                    }
                })}
            </section>
        </Show>
    }
}
