//! Who the request is for, as the account (or the desk) knows them, and
//! the clinic a PHC attachment request moves them from.

use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use shared::catalog::ProviderDto;
use shared::request::{ApplicantDto, CurrentClinic};

/// The applicant (filled from the account, or at a desk from the registry)
/// and their current clinic, if any (its name among `providers`).
#[component]
pub fn Applicant(
    applicant: ApplicantDto,
    at_desk: bool,
    current_clinic: Option<CurrentClinic>,
    providers: StoredValue<Vec<ProviderDto>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let provider_name = move |code: &str| {
        providers
            .with_value(|ps| {
                ps.iter()
                    .find(|p| p.code == code)
                    .map(|p| p.name.get(lang()).to_owned())
            })
            .unwrap_or_else(|| code.to_owned())
    };
    view! {
        <section class="applicant" data-test="applicant">
            <h2>{t("request.applicant")}</h2>
            <dl class="facts">
                <dt>{t("request.tax_id")}</dt>
                <dd data-test="applicant-tax-id">{applicant.tax_id.clone()}</dd>
                <dt>{t("request.name")}</dt>
                <dd>{applicant.name}</dd>
            </dl>
            <p class="muted small">{if at_desk { t("desk.applicant_hint") } else { t("request.applicant_hint") }}</p>
        </section>
        {current_clinic.map(|c| {
            let since = c.since.get(..10).unwrap_or_default().to_owned();
            let name = provider_name(&c.provider);
            view! {
                <p class="alert alert--info" data-test="current-clinic">
                    {move || i18n.tf("request.current_clinic", &[("clinic", name.clone()), ("since", since.clone())])}
                </p>
            }
        })}
    }
}
