//! Login with ИИН/БИН and password. One message for an unknown number and a
//! wrong password; a throttled account is told how long to wait.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::account::LoginRequest;
use shared::{FieldCode, FieldErrors};

use shared::eds::EdsLoginRequest;

use super::form::AccountForm;
use crate::api::{self, use_session};
use crate::components::field::{ErrorSummary, TextField};
use crate::components::keystore::{Keystore, KeystoreFields};
use crate::i18n::t;
use crate::pages::safe_next;

const FIELDS: [(&str, &str); 2] = [
    ("id_number", "login.id_number"),
    ("password", "login.password"),
];

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let id_number = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let reveal = RwSignal::new(false);
    let form = AccountForm::new(
        &FIELDS,
        move |fields, (req, next): &(LoginRequest, String)| {
            let (req, next, navigate) = (req.clone(), next.clone(), navigate.clone());
            async move {
                match api::login(session, &req).await {
                    Ok(()) => {
                        navigate(&next, Default::default());
                        None
                    }
                    Err(e) => {
                        fields.set(e.fields());
                        // The password is the one thing cleared after a refusal.
                        password.set(String::new());
                        Some(e)
                    }
                }
            }
        },
    );

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = LoginRequest {
            id_number: id_number.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let mut local = FieldErrors::new();
        if let Err(code) = shared::TaxId::parse(&req.id_number) {
            // Checked as registration checks it (empty: `Required`).
            local.insert("id_number".into(), vec![code]);
        }
        if req.password.is_empty() {
            local.insert("password".into(), vec![FieldCode::Required]);
        }
        form.send_checked(local, || {
            (req, safe_next(query.get_untracked().get("next")))
        });
    };

    view! {
        <section class="narrow">
            <h1 data-test="login-title">{t("login.title")}</h1>
            <ErrorSummary items=form.summary() />
            {form.failure()}
            <form on:submit=submit novalidate data-test="login-form">
                <TextField
                    id="id_number"
                    label="login.id_number"
                    hint="login.id_hint"
                    value=id_number
                    errors=form.errors_of("id_number")
                    autocomplete="username"
                    inputmode="numeric"
                />
                <TextField
                    id="password"
                    label="login.password"
                    value=password
                    errors=form.errors_of("password")
                    input_type="password"
                    autocomplete="current-password"
                    reveal=reveal
                />
                <button type="submit" class="btn btn--primary btn--large" data-test="login-submit" disabled=move || form.busy().get()>
                    {t("login.submit")}
                </button>
            </form>
            <p><A href="/recover" attr:data-test="to-recover">{t("login.forgot")}</A></p>
            <p>
                {t("login.no_account")} " "
                <A href="/register" attr:data-test="to-register">{t("nav.register")}</A>
            </p>
            <EdsLogin />
        </section>
    }
}

/// Login with the ЭЦП: a fresh challenge signed with the authentication key.
#[component]
fn EdsLogin() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let query = use_query_map();
    let keystore = Keystore::new();
    let form = AccountForm::new(&[], move |_, next: &String| {
        let (next, navigate) = (next.clone(), navigate.clone());
        async move {
            let outcome = async {
                let Some((challenge_id, cms)) = keystore.sign_login_challenge().await? else {
                    return Ok(false);
                };
                let req = EdsLoginRequest { challenge_id, cms };
                api::eds_login(session, &req).await.map(|()| true)
            };
            match outcome.await {
                Ok(true) => {
                    navigate(&next, Default::default());
                    None
                }
                Ok(false) => None,
                Err(e) => keystore.unless_refused(e),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.busy().get_untracked() {
            return;
        }
        form.send(safe_next(query.get_untracked().get("next")));
    };
    view! {
        <section class="card eds-login" aria-labelledby="eds-login-title">
            <h2 id="eds-login-title">{t("login.eds_title")}</h2>
            <p class="muted">{t("login.eds_lead")}</p>
            {form.failure()}
            <form on:submit=submit novalidate data-test="eds-login-form">
                <KeystoreFields keystore=keystore />
                <button type="submit" class="btn btn--primary" data-test="eds-login-submit" disabled=move || form.busy().get()>
                    {t("login.eds_submit")}
                </button>
            </form>
        </section>
    }
}
