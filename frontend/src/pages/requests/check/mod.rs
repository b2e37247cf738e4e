//! «Проверьте ответы»: every answer with a link to change it, the documents,
//! the fee; then payment through the gateway (condition 2: no signing
//! before it is confirmed), and «Отправить запрос» → the signing prompt →
//! «Подписать». A refused signature keeps everything as it is.

//!
//! - `answers`: the answers and documents; `payment`: the fee and its
//!   payment; `write`: the page's writes (register, pay, sign).

mod answers;
mod payment;
mod write;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::catalog::ServiceDetail;
use shared::request::{PaymentStatus, RequestDto};

use crate::api::use_session;
use crate::components::answer::request_type_name;
use crate::components::keystore::{Keystore, KeystoreFields};
use crate::components::status::{Failure, Loading, write_failure};
use crate::i18n::{t, use_i18n};

use self::answers::Answers;
use self::payment::Payment;
use self::write::{Step, writes};

#[component]
pub fn CheckPage() -> impl IntoView {
    let session = use_session();
    let id = crate::pages::use_id_param();
    let loaded = crate::pages::request_with_service(session, id);
    view! {
        <Transition fallback=Loading>
            {move || loaded.get().map(|r| match r {
                Ok((request, service)) => view! { <Check request=request service=service on_refresh=Callback::new(move |()| loaded.refetch()) /> }.into_any(),
                Err(e) => view! { <Failure failure=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Check(request: RequestDto, service: ServiceDetail, on_refresh: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let lang = move || i18n.lang.get();
    let id = request.id;
    let kind = request.request_type;
    let edit = format!("/requests/{id}");
    if !request.status.is_editable() {
        return view! {
            <p class="alert alert--info">{t("check.already_sent")} " " <A href=edit>{t("check.open_request")}</A></p>
        }
        .into_any();
    }
    let signing = RwSignal::new(false);
    let keystore = Keystore::new();
    let free = request.fee.is_zero();
    let paid = request
        .payment
        .as_ref()
        .is_some_and(|p| p.status == PaymentStatus::Paid);
    let complete = request.problems.is_empty();
    // At a desk: where the service has its desk sign (a ЦОН's operator, a
    // PHC clinic's employee) with their own ЭЦП; elsewhere provider staff
    // register the request without a signature.
    let role = session.user.with_untracked(|u| u.as_ref().map(|u| u.role));
    let channel = request.desk.as_ref().map(|d| d.channel);
    let at_desk = channel.is_some() && role.is_some_and(crate::components::header::is_desk_user);
    let staff_registers = at_desk
        && role == Some(shared::account::Role::Reviewer)
        && !channel.is_some_and(|c| service.desk_signs.contains(&c));
    let signs_key = if channel == Some(shared::catalog::Channel::Con) {
        "desk.operator_signs"
    } else {
        "desk.staff_signs"
    };
    let write = writes(session, keystore, id, navigate);
    let busy = move || write.pending().get() || matches!(write.value().get(), Some(Ok(true)));
    let run = move |step: Step| {
        write.clear();
        write.dispatch_local(step);
    };
    let register = move |_| run(Step::Register);
    let pay = Callback::new(move |()| run(Step::Pay(i18n.lang.get_untracked())));
    let sign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(Step::Sign);
    };

    let sign = StoredValue::new_local(sign);
    let name = service.name.clone();
    let type_label = service.type_label(kind).cloned();
    let edit_link = edit.clone();
    view! {
        <article class="check" data-test="check" data-id=id.to_string()>
            <nav class="breadcrumbs">
                <A href=edit>{t("check.back")}</A>
            </nav>
            <h1>{t("check.title")}</h1>
            <p class="muted">{move || name.get(lang()).to_owned()} " · " {move || request_type_name(i18n, kind, type_label.as_ref())}</p>
            {write_failure(write)}
            <Show when=move || !complete>
                <div class="alert alert--error" role="alert" data-test="check-incomplete">
                    <p>{t("check.incomplete")}</p>
                    <A href=edit_link.clone()>{t("check.complete_form")}</A>
                </div>
            </Show>
            <Answers request=request.clone() service=service />
            <Payment request=request busy=Signal::derive(busy) complete=complete pay=pay on_refresh=on_refresh />
            <Show when=move || complete && (free || paid) && staff_registers>
                <section class="sign" data-test="register-section">
                    <p class="muted small">{t("desk.register_hint")}</p>
                    <div class="actions">
                        <button type="button" class="btn btn--primary" data-test="desk-register" disabled=busy on:click=register>
                            {t("desk.register")}
                        </button>
                    </div>
                </section>
            </Show>
            <Show when=move || complete && (free || paid) && !staff_registers>
                <section class="sign" data-test="sign-section">
                    <Show when=move || at_desk>
                        <p class="alert alert--info" data-test="operator-signs">{t(signs_key)}</p>
                    </Show>
                    <Show when=move || signing.get() fallback=move || view! {
                        <div class="actions">
                            <button type="button" class="btn btn--primary" data-test="send" on:click=move |_| signing.set(true)>
                                {t("request.send")}
                            </button>
                        </div>
                    }>
                        <form on:submit=move |ev| sign.with_value(|f| f(ev)) data-test="sign-form">
                            <h2>{t("sign.title")}</h2>
                            <p class="muted small">{t("sign.hint")}</p>
                            <KeystoreFields keystore=keystore />
                            <button type="submit" class="btn btn--primary" data-test="sign" disabled=busy>
                                {t("sign.button")}
                            </button>
                        </form>
                    </Show>
                </section>
            </Show>
        </article>
    }
    .into_any()
}
