//! Public verification (no login): the license registry searched by number
//! or БИН; one license's page (the result's QR code opens it) with its
//! status, holder, activity, licensor, date and history; and a check of a
//! result PDF with its signature. The licensor's reviewers also suspend,
//! resume and terminate licenses here, with a reason.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::account::Role;
use shared::review::{
    RegistryAction, RegistryChange, RegistryEntry, VerifyDocument, VerifyOutcome,
};

use crate::api::{self, ApiFailure, use_session};
use crate::components::status::{Failure, Loading, write_failure};
use crate::eds::read_file;
use crate::format::{day, license_status_key, local_time};
use crate::i18n::{t, use_i18n};

use super::objects::{ObjectActions, ObjectList};

#[component]
fn Entry(entry: RegistryEntry) -> impl IntoView {
    let i18n = use_i18n();
    let status = entry.status;
    view! {
        <article class="card registry-entry" data-test="registry-entry" data-number=entry.number>
            <h2>"№ " {entry.number.clone()}</h2>
            <p><span class=format!("badge badge--{}", status.code()) data-test="license-status">{move || i18n.t(license_status_key(status))}</span></p>
            <dl class="facts">
                <dt>{t("license.holder")}</dt><dd data-test="license-holder">{entry.holder.clone()} " (" {entry.holder_id.clone()} ")"</dd>
                <dt>{t("history.service")}</dt><dd data-test="license-service">{move || entry.service_name.get(i18n.lang.get()).to_owned()}</dd>
                {entry.activity_name.clone().map(|a| view! { <dt>{t("license.activity")}</dt><dd>{move || a.get(i18n.lang.get()).to_owned()}</dd> })}
                {entry.provider_name.clone().map(|p| view! { <dt>{t("license.licensor")}</dt><dd>{move || p.get(i18n.lang.get()).to_owned()}</dd> })}
                <dt>{t("license.issued_on")}</dt><dd>{day(&entry.issued_on)}</dd>
                {entry.original.clone().map(|o| view! { <dt>{t("license.original")}</dt><dd><A href=format!("/verify/{o}")>{o.clone()}</A></dd> })}
            </dl>
            {(!entry.objects.is_empty()).then(|| view! {
                <h3>{t("license.objects")}</h3>
                <ObjectList objects=entry.objects.clone() />
            })}
            <h3>{t("request.history")}</h3>
            <ol class="timeline__list">
                {entry.history.iter().map(|e| {
                    let key = format!("license.event.{}", e.event);
                    view! { <li data-test="license-event"><time>{local_time(&e.at)}</time> " · " <strong>{move || i18n.t(&key)}</strong>
                        {e.reason.clone().map(|r| view! { " · " <span class="muted">{r}</span> })}</li> }
                }).collect_view()}
            </ol>
        </article>
    }
}

/// `/verify/:number`: one license (the QR code's address).
#[component]
pub fn VerifyPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let number = Memo::new(move |_| params.with(|p| p.get("number").unwrap_or_default()));
    let entry = LocalResource::new(move || api::registry_entry(number.get()));
    let is_reviewer = move || {
        session
            .user
            .with(|u| u.as_ref().is_some_and(|u| u.role == Role::Reviewer))
    };
    view! {
        <section class="verify" data-test="verify-page">
            <h1>{t("registry.title")}</h1>
            <Transition fallback=Loading>
                {move || entry.get().map(|r| match r {
                    Ok(e) => view! {
                        <Entry entry=e.clone() />
                        <Show when=is_reviewer>
                            <RegistryActions number=e.number.clone() on_change=Callback::new(move |()| entry.refetch()) />
                            <ObjectActions number=e.number.clone() objects=e.objects.clone() on_change=Callback::new(move |()| entry.refetch()) />
                        </Show>
                    }.into_any(),
                    Err(e) => view! { <Failure failure=e /> }.into_any(),
                })}
            </Transition>
            <p><A href="/registry">{t("registry.search")}</A></p>
        </section>
    }
}

