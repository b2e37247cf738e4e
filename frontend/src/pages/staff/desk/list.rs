//! The requests entered at this desk, by status.

use crate::api::{self, use_session};
use crate::components::answer::request_type_name;
use crate::components::status::{Failure, Loading};
use crate::format::day;
use crate::format::status_key;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::catalog::ServiceSummary;
use shared::request::RequestStatus;

/// The requests entered at this desk, newest first.
#[component]
pub fn DeskList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let status = RwSignal::new(String::new());
    let rows = LocalResource::new(move || {
        let s = RequestStatus::parse(&status.get());
        async move { api::desk_requests(session, s).await }
    });
    let services = LocalResource::new(|| api::services::<ServiceSummary>(Default::default()));
    let service_name = move |code: &str| {
        services
            .get()
            .and_then(Result::ok)
            .and_then(|list| list.into_iter().find(|s| s.code == code))
            .map(|s| s.name.get(i18n.lang.get()).to_owned())
            .unwrap_or_else(|| code.to_owned())
    };
    let type_name = move |code: &str, kind: shared::catalog::RequestType| {
        let names = services.get().and_then(Result::ok);
        let label = names
            .as_ref()
            .and_then(|l| l.iter().find(|s| s.code == code))
            .and_then(|s| s.type_labels.iter().find(|t| t.kind == kind))
            .map(|t| &t.label);
        request_type_name(i18n, kind, label)
    };
    view! {
        <section class="desk-list">
            <h2>{t("desk.entered")}</h2>
            <div class="field field--inline">
                <label for="desk-status">{t("history.status")}</label>
                <select id="desk-status" data-test="desk-status" on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{t("history.all")}</option>
                    {RequestStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.code()>{move || i18n.t(status_key(s))}</option>
                    }).collect_view()}
                </select>
            </div>
            <Transition fallback=Loading>
                {move || rows.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p class="muted" data-test="desk-empty">{t("desk.none")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="history" data-test="desk-list">
                            {list.into_iter().map(|r| {
                                let code = r.service.clone();
                                let kind_of = r.service.clone();
                                let registered = r.number.is_some();
                                view! {
                                    <li class="history__row" data-test="desk-row" data-id=r.id.to_string()>
                                        <A href=format!("/requests/{}", r.id)>{move || service_name(&code)}</A>
                                        <span>{r.applicant.name.clone()} " · " <code>{r.applicant.tax_id.clone()}</code></span>
                                        <span class="muted">{move || type_name(&kind_of, r.request_type)}</span>
                                        <span class="tag" data-test="desk-row-status">{move || i18n.t(status_key(r.status))}</span>
                                        {r.number.as_ref().map(|n| view! { <code data-test="desk-row-number">{n.to_string()}</code> })}
                                        {r.due_date.as_ref().map(|d| {
                                            let d = day(d);
                                            view! { <span class="muted small">{move || i18n.tf("history.due", &[("date", d.clone())])}</span> }
                                        })}
                                        {r.handed_over.then(|| view! { <span class="tag">{t("desk.handed_over")}</span> })}
                                        {registered.then(|| view! {
                                            <A href=format!("/desk/receipt/{}", r.id) attr:class="btn btn--ghost" attr:data-test="desk-row-receipt">{t("desk.receipt")}</A>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <Failure failure=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
