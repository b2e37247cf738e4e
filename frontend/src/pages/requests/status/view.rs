//! A sent request's status page: the facts, the history, the documents,
//! the payment.

use crate::api::use_session;
use crate::components::answer::request_type_name;
use crate::components::documents::Documents;
use crate::format::status_key;
use crate::format::{day, local_time};
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::catalog::{DocumentSource, ServiceDetail};
use shared::request::RequestDto;

use super::answer::InquiryPanel;
use super::desk::DeskPanel;
use super::result::{ResultPanel, Survey};

#[component]
pub fn RequestStatusView(
    request: RequestDto,
    service: ServiceDetail,
    on_refresh: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let kind = request.request_type;
    let status = request.status;
    let documents: Vec<_> = service
        .documents
        .iter()
        .filter(|d| d.source == DocumentSource::Upload && d.applies_to(kind))
        .cloned()
        .collect();
    let files = RwSignal::new(request.files.clone());
    let type_label = service.type_label(kind).cloned();
    let (survey_form, survey_name) = (service.survey, service.name.clone());
    let name = service.name;
    let history = request.history.clone();
    let inquiries = request.inquiries.clone();
    let all_files = request.files.clone();
    let payment = request.payment.clone();
    let result = request.result.clone();
    let has_views = !request.views.is_empty();
    let views = request.views.clone();
    let session = use_session();
    let at_desk = request.desk.is_some()
        && session.user.with_untracked(|u| {
            u.as_ref()
                .is_some_and(|u| crate::components::header::is_desk_user(u.role))
        });
    let desk = request.desk.clone();
    let handed_over = desk.as_ref().and_then(|d| {
        d.handed_over_at
            .clone()
            .map(|at| (at, d.handed_over_by.clone()))
    });
    let has_result = request.result.is_some();
    let survey_open = request.survey_open && !at_desk;
    // Drawn anew with every answer: the time says the status was asked for.
    let checked = time_now();
    let checking = RwSignal::new(false);
    view! {
        <article class="request request--sent" data-test="request-status-view" data-id=request.id.to_string()>
            <nav class="breadcrumbs">
                {if at_desk {
                    view! { <A href="/desk">{t("desk.title")}</A> }.into_any()
                } else {
                    view! { <A href="/requests">{t("history.title")}</A> }.into_any()
                }}
            </nav>
            <h1 data-test="request-title">{move || name.get(lang()).to_owned()}</h1>
            <dl class="facts facts--wide">
                <dt>{t("request.tax_id")}</dt>
                <dd data-test="applicant-tax-id">{request.applicant.tax_id}</dd>
                <dt>{t("request.number")}</dt>
                <dd data-test="request-number">{request.number.as_ref().map(ToString::to_string)}</dd>
                <dt>{t("request.service_type")}</dt>
                <dd data-test="request-type">{move || request_type_name(i18n, kind, type_label.as_ref())}</dd>
                <dt>{t("request.status")}</dt>
                <dd><span class=format!("badge badge--{}", status.code()) data-test="request-status">{move || i18n.t(status_key(status))}</span></dd>
                <dt>{t("request.deadline")}</dt>
                <dd data-test="request-due">{request.due_date.as_ref().map(day)}</dd>
                <dt>{t("request.submitted_at")}</dt>
                <dd>{request.submitted_at.as_deref().map(local_time)}</dd>
            </dl>
            <div class="actions">
                <button type="button" class="btn" data-test="refresh-status" disabled=move || checking.get()
                    on:click=move |_| { checking.set(true); on_refresh.run(()) }>
                    {move || i18n.t(if checking.get() { "request.refreshing" } else { "request.refresh" })}
                </button>
                <p class="muted small" role="status" data-test="status-checked">
                    {move || i18n.tf("request.checked_at", &[("time", checked.clone())])}
                </p>
            </div>
            {desk.map(|d| view! { <DeskPanel request=request.id desk=d at_desk=at_desk has_result=has_result on_change=on_refresh /> })}
            {payment.map(|p| view! {
                <section class="payment" data-test="payment">
                    <h2>{t("payment.title")}</h2>
                    <p>{move || i18n.tf("payment.paid", &[("amount", p.amount.to_string())])}
                        {p.transaction.map(|tx| view! { " · " {t("payment.receipt")} " " <code>{tx}</code> })}</p>
                </section>
            })}
            <InquiryPanel request=request.id inquiries=inquiries files=all_files on_change=on_refresh />
            <Documents request=request.id documents=documents files=files editable=false
                missing=Signal::derive(Vec::new) on_change=Callback::new(|()| ()) />
            <section class="timeline">
                <h2>{t("request.history")}</h2>
                <ol class="timeline__list">
                    {history.into_iter().map(|e| view! {
                        <li data-test="history-event">
                            <time>{local_time(&e.at)}</time>
                            " · " <strong>{move || i18n.t(status_key(e.status))}</strong>
                            {e.reason.map(|r| view! { " · " <span class="muted">{r}</span> })}
                        </li>
                    }).collect_view()}
                    // The result handed over at the desk, with who did it.
                    {handed_over.map(|(at, by)| view! {
                        <li data-test="history-handed-over">
                            <time>{local_time(&at)}</time>
                            " · " <strong>{t("desk.handed_over")}</strong>
                            {by.map(|b| view! { " · " <span class="muted">{b}</span> })}
                        </li>
                    })}
                </ol>
            </section>
            {result.map(|r| view! { <ResultPanel request=request.id result=r /> })}
            <Show when=move || has_views>
                <section class="views" data-test="views">
                    <h2>{t("request.views")}</h2>
                    <ul>
                        {views.clone().into_iter().map(|v| {
                            let kind = match v.kind {
                                shared::request::ViewKind::Opened => "access.opened",
                                shared::request::ViewKind::StatusLookup => "access.status_lookup",
                            };
                            view! { <li data-test="view-row"><time>{local_time(&v.at)}</time> " · " <span data-test="view-kind">{t(kind)}</span> " · " {v.name} {v.provider.map(|p| view! { " · " {p} })}</li> }
                        }).collect_view()}
                    </ul>
                </section>
            </Show>
            <Show when=move || survey_open>
                <Survey request=request.id form=survey_form.clone() service=survey_name.clone() />
            </Show>
        </article>
    }
}

/// The browser's time now, `HH:MM:SS`.
fn time_now() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}
