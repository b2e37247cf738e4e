//! A new password with the ЭЦП: a fresh login challenge signed with the
//! authentication key of the account's ИИН/БИН, sent with the new password;
//! every other session of the account ends.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::account::EdsRecoverRequest;

use super::form::{AccountForm, new_password_checks, new_password_field};
use crate::api::{self, use_session};
use crate::components::field::ErrorSummary;
use crate::components::keystore::{Keystore, KeystoreFields};
use crate::i18n::t;

const FIELDS: [(&str, &str); 1] = [("new_password", "cabinet.new_password")];

#[component]
pub(super) fn RecoverWithEds() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let keystore = Keystore::new();
    let password = RwSignal::new(String::new());
    let reveal = RwSignal::new(false);
    let form = AccountForm::new(&FIELDS, move |fields, new_password: &String| {
        let (new_password, navigate) = (new_password.clone(), navigate.clone());
        async move {
            let outcome = async {
                let Some((challenge_id, cms)) = keystore.sign_login_challenge().await? else {
                    return Ok(false);
                };
                let req = EdsRecoverRequest {
                    challenge_id,
                    cms,
                    new_password,
                };
                api::recover_with_eds(session, &req).await.map(|()| true)
            };
            match outcome.await {
                Ok(true) => {
                    navigate("/cabinet?recovered=1", Default::default());
                    None
                }
                Ok(false) => None,
                Err(e) => {
                    fields.set(e.fields());
                    keystore.unless_refused(e)
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form.send_checked(new_password_checks(password), || password.get_untracked());
    };
    view! {
        <section class="card eds-login" aria-labelledby="recover-eds-title">
            <h2 id="recover-eds-title">{t("recover.eds_title")}</h2>
            <p class="muted">{t("recover.eds_lead")}</p>
            <ErrorSummary items=form.summary() />
            {form.failure()}
            <form on:submit=submit novalidate data-test="recover-eds-form">
                <KeystoreFields keystore=keystore />
                {new_password_field(password, form.errors_of("new_password"), reveal)}
                <button type="submit" class="btn btn--primary" data-test="recover-eds-submit" disabled=move || form.busy().get()>
                    {t("recover.eds_submit")}
                </button>
            </form>
        </section>
    }
}
