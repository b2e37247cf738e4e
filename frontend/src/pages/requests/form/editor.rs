//! The request form: its values, saved as the user goes, the problems the
//! server finds, the license, provider and paper originals.

use crate::api::{self, use_session};
use crate::components::documents::Documents;
use crate::components::status::Failure;
use crate::format::status_key;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;

use crate::components::answer::request_type_name;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::catalog::DocumentSpec;
use shared::catalog::{DocumentSource, FieldSpec, RequestType, ServiceDetail};
use shared::forms;
use shared::request::{ClinicsDto, LicenseDto, LicenseStatus, RequestDto};

use super::applicant::Applicant;
use super::choices::{LicenseChoice, ProviderChoice};
use super::fields::AnswerField;
use super::paper::PaperOriginals;
use super::problems::{ProblemSummary, Problems};
use super::save::{Outcome, Saving};
use super::values::{Form, LICENSE_FIELDS};

/// The PHC attachment service.
pub const PHC: &str = "phc-attachment";

/// What the request form needs besides the request and its service.
#[derive(Clone, Default)]
pub struct Extras {
    pub(super) licenses: Vec<LicenseDto>,
    pub(super) clinics: Option<ClinicsDto>,
}

#[component]
pub fn RequestForm(request: RequestDto, service: ServiceDetail, extras: Extras) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let lang = move || i18n.lang.get();
    let id = request.id;
    let kind = request.request_type;
    let type_label = service.type_label(kind).cloned();
    let editable = request.status.is_editable();
    let picks_license = matches!(kind, RequestType::Reissuance | RequestType::Duplicate);
    let fields: Vec<FieldSpec> = forms::fields_for(&service.fields, kind)
        .into_iter()
        .filter(|f| !(picks_license && LICENSE_FIELDS.contains(&f.key.as_str())))
        .cloned()
        .collect();
    let documents: Vec<DocumentSpec> = service
        .documents
        .iter()
        .filter(|d| d.source == DocumentSource::Upload && d.applies_to(kind))
        .cloned()
        .collect();
    let own_licenses: Vec<LicenseDto> = extras
        .licenses
        .into_iter()
        .filter(|l| l.service == service.code && l.status == LicenseStatus::Active)
        .collect();
    let clinics = StoredValue::new(extras.clinics);
    let files = RwSignal::new(request.files.clone());
    let form = Form::new(&fields, &request);
    // Until the user asks to check the form, only answers given are judged.
    let judged = Problems {
        all: RwSignal::new(request.problems.clone()),
        show_missing: RwSignal::new(false),
    };
    // Entered at the provider's own office: it is that provider's request.
    let provider_fixed = request
        .desk
        .as_ref()
        .is_some_and(|d| d.channel == shared::catalog::Channel::Provider);
    // Entered at a desk, and filled there: the paper originals are ticked too.
    let at_desk = request.desk.is_some()
        && session.user.with_untracked(|u| {
            u.as_ref()
                .is_some_and(|u| crate::components::header::is_desk_user(u.role))
        });
    let paper = RwSignal::new(
        request
            .desk
            .as_ref()
            .map(|d| d.paper.clone())
            .unwrap_or_default(),
    );
    let paper_docs: StoredValue<Vec<(String, shared::Text)>> = StoredValue::new(
        documents
            .iter()
            .map(|d| (d.code.clone(), d.name.clone()))
            .collect(),
    );
    let providers = StoredValue::new(service.providers.clone());
    let labels = StoredValue::new(labels(&fields, &documents));
    let outcome = Outcome {
        problems: judged.all,
        failure: RwSignal::new(None),
        saved_at: RwSignal::new(None),
    };
    let (failure, saved_at) = (outcome.failure, outcome.saved_at);
    let to_check = Callback::new(move |()| {
        navigate(&format!("/requests/{id}/check"), Default::default());
    });
    let saving = Saving::new(session, id, form, outcome, editable, to_check);
    let refresh_problems = Callback::new(move |()| {
        leptos::task::spawn_local(async move {
            if let Ok(dto) = api::request(session, id).await {
                judged.all.set(dto.problems);
            }
        });
    });
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        judged.show_missing.set(true);
        saving.check();
    };
    let save_now = Callback::new(move |()| saving.save());
    let current_clinic = clinics.with_value(|c| c.as_ref().and_then(|c| c.current.clone()));
    view! {
        <article class="request" data-test="request" data-id=id.to_string()>
            <nav class="breadcrumbs">
                {if at_desk {
                    view! { <A href="/desk">{t("desk.title")}</A> }.into_any()
                } else {
                    view! { <A href="/requests">{t("history.title")}</A> }.into_any()
                }}
            </nav>
            <h1 data-test="request-title">{move || service.name.get(lang()).to_owned()}</h1>
            <p class="muted">
                {move || request_type_name(i18n, kind, type_label.as_ref())} " · "
                <span data-test="request-status">{move || i18n.t(status_key(request.status))}</span>
            </p>
            {move || failure.get().map(|e| view! { <Failure failure=e /> })}
            <ProblemSummary problems=judged labels=labels paper_docs=paper_docs at_desk=at_desk />
            <Applicant applicant=request.applicant at_desk=at_desk current_clinic=current_clinic providers=providers />
            <form on:submit=check novalidate data-test="request-form">
                <Show when=move || picks_license>
                    <LicenseChoice form=form problems=judged licenses=own_licenses.clone() editable=editable save=save_now />
                </Show>
                <Show when=move || providers.with_value(|p| p.len() > 1)>
                    <ProviderChoice form=form problems=judged providers=providers clinics=clinics editable=editable
                        fixed=provider_fixed save=save_now />
                </Show>
                {fields.into_iter().map(|f| {
                    let (value, errors) = (form.value_of(&f.key), judged.errors_of(f.key.clone()));
                    view! { <AnswerField spec=f value=value errors=errors editable=editable on_leave=save_now /> }
                }).collect_view()}
                <Documents request=id documents=documents files=files editable=editable missing=judged.missing_docs()
                    on_change=refresh_problems />
                <Show when=move || at_desk>
                    <PaperOriginals id=id docs=paper_docs paper=paper problems=judged failure=failure editable=editable />
                </Show>
                <div class="actions">
                    <button type="button" class="btn" data-test="request-save" disabled=move || !editable || saving.busy().get()
                        on:click=move |_| saving.save_and_stay()>
                        {t("request.save")}
                    </button>
                    <button type="submit" class="btn btn--primary" data-test="request-check" disabled=move || !editable>
                        {t("request.check")}
                    </button>
                    <A href=if at_desk { "/desk" } else { "/requests" } attr:class="btn btn--ghost">{t("request.later")}</A>
                </div>
                <p class="muted small" role="status" data-test="request-saved">
                    {move || saved_at.get().map(|_| i18n.t("request.saved"))}
                </p>
            </form>
        </article>
    }
}

/// The name of each answer and document, by its problem key.
fn labels(fields: &[FieldSpec], documents: &[DocumentSpec]) -> Vec<(String, shared::Text)> {
    fields
        .iter()
        .map(|f| (f.key.clone(), f.label.clone()))
        .chain(
            documents
                .iter()
                .map(|d| (format!("doc.{}", d.code), d.name.clone())),
        )
        .collect()
}
