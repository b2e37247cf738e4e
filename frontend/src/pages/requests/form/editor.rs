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
use shared::FieldCode;
use shared::catalog::{DocumentSource, FieldSpec, RequestType, ServiceDetail};
use shared::forms::{self, Answers};
use shared::request::{ClinicsDto, LicenseDto, LicenseStatus, RequestDto, SaveDraft};
use std::collections::BTreeMap;

use super::fields::{AnswerField, FieldErrors};

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

/// The form's values: one signal per field, the provider and the license.
#[derive(Clone, Copy)]
pub struct Form {
    pub(super) values: StoredValue<BTreeMap<String, RwSignal<String>>>,
    pub(super) provider: RwSignal<String>,
    pub(super) license: RwSignal<String>,
}

impl Form {
    fn answers(&self) -> Answers {
        self.values.with_value(|v| {
            v.iter()
                .map(|(k, s)| (k.clone(), s.get_untracked()))
                .filter(|(_, v)| !v.trim().is_empty())
                .collect()
        })
    }
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "a component owns its props; the view keeps parts of them"
)]
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
    // Until the user asks to check the form, only answers given are judged.
    let show_missing = RwSignal::new(false);
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

    let visible = move |codes: &[FieldCode]| -> Vec<FieldCode> {
        codes
            .iter()
            .filter(|c| show_missing.get() || **c != FieldCode::Required)
            .cloned()
            .collect()
    };
    let errors_of = move |key: String| {
        Signal::derive(move || {
            problems.with(|p| p.get(&key).map(|c| visible(c)).unwrap_or_default())
        })
    };

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

    let summary = move || {
        let p = problems.get();
        let mut items = Vec::new();
        for (key, label) in [
            ("provider", "request.provider"),
            ("license", "request.license"),
        ] {
            if let Some(codes) = p.get(key) {
                let codes = visible(codes);
                if !codes.is_empty() {
                    items.push((key.to_owned(), i18n.t(label), codes));
                }
            }
        }
        labels.with_value(|labels| {
            for (key, label) in labels {
                if let Some(codes) = p.get(key) {
                    let codes = visible(codes);
                    if !codes.is_empty() {
                        items.push((key.clone(), label.get(lang()).to_owned(), codes));
                    }
                }
            }
        });
        if at_desk {
            paper_docs.with_value(|docs| {
                for (code, name) in docs {
                    let key = format!("paper.{code}");
                    if let Some(codes) = p.get(&key) {
                        let codes = visible(codes);
                        if !codes.is_empty() {
                            let label =
                                format!("{} — {}", i18n.t("desk.paper_title"), name.get(lang()));
                            items.push((key, label, codes));
                        }
                    }
                }
            });
        }
        items
    };
    let tick = move |code: String, on: bool| {
        let mut list = paper.get_untracked();
        list.retain(|c| *c != code);
        if on {
            list.push(code);
        }
        paper.set(list.clone());
        leptos::task::spawn_local(async move {
            match api::desk_paper(session, id, list).await {
                Ok(dto) => {
                    problems.set(dto.problems);
                    if let Some(d) = dto.desk {
                        paper.set(d.paper);
                    }
                    failure.set(None);
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };

    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        show_missing.set(true);
        go_check.set(true);
        save();
    };
    let applicant = request.applicant.clone();
    let has_licenses = !own_licenses.is_empty();
    let own_licenses = StoredValue::new(own_licenses);
    let current_clinic = clinics.with_value(|c| c.as_ref().and_then(|c| c.current.clone()));
    let provider_label = move |p: &shared::catalog::ProviderDto| {
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
            <Show when=move || !summary().is_empty()>
                <div class="alert alert--error error-summary" role="alert" data-test="error-summary">
                    <h2>{t("form.summary")}</h2>
                    <ul>
                        {move || summary().into_iter().map(|(key, label, codes)| {
                            let text = format!("{label}: {}", codes.iter().map(|c| i18n.field(c)).collect::<Vec<_>>().join("; "));
                            view! { <li><a href=format!("#{key}")>{text}</a></li> }
                        }).collect_view()}
                    </ul>
                </div>
            </Show>
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
            <form on:submit=check novalidate data-test="request-form">
                <Show when=move || picks_license>
                    <div class="field" class:field--invalid=move || !errors_of("license".into()).get().is_empty()>
                        <label for="license">{t("request.license")}</label>
                        <Show when=move || has_licenses fallback=|| view! { <p class="muted" data-test="no-licenses">{t("request.no_licenses")}</p> }>
                            <select id="license" data-test="license-input" disabled=!editable
                                on:change=move |ev| { form.license.set(event_target_value(&ev)); save(); }
                                prop:value=move || form.license.get()>
                                <option value="">{t("request.choose")}</option>
                                {move || own_licenses.with_value(|ls| ls.iter().map(|l| {
                                    let number = l.number.clone();
                                    let text = format!("№ {} · {}", l.number, l.issued_on);
                                    view! { <option value=number.clone() selected=move || form.license.get() == number>{text}</option> }
                                }).collect_view())}
                            </select>
                        </Show>
                        <FieldErrors key="license".into() errors=errors_of("license".into()) />
                    </div>
                </Show>
                <Show when=move || providers.with_value(|p| p.len() > 1)>
                    <div class="field" class:field--invalid=move || !errors_of("provider".into()).get().is_empty()>
                        <label for="provider">{t("request.provider")}</label>
                        <select id="provider" data-test="provider-input" disabled=!editable || provider_fixed
                            on:change=move |ev| { form.provider.set(event_target_value(&ev)); save(); }
                            prop:value=move || form.provider.get()>
                            <option value="">{t("request.choose")}</option>
                            {move || providers.with_value(|ps| ps.iter().map(|p| {
                                let code = p.code.clone();
                                let name = provider_label(p);
                                view! { <option value=code.clone() selected=move || form.provider.get() == code>{name}</option> }
                            }).collect_view())}
                        </select>
                        <FieldErrors key="provider".into() errors=errors_of("provider".into()) />
                    </div>
                </Show>
                {fields.into_iter().map(|f| {
                    let value = form.values.with_value(|v| v.get(&f.key).copied()).unwrap_or_else(|| RwSignal::new(String::new()));
                    let errors = errors_of(f.key.clone());
                    view! { <AnswerField spec=f value=value errors=errors editable=editable on_leave=Callback::new(move |()| save()) /> }
                }).collect_view()}
                <Documents request=id documents=documents files=files editable=editable missing=missing_docs on_change=refresh_problems />
                <Show when=move || at_desk>
                    <fieldset class="field paper" data-test="paper">
                        <legend>{t("desk.paper_title")}</legend>
                        <p class="field__hint">{t("desk.paper_hint")}</p>
                        {move || paper_docs.with_value(|docs| docs.iter().map(|(code, name)| {
                            let key = format!("paper.{code}");
                            let c = code.clone();
                            let checked = code.clone();
                            let name = name.clone();
                            let invalid = key.clone();
                            view! {
                                <label class="choice__option" for=key class:choice__option--invalid=move || !errors_of(invalid.clone()).get().is_empty()>
                                    <input type="checkbox" id=key.clone() data-test=format!("paper-{code}") disabled=!editable
                                        prop:checked=move || paper.with(|p| p.contains(&checked))
                                        on:change=move |ev| tick(c.clone(), event_target_checked(&ev)) />
                                    {move || name.get(lang()).to_owned()}
                                </label>
                            }
                        }).collect_view())}
                    </fieldset>
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
