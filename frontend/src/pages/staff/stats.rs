//! The quality and timeliness indicators, public (SPEC §7): per service and
//! provider, the survey's "quality" and "accessibility" answers as bars,
//! decisions, the share decided on time, the median working days, and the
//! unmet requirements behind refusals.

use leptos::prelude::*;
use shared::review::GroupStats;

use crate::api;
use crate::components::status::{Failure, Loading};
use crate::i18n::{t, use_i18n};

/// Three bars: not satisfied, partially, satisfied.
#[component]
fn Bars(label: &'static str, counts: [u32; 3]) -> impl IntoView {
    let i18n = use_i18n();
    let total = counts.iter().sum::<u32>().max(1);
    let keys = [
        "survey.not_satisfied",
        "survey.partially",
        "survey.satisfied",
    ];
    view! {
        <figure class="bars">
            <figcaption>{t(label)}</figcaption>
            {counts.into_iter().zip(keys).enumerate().map(|(i, (n, key))| {
                let pct = n * 100 / total;
                view! {
                    <div class="bars__row">
                        <span class="bars__label">{move || i18n.t(key)}</span>
                        <span class=format!("bars__bar bars__bar--{i}") style=format!("width: {pct}%") aria-hidden="true"></span>
                        <span class="bars__value">{n}</span>
                    </div>
                }
            }).collect_view()}
        </figure>
    }
}

#[component]
fn Group(g: GroupStats) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let (service, provider) = (g.service_name.clone(), g.provider_name.clone());
    let on_time = (g.on_time * 100).checked_div(g.decided).unwrap_or(0);
    view! {
        <article class="card stats-group" data-test="stats-group" data-service=g.service.clone() data-provider=g.provider>
            <h2>{move || service.get(lang()).to_owned()}</h2>
            <p class="muted">{move || provider.get(lang()).to_owned()}</p>
            <div class="stats-grid">
                <Bars label="stats.quality" counts=g.quality />
                <Bars label="stats.accessibility" counts=g.accessibility />
            </div>
            <dl class="facts">
                <dt>{t("stats.decided")}</dt><dd data-test="stats-decided">{g.decided} " (" {move || i18n.tf("stats.split", &[("approved", g.approved.to_string()), ("refused", g.refused.to_string())])} ")"</dd>
                <dt>{t("stats.on_time")}</dt><dd>{on_time} "%"</dd>
                <dt>{t("stats.median")}</dt><dd>{g.median_days.map(|d| format!("{d:.1}")).unwrap_or_else(|| "—".into())}</dd>
                {(!g.refusal_reasons.is_empty()).then(|| view! {
                    <dt>{t("stats.reasons")}</dt>
                    <dd><ul>{g.refusal_reasons.iter().map(|r| {
                        let name = r.name.clone();
                        view! { <li data-test="stats-reason" data-code=r.code.clone()>{move || name.get(lang()).to_owned()} " — " {r.count}</li> }
                    }).collect_view()}</ul></dd>
                })}
            </dl>
        </article>
    }
}

/// The public page: every service and provider.
#[component]
pub fn StatsPage() -> impl IntoView {
    view! {
        <section class="stats" data-test="stats">
            <h1>{t("stats.title")}</h1>
            <p class="muted">{t("stats.about")}</p>
            <Stats provider=None />
        </section>
    }
}

/// The indicators, of one provider (the dashboard) or of all.
#[component]
pub fn Stats(provider: Option<String>) -> impl IntoView {
    let only = StoredValue::new(provider);
    let stats = LocalResource::new(|| async { api::stats().await });
    view! {
            <Transition fallback=Loading>
                {move || stats.get().map(|r| match r {
                    Ok(s) if s.groups.is_empty() => view! { <p class="muted">{t("stats.empty")}</p> }.into_any(),
                    Ok(s) => s.groups.into_iter().filter(|g| only.with_value(|p| p.as_ref().is_none_or(|p| *p == g.provider))).map(|g| view! { <Group g=g /> }).collect_view().into_any(),
                    Err(e) => view! { <Failure failure=e /> }.into_any(),
                })}
            </Transition>
    }
}
