//! The signed-in user's page: their account and a password change.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::FieldErrors;
use shared::account::{AccountKind, ChangePasswordRequest};
use shared::password::{Owner, Password};

use super::form::new_password_field;
use crate::api::{self, use_session};
use crate::components::field::TextField;
use crate::components::header::role_key;
use crate::components::status::{Loading, write_failure};
use crate::i18n::{t, use_i18n};

#[component]
pub fn CabinetPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    // Not signed in (once that is known): to the login page, and back here after.
    Effect::new(move |_| {
        if session.ready.get() && session.user.get().is_none() {
            navigate("/login?next=/cabinet", Default::default());
        }
    });
    view! {
        <Show when=move || session.user.get().is_some() fallback=Loading>
            <Account />
            <ChangePassword />
        </Show>
    }
}

#[component]
fn Account() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Fresh from the server: an administrator may have changed the account.
    let fresh = LocalResource::new(move || api::me(session));
    Effect::new(move |_| {
        if let Some(Ok(u)) = fresh.get() {
            session.user.set(Some(u));
        }
    });
    let query = use_query_map();
    let user = move || session.user.get();
    let field = move |f: fn(&shared::account::UserDto) -> String| {
        move || user().map(|u| f(&u)).unwrap_or_default()
    };
    view! {
        <section data-test="cabinet">
            <h1>{t("cabinet.title")}</h1>
            <Show when=move || query.with(|q| q.get("recovered").is_some())>
                <p class="alert alert--ok" role="status" data-test="password-recovered">{t("recover.done")}</p>
            </Show>
            <Show when=move || user().is_some_and(|u| u.role == shared::account::Role::Applicant)>
                <p><A href="/requests" attr:data-test="to-history">{t("cabinet.history")}</A></p>
            </Show>
            <dl class="facts">
                <dt>{t("cabinet.name")}</dt>
                <dd data-test="cabinet-name">{field(|u| u.name.clone())}</dd>
                <dt>{move || match user().map(|u| u.kind) {
                    Some(AccountKind::LegalEntity) => i18n.t("register.bin"),
                    _ => i18n.t("register.iin"),
                }}</dt>
                <dd data-test="cabinet-id">{field(|u| u.id_number.clone())}</dd>
                <dt>{t("cabinet.role")}</dt>
                <dd data-test="cabinet-role">{move || user().map(|u| i18n.t(role_key(u.role))).unwrap_or_default()}</dd>
                <dt>{t("register.phone")}</dt>
                <dd>{field(|u| u.phone.clone())}</dd>
                <dt>{t("register.email")}</dt>
                <dd>{field(|u| u.email.clone())}</dd>
            </dl>
            <A href="/" attr:class="btn btn--primary" attr:data-test="to-catalog">{t("cabinet.to_catalog")}</A>
        </section>
    }
}

#[component]
fn ChangePassword() -> impl IntoView {
    let session = use_session();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let reveal = RwSignal::new(false);
    let fields = RwSignal::new(FieldErrors::new());
    let change = Action::new_local(move |req: &ChangePasswordRequest| {
        let req = req.clone();
        async move {
            let done = api::change_password(session, &req).await;
            match &done {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                }
                Err(e) => fields.set(e.fields()),
            }
            done
        }
    });
    // Changed: the last change went through.
    let done = move || matches!(change.value().get(), Some(Ok(())));
    let errors_of = move |n: &'static str| {
        Signal::derive(move || fields.with(|f| f.get(n).cloned().unwrap_or_default()))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        change.clear();
        let mut local = FieldErrors::new();
        if current.get_untracked().is_empty() {
            local.insert("current_password".into(), vec![shared::FieldCode::Required]);
        }
        let user = session.user.get_untracked();
        let owner = user.as_ref().map(|u| Owner {
            tax_id: &u.id_number,
            phone: &u.phone,
            name: &u.name,
        });
        if let Err(code) = Password::parse_for(&new.get_untracked(), &owner.unwrap_or_default()) {
            local.insert("new_password".into(), vec![code]);
        }
        fields.set(local.clone());
        if !local.is_empty() {
            return;
        }
        let req = ChangePasswordRequest {
            current_password: current.get_untracked(),
            new_password: new.get_untracked(),
        };
        change.dispatch_local(req);
    };
    view! {
        <section class="narrow">
            <h2>{t("cabinet.password_title")}</h2>
            {write_failure(change)}
            <Show when=done>
                <p class="alert alert--ok" role="status" data-test="password-changed">{t("cabinet.password_changed")}</p>
            </Show>
            <form on:submit=submit novalidate data-test="password-form">
                <TextField id="current_password" label="cabinet.current_password" value=current
                    errors=errors_of("current_password") input_type="password" autocomplete="current-password" />
                {new_password_field(new, errors_of("new_password"), reveal)}
                <button type="submit" class="btn btn--primary" data-test="password-submit">{t("cabinet.password_submit")}</button>
            </form>
        </section>
    }
}
