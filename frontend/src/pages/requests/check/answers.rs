//! Every answer of the request with a link to change it, and the files of
//! each document.

use leptos::prelude::*;
use shared::catalog::{DocumentSource, ServiceDetail};
use shared::forms;
use shared::request::RequestDto;

use crate::components::answer::answer_text;
use crate::i18n::{t, use_i18n};

/// The answers and documents of `request`, a form of `service`.
#[component]
pub(super) fn Answers(request: RequestDto, service: ServiceDetail) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let ServiceDetail {
        fields,
        providers,
        documents,
        ..
    } = service;
    let id = request.id;
    let kind = request.request_type;
    let answers = request.answers.clone();
    let rows: Vec<(String, String, String)> = forms::fields_for(&fields, kind)
        .into_iter()
        .map(|f| {
            let raw = answers.get(&f.key).cloned().unwrap_or_default();
            let shown = answer_text(i18n, f, &raw);
            (f.key.clone(), f.label.get(lang()).to_owned(), shown)
        })
        .collect();
    let provider = request.provider.as_ref().and_then(|code| {
        providers
            .iter()
            .find(|p| &p.code == code)
            .map(|p| p.name.get(lang()).to_owned())
    });
    let documents: Vec<(String, Vec<String>)> = documents
        .iter()
        .filter(|d| d.source == DocumentSource::Upload && d.applies_to(kind))
        .map(|d| {
            let names = request
                .files
                .iter()
                .filter(|f| f.document == d.code)
                .map(|f| f.name.clone())
                .collect();
            (d.name.get(lang()).to_owned(), names)
        })
        .collect();
    view! {
        <dl class="answers" data-test="answers">
            <dt>{t("request.tax_id")}</dt>
            <dd>{request.applicant.tax_id.clone()}</dd>
            {provider.map(|p| view! {
                <dt>{t("request.provider")}</dt>
                <dd>{p} " " <a href=format!("/requests/{id}#provider") class="change" data-test="change-provider">{t("check.change")}</a></dd>
            })}
            {request.license.map(|l| view! {
                <dt>{t("request.license")}</dt>
                <dd>{l} " " <a href=format!("/requests/{id}#license") class="change">{t("check.change")}</a></dd>
            })}
            {rows.into_iter().map(|(key, label, value)| view! {
                <dt>{label}</dt>
                <dd data-test=format!("answer-{key}")>{value} " "
                    <a href=format!("/requests/{id}#{key}") class="change" data-test=format!("change-{key}")>{t("check.change")}</a>
                </dd>
            }).collect_view()}
        </dl>
        <h2>{t("documents.title")}</h2>
        <dl class="answers" data-test="check-documents">
            {documents.into_iter().map(|(name, files)| view! {
                <dt>{name}</dt>
                <dd>{if files.is_empty() { i18n.t("check.no_files") } else { files.join(", ") }} " "
                    <a href=format!("/requests/{id}#documents") class="change">{t("check.change")}</a></dd>
            }).collect_view()}
        </dl>
    }
}
