//! The desk's start form: the service, the request type, the visitor's
//! ИИН/БИН and what the state registry knows of them.

use crate::api::{self, ApiFailure, use_session};
use crate::components::status::Failure;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::account::{AccountKind, Role};
use shared::catalog::{Eligibility, RequestType, ServiceSummary};
use shared::desk::{DeskStart, RegistryRecord, desk_channel};

use super::record::RecordCard;
use super::service_pick::ServiceFields;
use super::visitor::VisitorFields;

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
    let session = use_session();
    let navigate = use_navigate();
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
    view! {
        <form class="desk-start" on:submit=lookup novalidate data-test="desk-start">
            <h2>{t("desk.new")}</h2>
            <ServiceFields services=services service=service request_type=request_type request_types=Signal::derive(request_types) />
            <VisitorFields kind=kind id_number=id_number id_error=id_error kind_fixed=Signal::derive(kind_fixed)
                forget=Callback::new(move |()| forget()) />
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

/// A write of the desk's start page.
#[derive(Clone)]
enum Step {
    /// The visitor looked up in the state registry.
    Lookup(AccountKind, String),
    /// The request begun for them.
    Start(DeskStart),
}
