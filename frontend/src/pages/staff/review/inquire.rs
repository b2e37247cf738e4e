//! The reviewer asks the applicant: a preliminary refusal with its reasons
//! (the hearing: a refusal may only follow it, once answered or its time
//! is up), or a request for missing documents, which pauses the deadline.
//! The inquiries sent and their answers are listed above.

use leptos::prelude::*;
use shared::FieldCode;
use shared::request::inquiry::{Inquire, InquiryDto, InquiryKind};

use crate::api::{self, ApiFailure, use_session};
use crate::components::inquiries::InquiryList;
use crate::components::status::write_failure;
use crate::i18n::{t, use_i18n};

/// The inquiries, and (for the assigned reviewer, when none is open) the
/// form to send one.
#[component]
pub fn InquirePanel(
    request: i64,
    inquiries: Vec<InquiryDto>,
    /// The reviewer is assigned and the request is not decided.
    may_ask: bool,
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let asking = may_ask && !inquiries.iter().any(|q| q.open);
    let has = !inquiries.is_empty();
    let message = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldCode>::new());
    let send = Action::new_local(move |body: &Inquire| {
        let body = body.clone();
        async move {
            match api::inquire(session, request, &body).await {
                Ok(()) => {
                    on_change.run(());
                    Ok(())
                }
                Err(e) => {
                    errors.set(e.fields().get("message").cloned().unwrap_or_default());
                    Err::<(), ApiFailure>(e)
                }
            }
        }
    });
    let busy = send.pending();
    let ask = move |kind: InquiryKind| {
        send.dispatch_local(Inquire {
            kind,
            message: message.get_untracked(),
        });
    };
    let shown = has || asking;
    shown.then(move || view! {
        <section class="inquire" data-test="inquire">
            <h2>{t("inquiry.title")}</h2>
            <Show when=move || has>
                <InquiryList inquiries=inquiries.clone() />
            </Show>
            <Show when=move || asking>
                <div class="field" class:field--invalid=move || !errors.get().is_empty()>
                    <label for="inquiry-message">{t("inquiry.message")}</label>
                    <p class="field__hint">{t("inquiry.message_hint")}</p>
                    <textarea id="inquiry-message" rows="4" data-test="inquiry-message-input"
                        aria-invalid=move || (!errors.get().is_empty()).to_string()
                        prop:value=move || message.get()
                        on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                    <Show when=move || !errors.get().is_empty()>
                        <ul class="field__errors" data-test="inquiry-message-error">
                            {move || errors.get().iter().map(|c| view! { <li>{i18n.field(c)}</li> }).collect_view()}
                        </ul>
                    </Show>
                </div>
                {write_failure(send)}
                <div class="actions">
                    <button type="button" class="btn" data-test="send-hearing" disabled=move || busy.get()
                        on:click=move |_| ask(InquiryKind::Hearing)>{t("inquiry.send_hearing")}</button>
                    <button type="button" class="btn" data-test="send-documents" disabled=move || busy.get()
                        on:click=move |_| ask(InquiryKind::Documents)>{t("inquiry.send_documents")}</button>
                </div>
            </Show>
        </section>
    })
}
