//! The desk's start form: the service, the request type, the visitor's
//! ИИН/БИН and what the state registry knows of them.

use crate::api::{self, ApiFailure, use_session};
use crate::components::status::Failure;
use crate::format::day;
use crate::format::request_type_key;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::account::{AccountKind, Role};
use shared::catalog::{Eligibility, RequestType, ServiceSummary};
use shared::desk::{DeskStart, RegistryRecord, desk_channel};

/// The services this desk enters: those offered through its channel, and
/// for provider staff only their own provider's.
pub fn offered(
    list: Vec<ServiceSummary>,
    role: Role,
    provider: Option<&str>,
) -> Vec<ServiceSummary> {
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
pub fn StartForm() -> impl IntoView {
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
    // The lookup and the start, one at a time; `Ok(true)`: the page is
    // being left for the new request.
    let write = Action::new_local(move |step: &Step| {
        let (step, navigate) = (step.clone(), navigate.clone());
        async move {
            match step {
                Step::Lookup(k, number) => {
                    record.set(Some(api::registry_lookup(session, k, &number).await?));
                    Ok(false)
                }
                Step::Start(req) => {
                    // On a refusal everything typed stays as it is.
                    let dto = api::desk_start(session, &req).await?;
                    navigate(&format!("/requests/{}", dto.id), Default::default());
                    Ok::<_, ApiFailure>(true)
                }
            }
        }
    });
    let busy = move || write.pending().get() || matches!(write.value().get(), Some(Ok(true)));

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
        write.clear();
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
        write.dispatch_local(Step::Lookup(k, number));
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
        write.clear();
        write.dispatch_local(Step::Start(req));
    };
    let can_start = move || {
        record.get().is_some()
            && !service.get().is_empty()
            && RequestType::parse(&request_type.get()).is_some()
            && !busy()
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
                <button type="submit" class="btn" data-test="desk-lookup" disabled=busy>{t("desk.lookup")}</button>
            </div>
            {move || write.value().get().and_then(Result::err).map(|e| view! { <div data-test="desk-failure"><Failure failure=e /></div> })}
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
pub fn RecordCard(record: RegistryRecord) -> impl IntoView {
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

/// A write of the desk's start page.
#[derive(Clone)]
enum Step {
    /// The visitor looked up in the state registry.
    Lookup(AccountKind, String),
    /// The request begun for them.
    Start(DeskStart),
}
