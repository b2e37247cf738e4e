//! Status at any ЦОН (seeds 000 and 004, §10): the operator types a
//! request's number and its applicant's ИИН/БИН, both required, and tells
//! the visitor its status and deadline.

use crate::api::{self, use_session};
use crate::components::field::TextField;
use crate::components::status::Failure;
use crate::format::{day, status_key};
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use shared::FieldCode;
use shared::desk::StatusAnswer;

#[component]
pub fn StatusLookup() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let number = RwSignal::new(String::new());
    let id_number = RwSignal::new(String::new());
    let look_up = Action::new_local(move |(n, id): &(String, String)| {
        let (n, id) = (n.clone(), id.clone());
        async move { api::desk_status(session, &n, &id).await }
    });
    let errors = move |field: &'static str| {
        Signal::derive(move || match look_up.value().get() {
            Some(Err(e)) => e.fields().remove(field).unwrap_or_default(),
            _ => Vec::<FieldCode>::new(),
        })
    };
    let services =
        LocalResource::new(|| api::services::<shared::catalog::ServiceNames>(Default::default()));
    let service_name =
        move |code: &str| crate::pages::service_name(services, code, i18n.lang.get());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = (
            number.get_untracked().trim().to_owned(),
            id_number.get_untracked().trim().to_owned(),
        );
        look_up.dispatch_local(typed);
    };
    let answer = move |a: StatusAnswer| {
        let code = a.service.clone();
        view! {
            <dl class="facts" data-test="status-answer">
                <dt>{t("request.number")}</dt><dd data-test="status-number">{a.number.to_string()}</dd>
                <dt>{t("request.service_type")}</dt><dd>{move || service_name(&code)}</dd>
                <dt>{t("history.status")}</dt><dd data-test="status-status">{move || i18n.t(status_key(a.status))}</dd>
                {a.due_date.map(|d| {
                    let d = day(&d);
                    view! { <dt>{t("request.deadline")}</dt><dd data-test="status-due">{d}</dd> }
                })}
            </dl>
        }
    };
    view! {
        <section class="desk-status" data-test="desk-status-lookup">
            <h2>{t("desk.status_title")}</h2>
            <p class="muted small">{t("desk.status_hint")}</p>
            <form on:submit=submit novalidate>
                <TextField id="status-number" label="request.number" value=number errors=errors("number") />
                <TextField id="status-id-number" label="desk.status_id_number" value=id_number errors=errors("id_number") inputmode="numeric" />
                <button type="submit" class="btn" data-test="status-look-up" disabled=move || look_up.pending().get()>{t("desk.status_look_up")}</button>
            </form>
            {move || look_up.value().get().map(|r| match r {
                Ok(a) => answer(a).into_any(),
                Err(e) if e.code() == Some(&shared::ErrorCode::NotFound) => view! {
                    <p class="alert alert--error" role="alert" data-test="status-not-found">{t("desk.status_not_found")}</p>
                }.into_any(),
                Err(e) if e.fields().is_empty() => view! { <Failure failure=e /> }.into_any(),
                Err(_) => ().into_any(),
            })}
        </section>
    }
}
