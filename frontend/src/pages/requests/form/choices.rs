//! The request form's two choices besides the answers: the license a
//! reissue or duplicate is for, and the provider (a clinic shows its free
//! places).

use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use shared::catalog::ProviderDto;
use shared::request::{ClinicsDto, LicenseDto};

use super::fields::FieldErrors;
use super::problems::Problems;
use super::values::Form;

/// The user's own active license of the service the request is for; saved
/// (`save`) when chosen.
#[component]
pub fn LicenseChoice(
    form: Form,
    problems: Problems,
    licenses: Vec<LicenseDto>,
    editable: bool,
    save: Callback<()>,
) -> impl IntoView {
    let errors = problems.errors_of("license".into());
    let has_licenses = !licenses.is_empty();
    let licenses = StoredValue::new(licenses);
    view! {
        <div class="field" class:field--invalid=move || !errors.get().is_empty()>
            <label for="license">{t("request.license")}</label>
            <Show when=move || has_licenses fallback=|| view! { <p class="muted" data-test="no-licenses">{t("request.no_licenses")}</p> }>
                <select id="license" data-test="license-input" disabled=!editable
                    on:change=move |ev| { form.license.set(event_target_value(&ev)); save.run(()); }
                    prop:value=move || form.license.get()>
                    <option value="">{t("request.choose")}</option>
                    {move || licenses.with_value(|ls| ls.iter().map(|l| {
                        let number = l.number.clone();
                        let text = format!("№ {} · {}", l.number, l.issued_on);
                        view! { <option value=number.clone() selected=move || form.license.get() == number>{text}</option> }
                    }).collect_view())}
                </select>
            </Show>
            <FieldErrors key="license".into() errors=errors />
        </div>
    }
}

/// The provider, fixed when the request was entered at its own office;
/// saved (`save`) when chosen.
#[component]
pub fn ProviderChoice(
    form: Form,
    problems: Problems,
    providers: StoredValue<Vec<ProviderDto>>,
    clinics: StoredValue<Option<ClinicsDto>>,
    editable: bool,
    fixed: bool,
    save: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let errors = problems.errors_of("provider".into());
    let provider_label = move |p: &ProviderDto| {
        let base = format!("{} — {}", p.name.get(lang()), p.district.get(lang()));
        match clinics.with_value(|c| {
            c.as_ref()
                .and_then(|c| c.clinics.iter().find(|x| x.provider == p.code).cloned())
        }) {
            Some(c) => format!(
                "{base}, {} · {}",
                p.address.get(lang()),
                i18n.tf(
                    "request.places",
                    &[
                        ("free", c.free().to_string()),
                        ("capacity", c.capacity.to_string())
                    ]
                )
            ),
            None => base,
        }
    };
    view! {
        <div class="field" class:field--invalid=move || !errors.get().is_empty()>
            <label for="provider">{t("request.provider")}</label>
            <select id="provider" data-test="provider-input" disabled=!editable || fixed
                on:change=move |ev| { form.provider.set(event_target_value(&ev)); save.run(()); }
                prop:value=move || form.provider.get()>
                <option value="">{t("request.choose")}</option>
                {move || providers.with_value(|ps| ps.iter().map(|p| {
                    let code = p.code.clone();
                    let name = provider_label(p);
                    view! { <option value=code.clone() selected=move || form.provider.get() == code>{name}</option> }
                }).collect_view())}
            </select>
            <FieldErrors key="provider".into() errors=errors />
        </div>
    }
}
