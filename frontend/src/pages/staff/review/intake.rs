//! How a request under review came in: the channel and, from a desk, who
//! entered it; the documents with their files and, beside each scan,
//! whether its original was presented on paper (seed 000 §7 process 6: the
//! provider checks the Standard's documents of a desk request).

use leptos::prelude::*;
use shared::catalog::{Channel, ServiceDetail};
use shared::review::ReviewDto;

use crate::i18n::{t, use_i18n};

/// A file to open (`true`) or save: its id, name and media type.
pub type FileAction = Callback<(i64, String, &'static str, bool)>;

/// The channel, who entered the request, and its documents.
#[component]
pub fn Intake(review: ReviewDto, service: ServiceDetail, file_action: FileAction) -> impl IntoView {
    let i18n = use_i18n();
    let channel = match review.desk.as_ref().map(|d| d.channel) {
        Some(Channel::Con) => "desk.channel_con",
        Some(_) => "desk.channel_provider",
        None => "channel.portal",
    };
    let entered_by = review.desk.as_ref().map(|d| d.entered_by.clone());
    let paper = review
        .desk
        .as_ref()
        .map(|d| d.paper.clone())
        .unwrap_or_default();
    let documents = service.documents;
    let files = review.files.into_iter().map(move |f| {
        let on_paper = paper.contains(&f.document);
        let document = documents.iter().find(|d| d.code == f.document).map(|d| d.name.clone());
        let (n1, n2) = (f.name.clone(), f.name.clone());
        let mime = f.media_type.mime();
        view! {
            <li data-test="review-file" data-document=f.document>
                {document.map(|d| view! { <span class="muted">{move || d.get(i18n.lang.get()).to_owned()} ": "</span> })}
                <span>{f.name.clone()}</span>
                {on_paper.then(|| view! { " " <span class="tag" data-test="review-on-paper">{t("check.on_paper")}</span> })}
                <button type="button" class="btn btn--small" on:click=move |_| file_action.run((f.id, n1.clone(), mime, true))>{t("review.view")}</button>
                <button type="button" class="btn btn--small btn--ghost" on:click=move |_| file_action.run((f.id, n2.clone(), mime, false))>{t("review.download")}</button>
            </li>
        }
    }).collect_view();
    view! {
        <section data-test="review-intake">
            <dl class="facts">
                <dt>{t("desk.channel")}</dt>
                <dd data-test="review-channel">{t(channel)}</dd>
                {entered_by.map(|name| view! {
                    <dt>{t("receipt.entered_by")}</dt>
                    <dd data-test="review-entered-by">{name}</dd>
                })}
            </dl>
            <h2>{t("documents.title")}</h2>
            <ul class="document__files" data-test="review-files">{files}</ul>
        </section>
    }
}
