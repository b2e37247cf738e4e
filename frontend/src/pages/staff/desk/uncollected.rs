//! Results not collected in time (seed 000 §17.6): the results waiting at
//! this desk to be handed over, the longest waiting first, those past the
//! retention rule marked for the provider's archive, and a reminder to the
//! applicant.

use crate::api::{self, use_session};
use crate::components::status::{Failure, Loading, write_failure};
use crate::format::{local_time, status_key};
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Uncollected() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let remind = Action::new_local(move |id: &i64| {
        let id = *id;
        async move { api::desk_action(session, id, "remind").await.map(drop) }
    });
    // Read again after each reminder.
    let list = LocalResource::new(move || {
        remind.version().get();
        async move { api::desk_uncollected(session).await }
    });
    view! {
        <section class="desk-list" data-test="desk-uncollected">
            <h2>{t("desk.uncollected_title")}</h2>
            {write_failure(remind)}
            <Transition fallback=Loading>
                {move || list.get().map(|r| match r {
                    Ok(l) => {
                        let days = l.retention_days.to_string();
                        view! {
                            <p class="muted">{move || i18n.tf("desk.uncollected_rule", &[("days", days.clone())])}</p>
                            {l.rows.is_empty().then(|| view! { <p class="muted" data-test="desk-uncollected-none">{t("desk.uncollected_none")}</p> })}
                            <ul class="history">
                                {l.rows.into_iter().map(|r| {
                                    let waiting = r.waiting_days.to_string();
                                    let id = r.id;
                                    view! {
                                        <li class="history__row" data-test="desk-uncollected-row" data-id=r.id.to_string()>
                                            <A href=format!("/requests/{}", r.id)>{r.number.as_ref().map(ToString::to_string).unwrap_or_default()}</A>
                                            <span>{r.applicant.name.clone()} " · " <code>{r.applicant.tax_id.clone()}</code></span>
                                            <span class="tag">{move || i18n.t(status_key(r.status))}</span>
                                            <span data-test="desk-uncollected-waiting">{move || i18n.tf("desk.uncollected_waiting", &[("days", waiting.clone())])}</span>
                                            {r.past_retention.then(|| view! { <span class="tag tag--warn" data-test="desk-uncollected-archive">{t("desk.uncollected_archive")}</span> })}
                                            {r.reminded_at.clone().map(|at| view! { <span class="muted small" data-test="desk-uncollected-reminded">{t("desk.uncollected_reminded")} " " {local_time(&at)}</span> })}
                                            <button type="button" class="btn btn--ghost" data-test="desk-uncollected-remind"
                                                disabled=move || remind.pending().get() on:click=move |_| { remind.dispatch_local(id); }>
                                                {t("desk.uncollected_remind")}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                    Err(e) => view! { <Failure failure=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
