//! A request entered at a desk: how it came in, its receipt and the
//! hand-over of the result in person.

use crate::api::{self, use_session};
use crate::components::status::write_failure;
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
    let handed = desk.handed_over_at.clone();
    let can_hand_over = at_desk && has_result && handed.is_none();
    let channel = match desk.channel {
        shared::catalog::Channel::Con => "desk.channel_con",
        _ => "desk.channel_provider",
    };
    let hand_over = Action::new_local(move |_: &()| async move {
        let done = api::desk_action(session, request, "hand-over").await;
        if done.is_ok() {
            on_change.run(());
        }
        done.map(drop)
    });
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
            {write_failure(hand_over)}
            <Show when=move || at_desk>
                <div class="actions">
                    <A href=format!("/desk/receipt/{request}") attr:class="btn" attr:data-test="desk-receipt">{t("desk.receipt")}</A>
                    <Show when=move || can_hand_over>
                        <button type="button" class="btn btn--primary" data-test="desk-hand-over" disabled=move || hand_over.pending().get() on:click=move |_| { hand_over.dispatch_local(()); }>
                            {t("desk.hand_over")}
                        </button>
                    </Show>
                </div>
            </Show>
        </section>
    }
}
