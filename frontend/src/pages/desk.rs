//! The desk (SPEC §5): a ЦОН operator or provider staff choose the service
//! and request type, enter the visitor's ИИН/БИН, see what the state
//! registry (ГБД ФЛ / ГБД ЮЛ) knows of them and start the request, which
//! then opens in the usual form. Below, the requests entered at this desk;
//! and the printable receipt of one of them.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::account::{AccountKind, Role};
use shared::catalog::{Eligibility, RequestType, ServiceSummary};
use shared::desk::{DeskStart, RegistryRecord, desk_channel};
use shared::request::RequestStatus;

use crate::api::{self, ApiFailure, use_session};
use crate::components::header::is_desk_user;
use crate::components::status::{Failure, Loading};
use crate::format::request_type_key;
use crate::format::status_key;
use crate::format::{day, local_time};
use crate::i18n::{t, use_i18n};

#[component]
pub fn DeskPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.ready.get() && session.user.get().is_none() {
            navigate("/login?next=/desk", Default::default());
        }
    });
    let role = move || session.user.with(|u| u.as_ref().map(|u| u.role));
    view! {
        <Show when=move || session.user.with(Option::is_some) fallback=Loading>
            <Show when=move || role().is_some_and(is_desk_user) fallback=|| view! {
                <p class="alert alert--info" data-test="desk-only-staff">{t("desk.only_staff")}</p>
            }>
                <section class="desk" data-test="desk">
                    <h1>{t("desk.title")}</h1>
                    <p class="muted">{t("desk.intro")}</p>
                    <StartForm />
                    <DeskList />
                </section>
            </Show>
        </Show>
    }
}

/// The services this desk enters: those offered through its channel, and
/// for provider staff only their own provider's.
fn offered(list: Vec<ServiceSummary>, role: Role, provider: Option<&str>) -> Vec<ServiceSummary> {
    let Some(channel) = desk_channel(role) else {
        return Vec::new();
    };
    list.into_iter()
        .filter(|s| s.channels.contains(&channel))
        .filter(|s| {
            role != Role::Reviewer || provider.is_some_and(|p| s.providers.iter().any(|x| x == p))
        })
        .collect()
}

