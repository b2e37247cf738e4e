//! A service's passport (SPEC §2): what it is, who provides it, the legal
//! basis, who may apply, documents, fee, deadline, channels, how to check the
//! status, the call center.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::catalog::{Automation, Channel, ServiceDetail, ServiceKind};

use shared::account::Role;

use super::order::Order;

use crate::api::{self, use_session};
use crate::components::status::{Failure, Loading};
use crate::format::{eligibility_key, request_type_key};
use crate::i18n::{t, use_i18n};

fn channel_key(c: Channel) -> &'static str {
    match c {
        Channel::Portal => "channel.portal",
        Channel::Provider => "channel.provider",
        Channel::Con => "channel.con",
    }
}

/// The seeds' words for a degree of automation (each regulation's item 3).
fn automation_key(a: Automation) -> &'static str {
    match a {
        Automation::Partial => "automation.partial",
        Automation::Full => "automation.full",
    }
}

/// The seeds' words for the kind of a service (item 4).
fn service_kind_key(k: ServiceKind) -> &'static str {
    match k {
        ServiceKind::Transactional => "service_kind.transactional",
    }
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|p| p.get("code").unwrap_or_default()));
    let detail = LocalResource::new(move || api::service(code.get()));
    view! {
        <Transition fallback=Loading>
            {move || {
                detail
                    .get()
                    .map(|r| match r {
                        Ok(d) => view! { <Passport detail=d /> }.into_any(),
                        Err(e) => view! {
                            <Failure failure=e />
                            <A href="/" attr:class="btn btn--ghost">{t("service.back")}</A>
                        }
                        .into_any(),
                    })
            }}
        </Transition>
    }
}

