//! A request entered at a desk: how it came in, its receipt and the
//! hand-over of the result in person.

use crate::api::{self, ApiFailure, use_session};
use crate::components::status::Failure;
use crate::format::local_time;
use crate::i18n::t;
use leptos::prelude::*;
use leptos_router::components::A;

/// How a request entered at a desk came in; for the desk, its receipt and
/// the hand-over of the result in person.
#[component]
pub fn DeskPanel(
    request: i64,
    desk: shared::desk::DeskInfo,
    at_desk: bool,
    has_result: bool,
    on_change: Callback<()>,
) -> impl IntoView {
    let session = use_session();
    let failure = RwSignal::new(None::<ApiFailure>);
    let busy = RwSignal::new(false);
    let handed = desk.handed_over_at.clone();
    let can_hand_over = at_desk && has_result && handed.is_none();
    let channel = match desk.channel {
        shared::catalog::Channel::Con => "desk.channel_con",
        _ => "desk.channel_provider",
    };
    let hand_over = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::desk_action(session, request, "hand-over").await {
                Ok(_) => on_change.run(()),
                Err(e) => failure.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <section class="desk-info" data-test="desk-info">
            <dl class="facts">
                <dt>{t("desk.channel")}</dt>
                <dd data-test="desk-channel">{t(channel)}</dd>
                <dt>{t("receipt.entered_by")}</dt>
                <dd data-test="desk-entered-by">{desk.entered_by}</dd>
                {handed.map(|at| view! {
                    <dt>{t("desk.handed_over")}</dt>
                    <dd data-test="desk-handed-over">{local_time(&at)}</dd>
                })}
            </dl>
            {move || failure.get().map(|e| view! { <Failure failure=e /> })}
            <Show when=move || at_desk>
                <div class="actions">
                    <A href=format!("/desk/receipt/{request}") attr:class="btn" attr:data-test="desk-receipt">{t("desk.receipt")}</A>
                    <Show when=move || can_hand_over>
                        <button type="button" class="btn btn--primary" data-test="desk-hand-over" disabled=move || busy.get() on:click=hand_over>
                            {t("desk.hand_over")}
                        </button>
                    </Show>
                </div>
            </Show>
        </section>
    }
}
