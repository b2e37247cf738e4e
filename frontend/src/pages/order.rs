//! A signed-in applicant's way in from a service's passport: a new
//! request of each type, or the draft of the service they left open.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::catalog::ServiceDetail;
use shared::request::{CreateDraft, RequestQuery, RequestStatus};

use crate::api::{self, ApiFailure, use_session};
use crate::components::answer::request_type_name;
use crate::components::status::write_failure;
use crate::format::local_time;
use crate::i18n::{t, use_i18n};

/// «Заказать услугу online» for a signed-in applicant: one button per
/// request type; each starts a draft and opens its form. A draft of the
/// service left open is offered to continue, rather than a new one made
/// behind the applicant's back.
#[component]
pub fn Order(detail: StoredValue<ServiceDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = StoredValue::new_local(use_navigate());
    let create = Action::new_local(move |req: &CreateDraft| {
        let req = req.clone();
        async move {
            let d = api::create_draft(session, &req).await?;
            navigate.with_value(|go| go(&format!("/requests/{}", d.id), Default::default()));
            Ok::<(), ApiFailure>(())
        }
    });
    let busy = create.pending();
    let code = detail.with_value(|d| d.code.clone());
    let open_drafts = {
        let code = code.clone();
        LocalResource::new(move || {
            let q = RequestQuery {
                status: Some(RequestStatus::Draft),
                service: Some(code.clone()),
            };
            async move { api::requests(session, &q).await.unwrap_or_default() }
        })
    };
    let types = detail.with_value(|d| d.request_types.clone());
    view! {
        <div class="order" data-test="order">
            <h2 class="order__title">{t("service.order")}</h2>
            {write_failure(create)}
            <Transition fallback=|| ()>
                {move || open_drafts.get().map(|list| list.into_iter().map(|r| {
                    let kind = r.request_type;
                    let label = detail.with_value(|d| d.type_label(kind).cloned());
                    let saved = local_time(&r.updated_at);
                    view! {
                        <p class="alert" data-test="open-draft" data-id=r.id.to_string()>
                            {move || i18n.tf("service.open_draft", &[("type", request_type_name(i18n, kind, label.as_ref())), ("saved", saved.clone())])}
                            " " <A href=format!("/requests/{}", r.id) attr:class="btn btn--small" attr:data-test="continue-draft">{t("service.continue_draft")}</A>
                        </p>
                    }
                }).collect_view())}
            </Transition>
            <div class="order__types">
                {types.into_iter().map(|rt| {
                    let kind = rt.spec.kind;
                    let label = rt.spec.label;
                    let code = code.clone();
                    let start = move |_| {
                        if busy.get_untracked() {
                            return;
                        }
                        create.dispatch_local(CreateDraft { service: code.clone(), request_type: kind });
                    };
                    view! {
                        <button type="button" class="btn btn--primary" data-test=format!("order-{}", kind.code())
                            disabled=move || busy.get() on:click=start>
                            {move || request_type_name(i18n, kind, label.as_ref())}
                        </button>
                    }
                }).collect_view()}
            </div>
        </div>
    }
}