#[component]
fn Passport(detail: ServiceDetail) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let lang = move || i18n.lang.get();
    let d = StoredValue::new(detail);
    let text = move |f: fn(&ServiceDetail) -> &shared::Text| {
        move || d.with_value(|d| f(d).get(lang()).to_owned())
    };
    let code = d.with_value(|d| d.code.clone());
    let eligibility = d.with_value(|d| d.eligibility);
    let (automation, service_kind) = d.with_value(|d| (d.automation, d.service_kind));
    let login_href = format!("/login?next=/services/{code}");

    view! {
        <article class="passport" data-test="passport" data-code=code>
            <nav class="breadcrumbs" aria-label=t("service.breadcrumbs")>
                <A href="/">{t("catalog.title")}</A>
            </nav>
            <h1 data-test="service-title">{text(|d| &d.name)}</h1>
            <p class="lead">{text(|d| &d.summary)}</p>

            <div class="cta" data-test="cta">
                {move || {
                    match session.user.get() {
                        None => view! {
                            <A href=login_href.clone() attr:class="btn btn--primary btn--large" attr:data-test="order-online">
                                {t("service.order")}
                            </A>
                            <p class="muted small">{t("service.order_login")}</p>
                        }
                        .into_any(),
                        Some(user) if !eligibility.allows(user.kind) => view! {
                            <div class="alert alert--warn" role="status" data-test="not-eligible">
                                {move || i18n.tf("service.not_eligible", &[("who", i18n.t(eligibility_key(eligibility)))])}
                            </div>
                        }
                        .into_any(),
                        Some(user) if user.role == Role::Applicant => view! {
                            <Order detail=d />
                        }
                        .into_any(),
                        Some(_) => view! {
                            <div class="alert alert--info" role="status" data-test="order-staff">
                                {t("service.order_staff")}
                            </div>
                        }
                        .into_any(),
                    }
                }}
            </div>

            <section>
                <h2>{t("service.about")}</h2>
                <p data-test="description">{text(|d| &d.description)}</p>
                <dl class="facts">
                    <dt>{t("service.who")}</dt>
                    <dd data-test="eligibility">{move || i18n.t(eligibility_key(eligibility))}</dd>
                    <dt>{t("service.legal_basis")}</dt>
                    <dd data-test="legal-basis">{text(|d| &d.legal_basis)}</dd>
                    <dt>{t("service.result")}</dt>
                    <dd>{text(|d| &d.result)}</dd>
                    <dt>{t("service.automation")}</dt>
                    <dd data-test="automation">{move || i18n.t(automation_key(automation))}</dd>
                    <dt>{t("service.kind")}</dt>
                    <dd data-test="service-kind">{move || i18n.t(service_kind_key(service_kind))}</dd>
                    <dt>{t("service.channels")}</dt>
                    <dd data-test="channels">
                        {move || d.with_value(|d| d.channels.iter().map(|c| i18n.t(channel_key(*c))).collect::<Vec<_>>().join(", "))}
                    </dd>
                </dl>
            </section>

            <section>
                <h2>{t("service.terms")}</h2>
                <div class="table-wrap">
                    <table class="table table--fit" data-test="request-types">
                        <thead>
                            <tr>
                                <th scope="col">{t("service.request_type")}</th>
                                <th scope="col">{t("service.deadline")}</th>
                                <th scope="col">{t("service.fee")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {d.with_value(|d| d.request_types.clone()).into_iter().map(|rt| {
                                let label = rt.spec.label.clone();
                                let kind = rt.spec.kind;
                                let days = rt.spec.deadline_working_days;
                                let fee_mrp = rt.spec.fee_mrp;
                                let fee = rt.fee;
                                view! {
                                    <tr data-test=format!("request-type-{}", kind.code())>
                                        <th scope="row">{move || label.as_ref().map(|l| l.get(lang()).to_owned()).unwrap_or_else(|| i18n.t(request_type_key(kind)))}</th>
                                        <td>{move || i18n.tf("service.working_days", &[("days", days.to_string())])}</td>
                                        <td>{move || if fee_mrp.is_free() { i18n.t("service.free") } else { i18n.tf("service.fee_value", &[("mrp", fee_mrp.to_string()), ("tenge", fee.to_string())]) }}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="muted small">
                    {move || d.with_value(|d| i18n.tf("service.mrp_note", &[("year", d.mrp_year.to_string()), ("mrp", d.mrp_tenge.to_string())]))}
                </p>
            </section>

            <section>
                <h2>{t("service.documents")}</h2>
                <ul class="docs" data-test="documents">
                    {d.with_value(|d| d.documents.clone()).into_iter().map(|doc| {
                        let types = doc.request_types.clone();
                        let required = doc.required;
                        view! {
                            <li>
                                {move || doc.name.get(lang()).to_owned()}
                                {(!required).then(|| view! { " " <span class="tag">{t("service.optional")}</span> })}
                                {(!types.is_empty()).then(|| {
                                    let types = types.clone();
                                    view! { " " <span class="muted small">"(" {move || types.iter().map(|r| i18n.t(request_type_key(*r))).collect::<Vec<_>>().join(", ")} ")"</span> }
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>

            <section>
                <h2>{t("service.providers")}</h2>
                <ul class="providers" data-test="providers">
                    {d.with_value(|d| d.providers.clone()).into_iter().map(|p| {
                        let capacity = p.capacity;
                        view! {
                            <li class="provider" data-test="provider">
                                <h3>{move || p.name.get(lang()).to_owned()}</h3>
                                <p>{move || format!("{}, {}", p.district.get(lang()), p.address.get(lang()))}</p>
                                <p>{t("service.phone")} " " <a href=format!("tel:{}", p.phone.replace(' ', ""))>{p.phone.clone()}</a></p>
                                <p class="muted">{move || p.hours.get(lang()).to_owned()}</p>
                                {capacity.map(|c| view! { <p class="muted">{move || i18n.tf("service.capacity", &[("count", c.to_string())])}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>

            <section class="status-help" data-test="status-help">
                <h2>{t("service.status")}</h2>
                <p>{t("service.status_text")}</p>
                <p>{t("service.call_center")} " " <a href="tel:1414" data-test="passport-1414">"1414"</a></p>
            </section>
        </article>
    }
}
