//! A way back in after a forgotten password (`/recover`): a one-time link to
//! the account's e-mail, or a new password with the ЭЦП
//! ([`super::recover_eds`]). The link from the letter opens this page with
//! its token in the fragment (`/recover#…`), which no request carries to a
//! server; the page takes it out of the address bar at once.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::FieldErrors;
use shared::account::{RecoverRequest, ResetPasswordRequest};

use super::form::{AccountForm, new_password_checks, new_password_field};
use super::recover_eds::RecoverWithEds;
use crate::api::{self, use_session};
use crate::components::field::{ErrorSummary, TextField};
use crate::i18n::{t, use_i18n};

const MAIL_FIELDS: [(&str, &str); 1] = [("id_number", "login.id_number")];
const RESET_FIELDS: [(&str, &str); 1] = [("new_password", "cabinet.new_password")];

/// The token the letter's link carried, taken out of the address bar.
fn take_token() -> Option<String> {
    let window = web_sys::window()?;
    let hash = window.location().hash().ok()?;
    let token = hash.trim_start_matches('#').trim().to_owned();
    if token.is_empty() {
        return None;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/recover"));
    }
    Some(token)
}

#[component]
pub fn RecoverPage() -> impl IntoView {
    let token = take_token();
    view! {
        <section class="narrow">
            <h1 data-test="recover-title">{t("recover.title")}</h1>
            {match token {
                Some(token) => view! { <ResetWithLink token=token /> }.into_any(),
                None => view! {
                    <p class="muted">{t("recover.lead")}</p>
                    <RecoverByMail />
                    <RecoverWithEds />
                }
                .into_any(),
            }}
            <p><A href="/login" attr:data-test="to-login">{t("recover.to_login")}</A></p>
        </section>
    }
}

/// The ИИН/БИН, then a link to the account's e-mail (the same answer
/// whether or not there is such an account).
#[component]
fn RecoverByMail() -> impl IntoView {
    let i18n = use_i18n();
    let id_number = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let form = AccountForm::new(&MAIL_FIELDS, move |fields, req: &RecoverRequest| {
        let req = req.clone();
        async move {
            match api::recover(&req).await {
                Ok(()) => {
                    sent.set(true);
                    None
                }
                Err(e) => {
                    fields.set(e.fields());
                    Some(e)
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let number = id_number.get_untracked().trim().to_owned();
        let mut local = FieldErrors::new();
        if let Err(code) = shared::TaxId::parse(&number) {
            local.insert("id_number".into(), vec![code]);
        }
        sent.set(false);
        form.send_checked(local, || RecoverRequest {
            id_number: number,
            lang: i18n.lang.get_untracked(),
        });
    };
    view! {
        <section class="card" aria-labelledby="recover-mail-title">
            <h2 id="recover-mail-title">{t("recover.mail_title")}</h2>
            <p class="muted">{t("recover.mail_lead")}</p>
            <ErrorSummary items=form.summary() />
            {form.failure()}
            <Show when=move || sent.get()>
                <p class="alert alert--ok" role="status" data-test="recover-sent">{t("recover.sent")}</p>
            </Show>
            <form on:submit=submit novalidate data-test="recover-mail-form">
                <TextField
                    id="id_number"
                    label="login.id_number"
                    hint="login.id_hint"
                    value=id_number
                    errors=form.errors_of("id_number")
                    autocomplete="username"
                    inputmode="numeric"
                />
                <button type="submit" class="btn btn--primary" data-test="recover-mail-submit" disabled=move || form.busy().get()>
                    {t("recover.mail_submit")}
                </button>
            </form>
        </section>
    }
}

/// The new password through the letter's link; signs in.
#[component]
fn ResetWithLink(token: String) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let password = RwSignal::new(String::new());
    let reveal = RwSignal::new(false);
    let form = AccountForm::new(&RESET_FIELDS, move |fields, req: &ResetPasswordRequest| {
        let (req, navigate) = (req.clone(), navigate.clone());
        async move {
            match api::reset_password(session, &req).await {
                Ok(()) => {
                    navigate("/cabinet?recovered=1", Default::default());
                    None
                }
                Err(e) => {
                    fields.set(e.fields());
                    Some(e)
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.send_checked(new_password_checks(password), || ResetPasswordRequest {
            token: token.clone(),
            new_password: password.get_untracked(),
        });
    };
    view! {
        <p class="muted">{t("recover.link_lead")}</p>
        <ErrorSummary items=form.summary() />
        {form.failure()}
        <form on:submit=submit novalidate data-test="recover-reset-form">
            {new_password_field(password, form.errors_of("new_password"), reveal)}
            <button type="submit" class="btn btn--primary btn--large" data-test="recover-reset-submit" disabled=move || form.busy().get()>
                {t("recover.reset_submit")}
            </button>
        </form>
    }
}
