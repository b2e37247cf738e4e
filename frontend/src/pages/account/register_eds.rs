//! Registration with the ЭЦП (SPEC §3 step 1): the user signs a fresh
//! challenge with the authentication key, sees whose certificate it is, and
//! then gives a phone, an e-mail and a password. The account is made from
//! the certificate's ИИН/БИН and name. A refused signature says why and
//! keeps the contacts; refused contacts keep the signature.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::eds::{ChallengePurpose, EdsRegisterRequest, KeyPurpose, Signer};
use shared::{ErrorCode, FieldErrors};

use super::eds_signer::SignerCard;
use super::form::AccountForm;
use crate::api::{self, use_session};
use crate::components::field::{ErrorSummary, TextField};
use crate::components::keystore::{Keystore, KeystoreFields};
use crate::components::status::Failure;
use crate::eds::base64;
use crate::i18n::t;

/// A signed challenge waiting for the contacts.
#[derive(Debug, Clone)]
struct SignedChallenge {
    challenge_id: String,
    cms: String,
    signer: Signer,
}

const FIELDS: [(&str, &str); 3] = [
    ("phone", "register.phone"),
    ("email", "register.email"),
    ("password", "register.password"),
];

#[component]
pub fn RegisterEdsPage() -> impl IntoView {
    let session = use_session();
    let navigate = StoredValue::new_local(use_navigate());
    let keystore = Keystore::new();
    let signed = RwSignal::new(None::<SignedChallenge>);
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let reveal = RwSignal::new(false);
    let form = AccountForm::new(&FIELDS, move |fields, req: &EdsRegisterRequest| {
        let req = req.clone();
        async move {
            match api::eds_register(session, &req).await {
                Ok(()) => {
                    navigate.with_value(|go| go("/cabinet", Default::default()));
                    None
                }
                Err(e) => {
                    fields.set(e.fields());
                    match e.code() {
                        // The signature is spent or refused: sign again, the
                        // contacts stay.
                        Some(ErrorCode::SignatureRejected { reason }) => {
                            signed.set(None);
                            keystore.refused(reason);
                            None
                        }
                        Some(ErrorCode::Validation) => None,
                        _ => Some(e),
                    }
                }
            }
        }
    });
    let fields = form.fields;
    // Signing the challenge: its failure shows where the form's would.
    let signing = Action::new_local(move |_: &()| async move {
        match api::eds_challenge(ChallengePurpose::Register).await {
            Ok(challenge) => {
                let bytes = challenge.document.to_signed_bytes();
                if let Some(s) = keystore.sign(KeyPurpose::Authentication, &bytes).await {
                    signed.set(Some(SignedChallenge {
                        challenge_id: challenge.id,
                        cms: base64(&s.cms),
                        signer: s.signer,
                    }));
                }
                None
            }
            Err(e) => Some(e),
        }
    });
    let busy = Signal::derive(move || signing.pending().get() || form.busy().get());

    let sign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        signing.clear();
        signing.dispatch_local(());
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = signed.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        let req = EdsRegisterRequest {
            challenge_id: s.challenge_id,
            cms: s.cms,
            phone: phone.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        if let Err(errors) = req.validate() {
            fields.set(errors);
            return;
        }
        fields.set(FieldErrors::new());
        form.send(req);
    };

    view! {
        <section class="narrow">
            <h1 data-test="register-eds-title">{t("register_eds.title")}</h1>
            <p class="muted">{t("register_eds.lead")}</p>
            <ErrorSummary items=form.summary() />
            {form.failure()}
            {move || signing.value().get().flatten().map(|e| view! { <Failure failure=e /> })}
            <Show
                when=move || signed.get().is_some()
                fallback=move || view! {
                    <form on:submit=sign novalidate data-test="register-eds-sign-form">
                        <KeystoreFields keystore=keystore />
                        <button type="submit" class="btn btn--primary btn--large" data-test="register-eds-sign" disabled=move || busy.get()>
                            {t("register_eds.sign")}
                        </button>
                    </form>
                }
            >
                {move || signed.get().map(|s| view! { <SignerCard signer=s.signer /> })}
                <form on:submit=submit novalidate data-test="register-eds-form">
                    <TextField id="phone" label="register.phone" hint="register.phone_hint" value=phone
                        errors=form.errors_of("phone") input_type="tel" autocomplete="tel" />
                    <TextField id="email" label="register.email" value=email errors=form.errors_of("email")
                        input_type="email" autocomplete="email" />
                    <TextField id="password" label="register.password" hint="register.password_hint" value=password
                        errors=form.errors_of("password") input_type="password" autocomplete="new-password" reveal=reveal />
                    <button type="submit" class="btn btn--primary btn--large" data-test="register-eds-submit" disabled=move || busy.get()>
                        {t("register.submit")}
                    </button>
                </form>
            </Show>
            <p>
                {t("register.have_account")} " "
                <A href="/login" attr:data-test="to-login">{t("nav.login")}</A>
            </p>
        </section>
    }
}
