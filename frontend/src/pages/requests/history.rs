//! «История получения услуг»: the user's requests, newest first, with
//! filters by status and service (SPEC §4).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::request::{RequestQuery, RequestStatus};

use crate::api::{self, use_session};
use crate::components::answer::request_type_name;
use crate::components::status::{Failure, Loading};
use crate::format::status_key;
use crate::i18n::{t, use_i18n};

#[component]
pub fn HistoryPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.ready.get() && session.user.get().is_none() {
            navigate("/login?next=/requests", Default::default());
        }
    });
    let status = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let rows = LocalResource::new(move || {
        let q = RequestQuery {
            status: RequestStatus::parse(&status.get()),
            service: Some(service.get()).filter(|s| !s.is_empty()),
        };
        let ready = session.user.get().is_some();
        async move {
            if ready {
                api::requests(session, &q).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    let services =
        LocalResource::new(|| api::services::<shared::catalog::ServiceNames>(Default::default()));
    let service_name =
        move |code: &str| crate::pages::service_name(services, code, i18n.lang.get());
    let type_name = move |code: &str, kind: shared::catalog::RequestType| {
        let names = services.get().and_then(Result::ok);
        let label = names
            .as_ref()
            .and_then(|l| l.iter().find(|s| s.code == code))
            .and_then(|s| s.type_label(kind));
        request_type_name(i18n, kind, label)
    };
    view! {
        <section data-test="history">
            <h1>{t("history.title")}</h1>
            <div class="field field--inline">
                <label for="history-status">{t("history.status")}</label>
                <select id="history-status" data-test="history-status"
                    on:change=move |ev| status.set(event_target_value(&ev))>
                    <option value="">{t("history.all")}</option>
                    {RequestStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.code()>{move || i18n.t(status_key(s))}</option>
                    }).collect_view()}
                </select>
                <label for="history-service">{t("history.service")}</label>
                <select id="history-service" data-test="history-service"
                    on:change=move |ev| service.set(event_target_value(&ev))>
                    <option value="">{t("history.all")}</option>
                    {move || services.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|s| {
                        let name = s.name.clone();
                        view! { <option value=s.code>{move || name.get(i18n.lang.get()).to_owned()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <Transition fallback=Loading>
                {move || rows.get().map(|r| match r {
                    Ok(Some(list)) if list.is_empty() => view! {
                        <p class="muted" data-test="history-empty">{t("history.empty")}</p>
                    }.into_any(),
                    Ok(Some(list)) => view! {
                        <ul class="history" data-test="history-list">
                            {list.into_iter().map(|r| {
                                let code = r.service.clone();
                                let kind_of = r.service.clone();
                                view! {
                                    <li class="history__row" data-test="history-row" data-id=r.id.to_string()>
                                        <A href=format!("/requests/{}", r.id)>{move || service_name(&code)}</A>
                                        <span class="muted">{move || type_name(&kind_of, r.request_type)}</span>
                                        <span class="tag" data-test="history-status-tag">{move || i18n.t(status_key(r.status))}</span>
                                        {r.number.as_ref().map(|n| view! { <code data-test="history-number">{n.to_string()}</code> })}
                                        {r.due_date.as_ref().map(|d| {
                                            let d = crate::format::day(d);
                                            view! { <span class="muted small">{move || i18n.tf("history.due", &[("date", d.clone())])}</span> }
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Ok(None) => view! { <Loading /> }.into_any(),
                    Err(e) => view! { <Failure failure=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
