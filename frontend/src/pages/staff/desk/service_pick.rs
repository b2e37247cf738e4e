//! The service the visitor came for, and the request type.

use leptos::prelude::*;
use shared::catalog::{RequestType, ServiceSummary};

use crate::api::ApiFailure;
use crate::components::answer::request_type_name;
use crate::i18n::{t, use_i18n};

/// The desk's services (`services`) to choose from, and the chosen one's
/// request types; a new service clears the request type.
#[component]
pub(super) fn ServiceFields(
    services: LocalResource<Result<Vec<ServiceSummary>, ApiFailure>>,
    service: RwSignal<String>,
    request_type: RwSignal<String>,
    request_types: Signal<Vec<RequestType>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    // The chosen service's own name of `kind`, else the generic one.
    let type_name = move |kind: RequestType| {
        let list = services.get().and_then(Result::ok).unwrap_or_default();
        let chosen = service.get();
        let label = list
            .iter()
            .find(|s| s.code == chosen)
            .and_then(|s| s.type_labels.iter().find(|t| t.kind == kind))
            .map(|t| &t.label);
        request_type_name(i18n, kind, label)
    };
    view! {
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
                {move || request_types.get().into_iter().map(|rt| view! {
                    <option value=rt.code() selected=move || request_type.get() == rt.code()>{move || type_name(rt)}</option>
                }).collect_view()}
            </select>
        </div>
    }
}
