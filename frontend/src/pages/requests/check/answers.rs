//! Every answer of the request with a link to change it, and the files of
//! each document.

use leptos::prelude::*;
use shared::catalog::ServiceDetail;
use shared::forms;
use shared::request::RequestDto;

use crate::components::answer::answer_text;
use crate::components::document_list::{DocumentList, document_rows};
use crate::i18n::{t, use_i18n};

/// The answers and documents of `request`, a form of `service`.
#[component]
pub(super) fn Answers(request: RequestDto, service: ServiceDetail) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let id = request.id;
    let documents = document_rows(&request, &service);
    let ServiceDetail {
        fields, providers, ..
    } = service;
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
        <DocumentList id=id rows=documents change=true />
    }
}
