//! The fee: free, paid (with its receipt), or to be paid through the
//! gateway.

use leptos::prelude::*;
use shared::request::{PaymentStatus, RequestDto};

use crate::format::local_time;
use crate::i18n::{t, use_i18n};

/// The payment of `request`; `pay` goes to the gateway, which waits while
/// `busy` and until the form is `complete`.
#[component]
pub(super) fn Payment(
    request: RequestDto,
    busy: Signal<bool>,
    complete: bool,
    pay: Callback<()>,
    on_refresh: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let free = request.fee.is_zero();
    let fee_text = request.fee.to_string();
    let receipt = request.payment.filter(|p| p.status == PaymentStatus::Paid);
    view! {
        <section class="payment" data-test="payment">
            <h2>{t("payment.title")}</h2>
            {if free {
                view! { <p data-test="fee-free">{t("payment.free")}</p> }.into_any()
            } else if let Some(p) = receipt {
                let when = p.paid_at.as_deref().map(local_time).unwrap_or_default();
                view! {
                    <p class="alert alert--ok" data-test="payment-paid">
                        {move || i18n.tf("payment.paid", &[("amount", p.amount.to_string())])}
                        " · " {t("payment.receipt")} " " <code>{p.transaction.clone()}</code> " · " {p.card} " · " {when}
                    </p>
                }.into_any()
            } else {
                view! {
                    <p>{move || i18n.tf("payment.fee", &[("amount", fee_text.clone())])}</p>
                    <p class="muted small">{t("payment.required")}</p>
                    <div class="actions">
                        <button type="button" class="btn btn--primary" data-test="pay" disabled=move || busy.get() || !complete on:click=move |_| pay.run(())>
                            {t("payment.pay")}
                        </button>
                        <button type="button" class="btn" data-test="refresh-status" on:click=move |_| on_refresh.run(())>
                            {t("request.refresh")}
                        </button>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
