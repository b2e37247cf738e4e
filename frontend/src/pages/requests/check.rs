//! «Проверьте ответы»: every answer with a link to change it, the documents,
//! the fee; then payment through the gateway (condition 2: no signing
//! before it is confirmed), and «Отправить запрос» → the signing prompt →
//! «Подписать». A refused signature keeps everything as it is.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::ErrorCode;
use shared::account::AccountKind;
use shared::catalog::{DocumentSource, FieldKind, ServiceDetail};
use shared::eds::KeyPurpose;
use shared::forms;
use shared::request::{PaymentStatus, RequestDto};

use crate::api::{self, ApiFailure, use_session};
use crate::components::keystore::{Keystore, KeystoreFields};
use crate::components::status::{Failure, Loading, write_failure};
use crate::format::local_time;
use crate::format::request_type_key;
use crate::i18n::{t, use_i18n};

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
    // At a desk: the ЦОН operator signs with their own ЭЦП; provider staff
    // register the request without a signature.
    let role = session.user.with_untracked(|u| u.as_ref().map(|u| u.role));
    let at_desk =
        request.desk.is_some() && role.is_some_and(crate::components::header::is_desk_user);
    let staff_registers = at_desk && role == Some(shared::account::Role::Reviewer);
    let answers = request.answers.clone();
    let rows: Vec<(String, String, String)> = forms::fields_for(&service.fields, kind)
        .into_iter()
        .map(|f| {
            let raw = answers.get(&f.key).cloned().unwrap_or_default();
            let shown = match &f.kind {
                FieldKind::Select { options } => options
                    .iter()
                    .find(|o| o.code == raw)
                    .map_or(raw.clone(), |o| o.label.get(lang()).to_owned()),
                FieldKind::Checkbox if raw == "true" => i18n.t("check.yes"),
                _ => raw,
            };
            (f.key.clone(), f.label.get(lang()).to_owned(), shown)
        })
        .collect();
    let provider = request.provider.as_ref().and_then(|code| {
        service
            .providers
            .iter()
            .find(|p| &p.code == code)
            .map(|p| p.name.get(lang()).to_owned())
    });
    let documents: Vec<(String, Vec<String>)> = service
        .documents
        .iter()
        .filter(|d| d.source == DocumentSource::Upload && d.applies_to(kind))
        .map(|d| {
            let names = request
                .files
                .iter()
                .filter(|f| f.document == d.code)
                .map(|f| f.name.clone())
                .collect();
            (d.name.get(lang()).to_owned(), names)
        })
        .collect();

    // The page's writes, one at a time; `Ok(true)`: the page is being left.
    let write = Action::new_local(move |step: &Step| {
        let (step, navigate) = (*step, navigate.clone());
        async move {
            match step {
                Step::Register => {
                    api::desk_action(session, id, "register").await?;
                    navigate(&format!("/requests/{id}"), Default::default());
                    Ok(true)
                }
                Step::Pay(lang) => {
                    let redirect = api::start_payment(session, id, lang).await?;
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().assign(&redirect.url);
                    }
                    Ok(true)
                }
                Step::Sign => match sign_and_submit(session, keystore, id).await {
                    Ok(true) => {
                        navigate(&format!("/requests/{id}"), Default::default());
                        Ok(false)
                    }
                    Ok(false) => Ok(false),
                    Err(e) => match e.code() {
                        Some(ErrorCode::SignatureRejected { reason }) => {
                            keystore.refused(reason);
                            Ok(false)
                        }
                        _ => Err(e),
                    },
                },
            }
        }
    });
    let busy = move || write.pending().get() || matches!(write.value().get(), Some(Ok(true)));
    let run = move |step: Step| {
        write.clear();
        write.dispatch_local(step);
    };
    let register = move |_| run(Step::Register);
    let pay = move |_| run(Step::Pay(i18n.lang.get_untracked()));
    let sign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(Step::Sign);
    };

    let sign = StoredValue::new_local(sign);
    let fee_text = request.fee.to_string();
    let receipt = request
        .payment
        .clone()
        .filter(|p| p.status == PaymentStatus::Paid);
    let edit_link = edit.clone();
    view! {
        <article class="check" data-test="check" data-id=id.to_string()>
            <nav class="breadcrumbs">
                <A href=edit>{t("check.back")}</A>
            </nav>
            <h1>{t("check.title")}</h1>
            <p class="muted">{move || service.name.get(lang()).to_owned()} " · " {move || i18n.t(request_type_key(kind))}</p>
            {write_failure(write)}
            <Show when=move || !complete>
                <div class="alert alert--error" role="alert" data-test="check-incomplete">
                    <p>{t("check.incomplete")}</p>
                    <A href=edit_link.clone()>{t("check.complete_form")}</A>
                </div>
            </Show>
            <dl class="answers" data-test="answers">
                <dt>{t("request.tax_id")}</dt>
                <dd>{request.applicant.tax_id.clone()}</dd>
                {provider.map(|p| view! {
                    <dt>{t("request.provider")}</dt>
                    <dd>{p} " " <a href=format!("/requests/{id}#provider") class="change" data-test="change-provider">{t("check.change")}</a></dd>
                })}
                {request.license.map(|l| view! {
                    <dt>{t("request.license")}</dt>
                    <dd>{l} " " <a href=format!("/requests/{id}#license") class="change">{t("check.change")}</a></dd>
                })}
                {rows.into_iter().map(|(key, label, value)| view! {
                    <dt>{label}</dt>
                    <dd data-test=format!("answer-{key}")>{value} " "
                        <a href=format!("/requests/{id}#{key}") class="change" data-test=format!("change-{key}")>{t("check.change")}</a>
                    </dd>
                }).collect_view()}
            </dl>
            <h2>{t("documents.title")}</h2>
            <dl class="answers" data-test="check-documents">
                {documents.into_iter().map(|(name, files)| view! {
                    <dt>{name}</dt>
                    <dd>{if files.is_empty() { i18n.t("check.no_files") } else { files.join(", ") }} " "
                        <a href=format!("/requests/{id}#documents") class="change">{t("check.change")}</a></dd>
                }).collect_view()}
            </dl>
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
                            <button type="button" class="btn btn--primary" data-test="pay" disabled=move || busy() || !complete on:click=pay>
                                {t("payment.pay")}
                            </button>
                            <button type="button" class="btn" data-test="refresh-status" on:click=move |_| on_refresh.run(())>
                                {t("request.refresh")}
                            </button>
                        </div>
                    }.into_any()
                }}
            </section>
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
                        <p class="alert alert--info" data-test="operator-signs">{t("desk.operator_signs")}</p>
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

/// A write of the check page.
#[derive(Clone, Copy)]
enum Step {
    /// At a desk, provider staff register the request without a signature.
    Register,
    /// To the payment gateway, its pages in `Lang`.
    Pay(shared::Lang),
    /// The application signed and the request sent.
    Sign,
}

/// Request `id`'s application signed with the signing key (as the user's
/// ИИН or БИН) and the request sent; `false` when the key store was closed.
async fn sign_and_submit(
    session: api::Session,
    keystore: Keystore,
    id: i64,
) -> Result<bool, ApiFailure> {
    let user = session.user.get_untracked();
    let application = api::application(session, id).await?;
    let (iin, bin) = match user.as_ref().map(|u| (u.kind, u.id_number.clone())) {
        Some((AccountKind::LegalEntity, n)) => (None, Some(n)),
        Some((AccountKind::Individual, n)) => (Some(n), None),
        None => (None, None),
    };
    let Some(signed) = keystore
        .sign_as(
            KeyPurpose::Signing,
            &application.to_signed_bytes(),
            iin,
            bin,
        )
        .await
    else {
        return Ok(false);
    };
    api::submit(session, id, crate::eds::base64(&signed.cms)).await?;
    Ok(true)
}
