//! The provider's queue: its filters, «Показать ещё», «Следующий запрос»,
//! and the provider's indicators.

use crate::api::{self, ApiFailure, use_session};
use crate::components::answer::request_type_name;
use crate::components::status::{Failure, Loading, write_failure};
use crate::format::day;
use crate::format::manual_reason_key;
use crate::format::request_type_key;
use crate::format::status_key;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::catalog::RequestType;
use shared::request::RequestStatus;
use shared::review::{DueFilter, QueueQuery};

/// Rows of the queue per «Показать ещё».
pub const QUEUE_PAGE: u32 = 50;

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let service = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    // Rows shown: a page at first, a page more each «Показать ещё»; one row
    // beyond them is asked for to know whether there are more.
    let shown = RwSignal::new(QUEUE_PAGE);
    let rows = LocalResource::new(move || {
        let q = QueueQuery {
            service: Some(service.get()).filter(|s| !s.is_empty()),
            request_type: RequestType::parse(&kind.get()),
            status: RequestStatus::parse(&status.get()),
            due: match due.get().as_str() {
                "overdue" => Some(DueFilter::Overdue),
                "soon" => Some(DueFilter::Soon),
                _ => None,
            },
            limit: Some(shown.get() + 1),
            offset: None,
        };
        async move { api::queue(session, &q).await }
    });
    let services =
        LocalResource::new(|| api::services::<shared::catalog::ServiceNames>(Default::default()));
    let service_name = move |code: &str| {
        services
            .get()
            .and_then(Result::ok)
            .and_then(|l| l.into_iter().find(|s| s.code == code))
            .map(|s| s.name.get(i18n.lang.get()).to_owned())
            .unwrap_or_else(|| code.to_owned())
    };
    let type_name = move |code: &str, kind: RequestType| {
        let names = services.get().and_then(Result::ok);
        let label = names
            .as_ref()
            .and_then(|l| l.iter().find(|s| s.code == code))
            .and_then(|s| s.type_label(kind));
        request_type_name(i18n, kind, label)
    };
    // «Следующая заявка»: the server assigns the next one.
    let next = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let id = api::next_request(session).await?;
            navigate(&format!("/review/{id}"), Default::default());
            Ok::<(), ApiFailure>(())
        }
    });
    let select = move |id: &'static str,
                       label: &'static str,
                       value: RwSignal<String>,
                       options: Vec<(String, String)>| {
        view! {
            <div class="field field--inline">
                <label for=id>{t(label)}</label>
                <select id=id data-test=id on:change=move |ev| { shown.set(QUEUE_PAGE); value.set(event_target_value(&ev)) }>
                    <option value="">{t("history.all")}</option>
                    {options.into_iter().map(|(v, k)| view! { <option value=v>{move || i18n.t(&k)}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <section class="review" data-test="review-queue">
            <h1>{t("review.title")}</h1>
            <div class="actions">
                <button type="button" class="btn btn--primary" data-test="next-request" on:click=move |_| { next.dispatch_local(()); }>{t("review.next")}</button>
            </div>
            {write_failure(next)}
            <div class="filters">
                <div class="field field--inline">
                    <label for="queue-service">{t("history.service")}</label>
                    <select id="queue-service" data-test="queue-service" on:change=move |ev| { shown.set(QUEUE_PAGE); service.set(event_target_value(&ev)) }>
                        <option value="">{t("history.all")}</option>
                        {move || services.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|s| {
                            let name = s.name.clone();
                            view! { <option value=s.code>{move || name.get(i18n.lang.get()).to_owned()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {select("queue-type", "review.type", kind, RequestType::ALL.iter().map(|k| (k.code().to_owned(), request_type_key(*k).to_owned())).collect())}
                {select("queue-status", "history.status", status, [RequestStatus::Submitted, RequestStatus::InReview, RequestStatus::Approved, RequestStatus::Refused].iter().map(|s| (s.code().to_owned(), status_key(*s).to_owned())).collect())}
                {select("queue-due", "review.due", due, vec![("overdue".to_owned(), "review.overdue".to_owned()), ("soon".to_owned(), "review.soon".to_owned())])}
            </div>
            <Transition fallback=Loading>
                {move || rows.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p class="muted" data-test="queue-empty">{t("review.empty")}</p> }.into_any(),
                    Ok(mut list) => {
                        let more = list.len() > shown.get_untracked() as usize;
                        list.truncate(shown.get_untracked() as usize);
                        view! {
                        <div class="table-wrap">
                            <table class="table" data-test="queue">
                                <thead><tr>
                                    <th>{t("request.number")}</th><th>{t("request.applicant")}</th><th>{t("history.service")}</th>
                                    <th>{t("review.type")}</th><th>{t("history.status")}</th><th>{t("review.days_left")}</th><th>{t("review.assignee")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|row| {
                                        let code = row.service.clone();
                                        let kind_of = row.service.clone();
                                        let overdue = row.days_left.is_some_and(|d| d < 0);
                                        view! {
                                            <tr data-test="queue-row" data-id=row.id.to_string()>
                                                <td><A href=format!("/review/{}", row.id)>{row.number.as_ref().map(ToString::to_string).unwrap_or_default()}</A></td>
                                                <td>{row.applicant.clone()} <br/><span class="muted small">{row.applicant_tax_id.clone()}</span></td>
                                                <td>{move || service_name(&code)}</td>
                                                <td>{move || type_name(&kind_of, row.request_type)}</td>
                                                <td>
                                                    {move || i18n.t(status_key(row.status))}
                                                    {row.manual_reason.map(|r| view! { <br/><span class="muted small" data-test="manual-reason">{move || i18n.t(manual_reason_key(r))}</span> })}
                                                </td>
                                                <td class:overdue=overdue data-test="days-left">
                                                    {row.days_left.map(|d| d.to_string())}
                                                    {row.due_date.as_ref().map(|d| view! { <br/><span class="muted small">{day(d)}</span> })}
                                                </td>
                                                <td>{row.assignee.as_ref().map(|a| a.name.clone())}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {more.then(|| view! {
                            <button type="button" class="btn" data-test="queue-more"
                                on:click=move |_| shown.update(|n| *n += QUEUE_PAGE)>{t("review.more")}</button>
                        })}
                    }.into_any()
                    }
                    Err(e) => view! { <Failure failure=e /> }.into_any(),
                })}
            </Transition>
            <section class="dashboard-stats" data-test="dashboard-stats">
                <h2>{t("stats.title")}</h2>
                <crate::pages::staff::stats::Stats provider=session.user.get_untracked().and_then(|u| u.provider_code) />
            </section>
        </section>
    }
}
