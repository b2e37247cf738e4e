//! The receipt handed to the visitor, printed from the browser.

use crate::api::use_session;
use crate::components::answer::request_type_name;
use crate::components::document_list::{DocumentList, document_rows};
use crate::components::status::{Failure, Loading};
use crate::format::{day, local_time};
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

/// The receipt handed to the visitor: the request's number, the service,
/// the deadline, who entered it, the fee and the documents taken (scans and
/// originals shown); printed from the browser.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = crate::pages::use_id_param();
    let loaded = crate::pages::request_with_service(session, id);
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <Transition fallback=Loading>
            {move || loaded.get().map(|r| match r {
                Ok((request, service)) => {
                    let lang = move || i18n.lang.get();
                    let desk = request.desk.clone();
                    let provider = request.provider.as_ref().and_then(|code| {
                        service.providers.iter().find(|p| &p.code == code).map(|p| p.name.clone())
                    });
                    let name = service.name.clone();
                    let type_label = service.type_label(request.request_type).cloned();
                    let kind = request.request_type;
                    let fee = request.fee;
                    let documents = document_rows(&request, &service);
                    view! {
                        <article class="receipt" data-test="receipt">
                            <nav class="breadcrumbs no-print"><A href="/desk">{t("desk.title")}</A></nav>
                            <h1>{t("receipt.title")}</h1>
                            <dl class="facts facts--wide">
                                <dt>{t("request.number")}</dt>
                                <dd data-test="receipt-number">{request.number.as_ref().map(ToString::to_string)}</dd>
                                <dt>{t("request.submitted_at")}</dt>
                                <dd>{request.submitted_at.as_deref().map(local_time)}</dd>
                                <dt>{t("receipt.service")}</dt>
                                <dd>{move || name.get(lang()).to_owned()} " · " {move || request_type_name(i18n, kind, type_label.as_ref())}</dd>
                                {provider.map(|p| view! { <dt>{t("request.provider")}</dt><dd>{move || p.get(lang()).to_owned()}</dd> })}
                                <dt>{t("request.tax_id")}</dt>
                                <dd data-test="receipt-tax-id">{request.applicant.tax_id.clone()}</dd>
                                <dt>{t("request.name")}</dt>
                                <dd>{request.applicant.name.clone()}</dd>
                                <dt>{t("request.deadline")}</dt>
                                <dd data-test="receipt-due">{request.due_date.as_ref().map(day)}</dd>
                                {desk.map(|d| view! {
                                    <dt>{t("receipt.entered_by")}</dt>
                                    <dd data-test="receipt-entered-by">{d.entered_by}</dd>
                                })}
                                <dt>{t("receipt.fee")}</dt>
                                <dd data-test="receipt-fee">{if fee.is_zero() { i18n.t("payment.free") } else { fee.to_string() }}</dd>
                            </dl>
                            <h2>{t("documents.title")}</h2>
                            <DocumentList id=request.id rows=documents change=false />
                            <p class="muted small">{t("receipt.how_to_check")}</p>
                            <div class="actions no-print">
                                <button type="button" class="btn btn--primary" data-test="receipt-print" on:click=print>{t("receipt.print")}</button>
                                <A href=format!("/requests/{}", request.id) attr:class="btn">{t("check.open_request")}</A>
                            </div>
                        </article>
                    }.into_any()
                }
                Err(e) => view! { <Failure failure=e /> }.into_any(),
            })}
        </Transition>
    }
}
