//! The applicant's access list: who else read their requests — a
//! reviewer's view, a file opened, a ЦОН operator's status look-up — as the
//! audit log has it.

use leptos::prelude::*;
use shared::account::AccessKind;

use crate::api::{self, use_session};
use crate::components::header::role_key;
use crate::components::status::{Failure, Loading};
use crate::format::local_time;
use crate::i18n::{t, use_i18n};

fn kind_key(k: AccessKind) -> &'static str {
    match k {
        AccessKind::Viewed => "access.viewed",
        AccessKind::Downloaded => "access.downloaded",
        AccessKind::StatusLookup => "access.status_lookup",
    }
}

#[component]
pub fn AccessList() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let rows = LocalResource::new(move || api::my_access(session));
    view! {
        <section data-test="access-list">
            <h2>{t("access.title")}</h2>
            <Transition fallback=Loading>
                {move || rows.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p class="muted" data-test="access-empty">{t("access.none")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="history">
                            {list.into_iter().map(|r| view! {
                                <li class="history__row" data-test="access-row" data-kind=kind_key(r.kind)>
                                    <time>{local_time(&r.at)}</time>
                                    <span data-test="access-kind">{move || i18n.t(kind_key(r.kind))}</span>
                                    <span>{r.by.clone()} " · " <span class="muted">{move || i18n.t(role_key(r.role))}</span></span>
                                    {r.number.as_ref().map(|n| view! { <code>{n.to_string()}</code> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <Failure failure=e /> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
