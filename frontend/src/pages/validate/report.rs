//! The validation report as the page shows it: the whole signature's
//! indication, then each signer's — who (name, ИИН/БИН, organization,
//! roles in words), the key's algorithm, the signing time, the timestamp,
//! the time judged at, the certificate path and the revocation source —
//! and the report as a JSON file.

use leptos::prelude::*;
use shared::eds::validation::{Indication, SignerReport, SubIndication, ValidationReport};

use crate::components::blob::save_bytes;
use crate::format::local_secs;
use crate::i18n::{t, use_i18n};

/// The badge class of an indication.
fn badge(i: Indication) -> &'static str {
    match i {
        Indication::TotalPassed => "badge badge--ok",
        Indication::TotalFailed => "badge badge--error",
        Indication::Indeterminate => "badge badge--warn",
    }
}

#[component]
fn Verdict(indication: Indication, sub: Option<SubIndication>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p>
            <span class=badge(indication) data-test="validate-indication" data-indication=indication.code()>
                {move || i18n.t(&format!("validate.indication.{}", indication.code()))}
            </span>
            {sub.map(|s| view! {
                " " <span data-test="validate-sub" data-sub=s.code()>{move || i18n.t(&format!("validate.sub.{}", s.code()))}</span>
            })}
        </p>
    }
}

#[component]
fn Signer(signer: SignerReport) -> impl IntoView {
    let i18n = use_i18n();
    let roles = signer.roles.clone();
    let fact = |key: &'static str, value: Option<String>| {
        value.map(|v| view! { <dt>{t(key)}</dt><dd>{v}</dd> })
    };
    view! {
        <article class="card" data-test="validate-signer">
            <h3>{signer.subject.clone().unwrap_or_else(|| i18n.t("validate.unknown_signer"))}</h3>
            <Verdict indication=signer.indication sub=signer.sub_indication />
            {signer.reason.clone().map(|r| view! { <p class="muted" data-test="validate-reason">{move || i18n.eds(&r)}</p> })}
            <dl class="facts">
                {fact("validate.iin", signer.iin.clone())}
                {fact("validate.bin", signer.bin.clone())}
                {fact("validate.organization", signer.organization.clone())}
                {(!roles.is_empty()).then(|| view! {
                    <dt>{t("validate.roles")}</dt>
                    <dd data-test="validate-roles">{move || roles.iter().map(|r| i18n.t(&format!("validate.role.{}", r.code()))).collect::<Vec<_>>().join(", ")}</dd>
                })}
                {fact("validate.algorithm", signer.key_algorithm.clone())}
                {fact("validate.signing_time", signer.signing_time.map(local_secs))}
                {fact("validate.timestamp", signer.timestamp.map(local_secs))}
                {fact("validate.validation_time", Some(local_secs(signer.validation_time)))}
                {(!signer.path.is_empty()).then(|| view! {
                    <dt>{t("validate.path")}</dt>
                    <dd><ol class="validate__path">{signer.path.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ol></dd>
                })}
                {signer.revocation.map(|c| view! {
                    <dt>{t("validate.revocation")}</dt>
                    <dd data-test="validate-revocation">{move || i18n.t(&format!("validate.source.{}", c.source.code()))} " · " {local_secs(c.at)}</dd>
                })}
            </dl>
        </article>
    }
}

#[component]
pub fn Report(report: ValidationReport) -> impl IntoView {
    let json = serde_json::to_vec_pretty(&report).unwrap_or_default();
    let download = move |_| save_bytes("validation-report.json", "application/json", &json);
    view! {
        <section class="validate__report" aria-live="polite" data-test="validate-report">
            <h2>{t("validate.report")}</h2>
            <Verdict indication=report.indication sub=report.sub_indication />
            {report.document_sha256.clone().map(|h| view! {
                <p class="muted">{t("validate.document_sha256")} " " <code class="validate__hash">{h}</code></p>
            })}
            {report.signers.into_iter().map(|s| view! { <Signer signer=s /> }).collect_view()}
            <button type="button" class="btn" data-test="validate-download" on:click=download>{t("validate.download")}</button>
        </section>
    }
}
