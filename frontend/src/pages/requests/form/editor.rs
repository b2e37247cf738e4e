//! The request form: its values, saved as the user goes, the problems the
//! server finds, the license, provider and paper originals.

use crate::api::{self, ApiFailure, use_session};
use crate::components::documents::Documents;
use crate::components::status::Failure;
use crate::format::status_key;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::catalog::{DocumentSource, FieldSpec, RequestType, ServiceDetail};
use shared::forms;
use shared::request::{ClinicsDto, LicenseDto, LicenseStatus, RequestDto, SaveDraft};

use super::applicant::Applicant;
use super::choices::{LicenseChoice, ProviderChoice};
use super::fields::AnswerField;
use super::paper::PaperOriginals;
use super::problems::{ProblemSummary, Problems};
use super::values::Form;

/// The form answers a chosen license fills (shown, not typed).
pub const LICENSE_FIELDS: [&str; 2] = ["original_license_number", "original_license_date"];
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
    let editable = request.status.is_editable();
    let picks_license = matches!(kind, RequestType::Reissuance | RequestType::Duplicate);
    let fields: Vec<FieldSpec> = forms::fields_for(&service.fields, kind)
        .into_iter()
        .filter(|f| !(picks_license && LICENSE_FIELDS.contains(&f.key.as_str())))
        .cloned()
        .collect();
    let documents: Vec<shared::catalog::DocumentSpec> = service
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
    let form = Form {
        values: StoredValue::new(
            fields
                .iter()
                .map(|f| {
                    let v = request.answers.get(&f.key).cloned().unwrap_or_default();
                    (f.key.clone(), RwSignal::new(v))
                })
                .collect(),
        ),
        provider: RwSignal::new(request.provider.clone().unwrap_or_default()),
        license: RwSignal::new(request.license.clone().unwrap_or_default()),
    };
    let problems = RwSignal::new(request.problems.clone());
    // Until the user asks to check the form, only answers given are judged.
    let show_missing = RwSignal::new(false);
    let judged = Problems {
        all: problems,
        show_missing,
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
    let failure = RwSignal::new(None::<ApiFailure>);
    let saved_at = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let providers = StoredValue::new(service.providers.clone());
    let labels: StoredValue<Vec<(String, shared::Text)>> = StoredValue::new(
        fields
            .iter()
            .map(|f| (f.key.clone(), f.label.clone()))
            .chain(
                documents
                    .iter()
                    .map(|d| (format!("doc.{}", d.code), d.name.clone())),
            )
            .collect(),
    );

    // A change made while a save is on its way is saved right after it:
    // no answer is dropped however fast the user moves between fields.
    let pending = RwSignal::new(false);
    // «Проверить ответы» goes on to the check page once the save finds
    // nothing missing.
    let go_check = RwSignal::new(false);
    let navigate_check = Callback::new({
        let navigate = navigate.clone();
        move |()| navigate(&format!("/requests/{id}/check"), Default::default())
    });
    let refresh_problems = Callback::new(move |()| {
        leptos::task::spawn_local(async move {
            if let Ok(dto) = api::request(session, id).await {
                problems.set(dto.problems);
            }
        });
    });
    let missing_docs = Signal::derive(move || {
        if !show_missing.get() {
            return Vec::new();
        }
        problems.with(|p| {
            p.keys()
                .filter_map(|k| k.strip_prefix("doc.").map(str::to_owned))
                .collect()
        })
    });
    let save = move || {
        if !editable {
            return;
        }
        if saving.get_untracked() {
            pending.set(true);
            return;
        }
        saving.set(true);
        leptos::task::spawn_local(async move {
            loop {
                pending.set(false);
                let body = SaveDraft {
                    provider: Some(form.provider.get_untracked()).filter(|p| !p.is_empty()),
                    answers: form.answers(),
                    license: Some(form.license.get_untracked()).filter(|l| !l.is_empty()),
                };
                match api::save_draft(session, id, &body).await {
                    Ok(dto) => {
                        // The license chosen fills its number and date.
                        form.values.with_value(|v| {
                            for key in LICENSE_FIELDS {
                                if let (Some(s), Some(a)) = (v.get(key), dto.answers.get(key)) {
                                    s.set(a.clone());
                                }
                            }
                        });
                        problems.set(dto.problems);
                        failure.set(None);
                        saved_at.set(Some(dto.updated_at));
                        if go_check.get_untracked()
                            && problems.with_untracked(|p| p.is_empty())
                            && !pending.get_untracked()
                        {
                            go_check.set(false);
                            navigate_check.run(());
                        }
                    }
                    Err(e) => {
                        // What the user typed stays in the form.
                        let fields = e.fields();
                        if !fields.is_empty() {
                            problems.update(|p| p.extend(fields));
                        }
                        failure.set(Some(e));
                    }
                }
                if !pending.get_untracked() {
                    break;
                }
            }
            saving.set(false);
        });
    };

    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        show_missing.set(true);
        go_check.set(true);
        save();
    };
    let save_now = Callback::new(move |()| save());
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
                {move || i18n.t(crate::format::request_type_key(kind))} " · "
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
                    let value = form.values.with_value(|v| v.get(&f.key).copied()).unwrap_or_else(|| RwSignal::new(String::new()));
                    let errors = judged.errors_of(f.key.clone());
                    view! { <AnswerField spec=f value=value errors=errors editable=editable on_leave=Callback::new(move |()| save()) /> }
                }).collect_view()}
                <Documents request=id documents=documents files=files editable=editable missing=missing_docs on_change=refresh_problems />
                <Show when=move || at_desk>
                    <PaperOriginals id=id docs=paper_docs paper=paper problems=judged failure=failure editable=editable />
                </Show>
                <div class="actions">
                    <button type="button" class="btn" data-test="request-save" disabled=move || !editable || saving.get()
                        on:click=move |_| save()>
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