#[component]
fn RegistryActions(number: String, on_change: Callback<()>) -> impl IntoView {
    let session = use_session();
    let reason = RwSignal::new(String::new());
    let number = StoredValue::new(number);
    let change = Action::new_local(move |change: &RegistryChange| {
        let change = change.clone();
        async move {
            api::registry_change(session, &number.get_value(), &change).await?;
            on_change.run(());
            Ok::<(), ApiFailure>(())
        }
    });
    let act = move |action: RegistryAction| {
        change.dispatch_local(RegistryChange {
            action,
            reason: reason.get_untracked(),
        });
    };
    view! {
        <section class="card" data-test="registry-actions">
            <h2>{t("registry.actions")}</h2>
            {write_failure(change)}
            <div class="field">
                <label for="registry-reason">{t("registry.reason")}</label>
                <textarea id="registry-reason" data-test="registry-reason" maxlength="2000"
                    prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            </div>
            <div class="actions">
                <button type="button" class="btn" data-test="license-suspend" on:click=move |_| act(RegistryAction::Suspend)>{t("registry.suspend")}</button>
                <button type="button" class="btn" data-test="license-resume" on:click=move |_| act(RegistryAction::Resume)>{t("registry.resume")}</button>
                <button type="button" class="btn" data-test="license-terminate" on:click=move |_| act(RegistryAction::Terminate)>{t("registry.terminate")}</button>
            </div>
        </section>
    }
}

/// `/registry`: search, and the check of a result document.
#[component]
pub fn RegistryPage() -> impl IntoView {
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let find = Action::new_local(|query: &String| api::registry_search(query.clone()));
    let results = find.value();
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        find.dispatch_local(q.get_untracked());
    };
    let pdf = RwSignal::new(None::<Vec<u8>>);
    let sig = RwSignal::new(None::<Vec<u8>>);
    let verify = Action::new_local(|req: &VerifyDocument| {
        let req = req.clone();
        async move { api::verify_document(&req).await }
    });
    let outcome = verify.value();
    let pick = move |target: RwSignal<Option<Vec<u8>>>| {
        move |ev: leptos::ev::Event| {
            use wasm_bindgen::JsCast;
            let Some(file) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            leptos::task::spawn_local(async move { target.set(read_file(&file).await) });
        }
    };
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(p), Some(s)) = (pdf.get_untracked(), sig.get_untracked()) else {
            outcome.set(Some(Ok(VerifyOutcome {
                authentic: false,
                problem: Some("missing".into()),
                outcome: None,
                number: None,
                request: None,
                signed_by: None,
                signed_at: None,
            })));
            return;
        };
        let req = VerifyDocument {
            pdf: crate::eds::base64(&p),
            signature: crate::eds::base64(&s),
        };
        verify.dispatch_local(req);
    };
    view! {
        <section class="registry" data-test="registry-page">
            <h1>{t("registry.title")}</h1>
            <form class="search" on:submit=search>
                <label for="registry-q" class="visually-hidden">{t("registry.query")}</label>
                <input id="registry-q" data-test="registry-q" placeholder=move || i18n.t("registry.query")
                    prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev)) />
                <button type="submit" class="btn btn--primary" data-test="registry-search">{t("registry.find")}</button>
            </form>
            {move || results.get().map(|r| match r {
                Ok(list) if list.is_empty() => view! { <p class="muted" data-test="registry-none">{t("registry.none")}</p> }.into_any(),
                Ok(list) => list.into_iter().map(|e| view! { <Entry entry=e /> }).collect_view().into_any(),
                Err(e) => view! { <Failure failure=e /> }.into_any(),
            })}
            <h2>{t("registry.check_title")}</h2>
            <form on:submit=check data-test="verify-form">
                <div class="field">
                    <label for="verify-pdf">{t("registry.pdf")}</label>
                    <input id="verify-pdf" type="file" accept=".pdf,application/pdf" data-test="verify-pdf" on:change=pick(pdf) />
                </div>
                <div class="field">
                    <label for="verify-sig">{t("registry.signature")}</label>
                    <input id="verify-sig" type="file" accept=".p7s,.cms,.sig" data-test="verify-signature" on:change=pick(sig) />
                </div>
                <button type="submit" class="btn btn--primary" data-test="verify-check">{t("registry.check")}</button>
            </form>
            {move || outcome.get().map(|r| match r {
                Ok(v) if v.authentic => view! {
                    <p class="alert alert--ok" role="status" data-test="verify-authentic">
                        {t("registry.authentic")} " " {v.number.clone()} " · " {v.signed_by.clone()} " · " {v.signed_at.as_deref().map(local_time)}
                    </p>
                }.into_any(),
                Ok(v) => {
                    let key = format!("registry.problem.{}", v.problem.unwrap_or_else(|| "unknown_document".into()));
                    view! { <p class="alert alert--error" role="alert" data-test="verify-not-authentic">{move || i18n.t(&key)}</p> }.into_any()
                }
                Err(e) => view! { <Failure failure=e /> }.into_any(),
            })}
        </section>
    }
}
