//! Registration with ИИН (individual) or БИН (legal entity). The shared
//! rules run on blur and on submit; the server's field errors are shown the
//! same way. Nothing typed is lost on an error.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::FieldErrors;
use shared::account::{AccountKind, RegisterRequest};

use super::form::AccountForm;
use super::register_kind::KindChoice;
use crate::api::{self, use_session};
use crate::components::field::{ErrorSummary, TextField, focus_error_summary};
use crate::i18n::{t, use_i18n};

const FIELDS: [(&str, &str); 5] = [
    ("id_number", "register.id_number"),
    ("name", "register.name"),
    ("phone", "register.phone"),
    ("email", "register.email"),
    ("password", "register.password"),
];

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let kind = RwSignal::new(AccountKind::Individual);
    let id_number = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let reveal = RwSignal::new(false);
    let form = AccountForm::new(&FIELDS, move |fields, req: &RegisterRequest| {
        let (req, navigate) = (req.clone(), navigate.clone());
        async move {
            match api::register(session, &req).await {
                Ok(()) => {
                    navigate("/cabinet", Default::default());
                    None
                }
                Err(e) => {
                    fields.set(e.fields());
                    Some(e)
                }
            }
        }
    });
    let fields = form.fields;

    let request = move || RegisterRequest {
        kind: kind.get_untracked().code().to_owned(),
        id_number: id_number.get_untracked(),
        name: name.get_untracked(),
        phone: phone.get_untracked(),
        email: email.get_untracked(),
        password: password.get_untracked(),
    };
    // On blur: re-check one field, only if something was typed or it already showed an error.
    let check_one = move |field: &'static str| {
        let errors = request().validate().err().unwrap_or_default();
        fields.update(|f| match errors.get(field) {
            Some(codes) => {
                let typed = match field {
                    "id_number" => !id_number.get_untracked().is_empty(),
                    "name" => !name.get_untracked().is_empty(),
                    "phone" => !phone.get_untracked().is_empty(),
                    "email" => !email.get_untracked().is_empty(),
                    _ => !password.get_untracked().is_empty(),
                };
                if typed || f.contains_key(field) {
                    f.insert(field.to_owned(), codes.clone());
                }
            }
            None => {
                f.remove(field);
            }
        });
    };
    // As the user corrects a field, its error (and its summary line) goes
    // while typing — never at the moment they press the button, which would
    // move the button from under the pointer.
    Effect::new(move |_| {
        let _ = (
            kind.get(),
            id_number.get(),
            name.get(),
            phone.get(),
            email.get(),
            password.get(),
        );
        let errors = request().validate().err().unwrap_or_default();
        let stale = fields.with_untracked(|f| f.keys().any(|k| !errors.contains_key(k)));
        if stale {
            fields.update(|f| f.retain(|k, _| errors.contains_key(k)));
        }
    });
    let id_label = Signal::derive(move || match kind.get() {
        AccountKind::Individual => i18n.t("register.iin"),
        AccountKind::LegalEntity => i18n.t("register.bin"),
    });
    let name_label = Signal::derive(move || match kind.get() {
        AccountKind::Individual => i18n.t("register.name"),
        AccountKind::LegalEntity => i18n.t("register.org_name"),
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if form.busy().get_untracked() {
            return;
        }
        let req = request();
        form.clear_failure();
        if let Err(errors) = req.validate() {
            fields.set(errors);
            focus_error_summary();
            return;
        }
        fields.set(FieldErrors::new());
        form.send(req);
    };

    view! {
        <section class="narrow">
            <h1 data-test="register-title">{t("register.title")}</h1>
            <ErrorSummary items=form.summary() />
            {form.failure()}
            <form on:submit=submit novalidate data-test="register-form">
                <KindChoice kind=kind on_change=Callback::new(move |()| fields.update(|f| {
                    f.remove("id_number");
                })) />
                <TextField id="id_number" label="register.id_number" label_override=id_label hint="register.id_hint"
                    value=id_number errors=form.errors_of("id_number") inputmode="numeric"
                    on_blur=move || check_one("id_number") />
                <TextField id="name" label="register.name" label_override=name_label value=name
                    errors=form.errors_of("name") autocomplete="name" on_blur=move || check_one("name") />
                <TextField id="phone" label="register.phone" hint="register.phone_hint" value=phone
                    errors=form.errors_of("phone") input_type="tel" autocomplete="tel" on_blur=move || check_one("phone") />
                <TextField id="email" label="register.email" value=email errors=form.errors_of("email")
                    input_type="email" autocomplete="email" on_blur=move || check_one("email") />
                <TextField id="password" label="register.password" hint="register.password_hint" value=password
                    errors=form.errors_of("password") input_type="password" autocomplete="new-password" reveal=reveal
                    on_blur=move || check_one("password") />
                <button type="submit" class="btn btn--primary btn--large" data-test="register-submit" disabled=move || form.busy().get()>
                    {t("register.submit")}
                </button>
            </form>
            <p>
                <A href="/register/eds" attr:data-test="to-register-eds">{t("register.with_eds")}</A>
            </p>
            <p>
                {t("register.have_account")} " "
                <A href="/login" attr:data-test="to-login">{t("nav.login")}</A>
            </p>
        </section>
    }
}