#[component]
fn StartForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let lang = move || i18n.lang.get();
    let service = RwSignal::new(String::new());
    let request_type = RwSignal::new(String::new());
    let kind = RwSignal::new(AccountKind::Individual);
    let id_number = RwSignal::new(String::new());
    let record = RwSignal::new(None::<RegistryRecord>);
    let id_error = RwSignal::new(None::<shared::FieldCode>);
    let failure = RwSignal::new(None::<ApiFailure>);
    let busy = RwSignal::new(false);

    let services = LocalResource::new(move || {
        let user = session.user.get();
        async move {
            let list = api::services::<ServiceSummary>(Default::default()).await?;
            Ok::<_, ApiFailure>(match user {
                Some(u) => offered(list, u.role, u.provider_code.as_deref()),
                None => Vec::new(),
            })
        }
    });
    let chosen = move || {
        services
            .get()
            .and_then(Result::ok)
            .and_then(|l| l.into_iter().find(|s| s.code == service.get()))
    };
    let detail = LocalResource::new(move || {
        let code = service.get();
        async move {
            if code.is_empty() {
                Ok(None)
            } else {
                api::service(code).await.map(Some)
            }
        }
    });
    let request_types = move || -> Vec<RequestType> {
        detail
            .get()
            .and_then(Result::ok)
            .flatten()
            .map(|d| d.request_types.iter().map(|t| t.spec.kind).collect())
            .unwrap_or_default()
    };
    // The service decides who may apply: one kind, or a choice.
    Effect::new(move |_| match chosen().map(|s| s.eligibility) {
        Some(Eligibility::IinOnly) => kind.set(AccountKind::Individual),
        Some(Eligibility::BinOnly) => kind.set(AccountKind::LegalEntity),
        _ => {}
    });
    let kind_fixed = move || {
        chosen()
            .is_some_and(|s| matches!(s.eligibility, Eligibility::IinOnly | Eligibility::BinOnly))
    };
    // A different number or kind is a different visitor.
    let forget = move || {
        record.set(None);
        failure.set(None);
    };

    let lookup = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        forget();
        let number = id_number.get_untracked().trim().to_owned();
        let k = kind.get_untracked();
        if let Err(code) = k.parse_id(&number) {
            id_error.set(Some(code));
            return;
        }
        id_error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::registry_lookup(session, k, &number).await {
                Ok(r) => record.set(Some(r)),
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let start = move |_| {
        let Some(rt) = RequestType::parse(&request_type.get_untracked()) else {
            return;
        };
        let req = DeskStart {
            service: service.get_untracked(),
            request_type: rt,
            kind: kind.get_untracked(),
            id_number: id_number.get_untracked().trim().to_owned(),
        };
        busy.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::desk_start(session, &req).await {
                Ok(dto) => navigate(&format!("/requests/{}", dto.id), Default::default()),
                Err(e) => {
                    // Everything typed stays as it is.
                    failure.set(Some(e));
                    busy.set(false);
                }
            }
        });
    };
    let can_start = move || {
        record.get().is_some()
            && !service.get().is_empty()
            && RequestType::parse(&request_type.get()).is_some()
            && !busy.get()
    };
    let kind_radio = move |k: AccountKind, label: &'static str| {
        let id = format!("desk-kind-{}", k.code());
        view! {
            <label class="choice__option" for=id>
                <input type="radio" id=id.clone() name="desk-kind" data-test=id.clone()
                    prop:checked=move || kind.get() == k
                    disabled=move || kind_fixed() && kind.get() != k
                    on:change=move |_| { kind.set(k); forget(); } />
                {t(label)}
            </label>
        }
    };

    view! {
        <form class="desk-start" on:submit=lookup novalidate data-test="desk-start">
            <h2>{t("desk.new")}</h2>
            <div class="field">
                <label for="desk-service">{t("desk.service")}</label>
                <select id="desk-service" data-test="desk-service"
                    on:change=move |ev| { service.set(event_target_value(&ev)); request_type.set(String::new()); }>
                    <option value="">{t("request.choose")}</option>
                    {move || services.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|s| {
                        let code = s.code.clone();
                        let name = s.name;
                        view! { <option value=code.clone() selected=move || service.get() == code>{move || name.get(lang()).to_owned()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="desk-request-type">{t("desk.request_type")}</label>
                <select id="desk-request-type" data-test="desk-request-type"
                    on:change=move |ev| request_type.set(event_target_value(&ev))>
                    <option value="">{t("request.choose")}</option>
                    {move || request_types().into_iter().map(|rt| view! {
                        <option value=rt.code() selected=move || request_type.get() == rt.code()>{move || i18n.t(request_type_key(rt))}</option>
                    }).collect_view()}
                </select>
            </div>
            <fieldset class="field">
                <legend>{t("desk.applicant_kind")}</legend>
                {kind_radio(AccountKind::Individual, "register.individual")}
                {kind_radio(AccountKind::LegalEntity, "register.legal_entity")}
            </fieldset>
            <div class="field" class:field--invalid=move || id_error.get().is_some()>
                <label for="desk-id-number">{move || if kind.get() == AccountKind::LegalEntity { i18n.t("register.bin") } else { i18n.t("register.iin") }}</label>
                <input id="desk-id-number" data-test="desk-id-number" inputmode="numeric" autocomplete="off" maxlength="12"
                    aria-invalid=move || id_error.get().is_some().to_string()
                    aria-describedby=move || id_error.get().map(|_| "desk-id-number-error")
                    prop:value=move || id_number.get()
                    on:input=move |ev| { id_number.set(event_target_value(&ev)); id_error.set(None); forget(); } />
                {move || id_error.get().map(|c| view! {
                    <ul class="field__errors" id="desk-id-number-error" data-test="desk-id-number-error"><li>{i18n.field(&c)}</li></ul>
                })}
            </div>
            <div class="actions">
                <button type="submit" class="btn" data-test="desk-lookup" disabled=move || busy.get()>{t("desk.lookup")}</button>
            </div>
            {move || failure.get().map(|e| view! { <div data-test="desk-failure"><Failure failure=e /></div> })}
            {move || record.get().map(|r| view! { <RecordCard record=r /> })}
            <div class="actions">
                <button type="button" class="btn btn--primary" data-test="desk-begin" disabled=move || !can_start() on:click=start>
                    {t("desk.begin")}
                </button>
            </div>
        </form>
    }
}

/// What the registry knows of the visitor.
#[component]
fn RecordCard(record: RegistryRecord) -> impl IntoView {
    let body = match record {
        RegistryRecord::Person(p) => {
            let name = p.full_name();
            view! {
                <h3>{t("desk.from_gbd_fl")}</h3>
                <dl class="facts">
                    <dt>{t("register.iin")}</dt><dd data-test="desk-record-id">{p.iin}</dd>
                    <dt>{t("request.name")}</dt><dd data-test="desk-record-name">{name}</dd>
                    <dt>{t("desk.birth_date")}</dt><dd>{day(&p.birth_date)}</dd>
                    <dt>{t("desk.address")}</dt><dd>{p.address}</dd>
                </dl>
            }
            .into_any()
        }
        RegistryRecord::Organization(o) => view! {
            <h3>{t("desk.from_gbd_ul")}</h3>
            <dl class="facts">
                <dt>{t("register.bin")}</dt><dd data-test="desk-record-id">{o.bin}</dd>
                <dt>{t("request.name")}</dt><dd data-test="desk-record-name">{o.name}</dd>
                <dt>{t("desk.registered_on")}</dt><dd>{day(&o.registered_on)}</dd>
                <dt>{t("desk.address")}</dt><dd>{o.address}</dd>
                <dt>{t("desk.head")}</dt><dd data-test="desk-record-head">{o.head.name} " (" {o.head.iin} ")"</dd>
            </dl>
        }
        .into_any(),
    };
    view! { <section class="record alert alert--ok" data-test="desk-record">{body}</section> }
}

/// The requests entered at this desk, newest first.
#[component]
fn DeskList() -> impl IntoView {
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
                                let registered = r.number.is_some();
                                view! {
                                    <li class="history__row" data-test="desk-row" data-id=r.id.to_string()>
                                        <A href=format!("/requests/{}", r.id)>{move || service_name(&code)}</A>
                                        <span>{r.applicant.name.clone()} " · " <code>{r.applicant.tax_id.clone()}</code></span>
                                        <span class="muted">{move || i18n.t(request_type_key(r.request_type))}</span>
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

/// The receipt handed to the visitor: the request's number, the service,
/// the deadline, who entered it; printed from the browser.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = super::use_id_param();
    let loaded = super::request_with_service(session, id);
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
                    let name = service.name;
                    let kind = request.request_type;
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
                                <dd>{move || name.get(lang()).to_owned()} " · " {move || i18n.t(request_type_key(kind))}</dd>
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
                            </dl>
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
