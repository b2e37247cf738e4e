//! What a request's documents are, as the check page and the desk's receipt
//! list them: each document the service asks for with the files attached
//! and, for a request entered at a desk, whether its original was shown on
//! paper.

use leptos::prelude::*;
use shared::catalog::{DocumentSource, ServiceDetail};
use shared::request::RequestDto;

use crate::i18n::{t, use_i18n};

/// One document: its name, the files' names, the original seen on paper.
#[derive(Debug, Clone)]
pub struct DocumentRow {
    name: shared::Text,
    files: Vec<String>,
    on_paper: bool,
}

/// The documents `service` asks of `request`, as listed.
pub fn document_rows(request: &RequestDto, service: &ServiceDetail) -> Vec<DocumentRow> {
    let paper = request
        .desk
        .as_ref()
        .map(|d| d.paper.clone())
        .unwrap_or_default();
    service
        .documents
        .iter()
        .filter(|d| d.source == DocumentSource::Upload && d.applies_to(request.request_type))
        .map(|d| DocumentRow {
            name: d.name.clone(),
            files: request
                .files
                .iter()
                .filter(|f| f.document == d.code)
                .map(|f| f.name.clone())
                .collect(),
            on_paper: paper.contains(&d.code),
        })
        .collect()
}

/// The documents of request `id`; with `change`, each links back to the
/// form.
#[component]
pub fn DocumentList(id: i64, rows: Vec<DocumentRow>, change: bool) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="answers" data-test="check-documents">
            {rows.into_iter().map(|r| {
                let name = r.name;
                let files = if r.files.is_empty() { None } else { Some(r.files.join(", ")) };
                view! {
                    <dt>{move || name.get(i18n.lang.get()).to_owned()}</dt>
                    <dd data-test="document-row">
                        {files.unwrap_or_else(|| i18n.t("check.no_files"))}
                        {r.on_paper.then(|| view! { " · " <span data-test="document-on-paper">{t("check.on_paper")}</span> })}
                        {change.then(|| view! { " " <a href=format!("/requests/{id}#documents") class="change">{t("check.change")}</a> })}
                    </dd>
                }
            }).collect_view()}
        </dl>
    }
}
