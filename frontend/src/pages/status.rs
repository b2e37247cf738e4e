//! A request after it was sent (SPEC §4): the applicant's ИИН/БИН, the
//! request number, the service, the status and the deadline, «Обновить
//! статус», every status change with its time and reason, the documents and
//! the payment; then the quality survey once there is a result.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::catalog::{DocumentSource, ServiceDetail};
use shared::request::{RequestDto, Satisfaction, SurveyAnswers, SurveyBody};

use crate::api::{self, ApiFailure, use_session};
use crate::components::blob::save_bytes;
use crate::components::documents::Documents;
use crate::components::status::Failure;
use crate::format::status_key;
use crate::format::{day, local_time, request_type_key};
use crate::i18n::{t, use_i18n};

#[component]
pub fn RequestStatusView(
    request: RequestDto,
    service: ServiceDetail,
    on_refresh: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let kind = request.request_type;
    let status = request.status;
    let documents: Vec<_> = service
        .documents
        .iter()
        .filter(|d| d.source == DocumentSource::Upload && d.applies_to(kind))
        .cloned()
        .collect();
    let files = RwSignal::new(request.files.clone());
    let name = service.name;
    let history = request.history.clone();
    let payment = request.payment.clone();
    let result = request.result.clone();
    let has_views = !request.views.is_empty();
    let views = request.views.clone();
    let session = use_session();
    let at_desk = request.desk.is_some()
        && session.user.with_untracked(|u| {
            u.as_ref()
                .is_some_and(|u| crate::components::header::is_desk_user(u.role))
        });
    let desk = request.desk.clone();
    let has_result = request.result.is_some();
    let survey_open = request.survey_open && !at_desk;
    view! {
        <article class="request request--sent" data-test="request-status-view" data-id=request.id.to_string()>
            <nav class="breadcrumbs">
                {if at_desk {
                    view! { <A href="/desk">{t("desk.title")}</A> }.into_any()
                } else {
                    view! { <A href="/requests">{t("history.title")}</A> }.into_any()
                }}
            </nav>
            <h1 data-test="request-title">{move || name.get(lang()).to_owned()}</h1>
            <dl class="facts facts--wide">
                <dt>{t("request.tax_id")}</dt>
                <dd data-test="applicant-tax-id">{request.applicant.tax_id}</dd>
                <dt>{t("request.number")}</dt>
                <dd data-test="request-number">{request.number.as_ref().map(ToString::to_string)}</dd>
                <dt>{t("request.service_type")}</dt>
                <dd>{move || i18n.t(request_type_key(kind))}</dd>
                <dt>{t("request.status")}</dt>
                <dd><span class=format!("badge badge--{}", status.code()) data-test="request-status">{move || i18n.t(status_key(status))}</span></dd>
                <dt>{t("request.deadline")}</dt>
                <dd data-test="request-due">{request.due_date.as_ref().map(day)}</dd>
                <dt>{t("request.submitted_at")}</dt>
                <dd>{request.submitted_at.as_deref().map(local_time)}</dd>
            </dl>
            <div class="actions">
                <button type="button" class="btn" data-test="refresh-status" on:click=move |_| on_refresh.run(())>
                    {t("request.refresh")}
                </button>
            </div>
            {desk.map(|d| view! { <DeskPanel request=request.id desk=d at_desk=at_desk has_result=has_result on_change=on_refresh /> })}
            {payment.map(|p| view! {
                <section class="payment" data-test="payment">
                    <h2>{t("payment.title")}</h2>
                    <p>{move || i18n.tf("payment.paid", &[("amount", p.amount.to_string())])}
                        {p.transaction.map(|tx| view! { " · " {t("payment.receipt")} " " <code>{tx}</code> })}</p>
                </section>
            })}
            <Documents request=request.id documents=documents files=files editable=false
                missing=Signal::derive(Vec::new) on_change=Callback::new(|()| ()) />
            <section class="timeline">
                <h2>{t("request.history")}</h2>
                <ol class="timeline__list">
                    {history.into_iter().map(|e| view! {
                        <li data-test="history-event">
                            <time>{local_time(&e.at)}</time>
                            " · " <strong>{move || i18n.t(status_key(e.status))}</strong>
                            {e.reason.map(|r| view! { " · " <span class="muted">{r}</span> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
            {result.map(|r| view! { <ResultPanel request=request.id result=r /> })}
            <Show when=move || has_views>
                <section class="views" data-test="views">
                    <h2>{t("request.views")}</h2>
                    <ul>
                        {views.clone().into_iter().map(|v| view! { <li><time>{local_time(&v.at)}</time> " · " {v.name} " · " {v.provider}</li> }).collect_view()}
                    </ul>
                </section>
            </Show>
            <Show when=move || survey_open>
                <Survey request=request.id />
            </Show>
        </article>
    }
}

/// How a request entered at a desk came in; for the desk, its receipt and
/// the hand-over of the result in person.
#[component]
fn DeskPanel(
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

/// The result: «Просмотр результата» shows it; «Открыть» opens the PDF;
/// «Сохранить» saves it (and its signature).
#[component]
fn ResultPanel(request: i64, result: shared::review::DecisionDto) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let shown = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);
    let name = result
        .number
        .clone()
        .unwrap_or_else(|| format!("result-{request}"));
    // The result document, or (`signature`) its ЭЦП signature.
    let fetch = move |signature: bool, then: Box<dyn Fn(Vec<u8>)>| {
        leptos::task::spawn_local(async move {
            let got = if signature {
                api::result_signature(session, request).await
            } else {
                api::result_pdf(session, request).await
            };
            match got {
                Ok(bytes) => then(bytes),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let open = move |_| {
        fetch(false, Box::new(|b| crate::components::blob::open_pdf(&b)));
    };
    let save = {
        let name = name.clone();
        move |_| {
            let n = name.clone();
            fetch(
                false,
                Box::new(move |b| save_bytes(&format!("{n}.pdf"), "application/pdf", &b)),
            );
        }
    };
    let save_sig = move |_| {
        let n = name.clone();
        fetch(
            true,
            Box::new(move |b| {
                save_bytes(&format!("{n}.pdf.p7s"), "application/pkcs7-signature", &b);
            }),
        );
    };
    let approved = result.outcome == shared::review::Outcome::Approve;
    view! {
        <section class="result" data-test="result">
            <Show when=move || shown.get() fallback=move || view! {
                <button type="button" class="btn btn--primary" data-test="show-result" on:click=move |_| shown.set(true)>{t("result.show")}</button>
            }>
                <h2>{t("result.title")}</h2>
                <p class=if approved { "alert alert--ok" } else { "alert alert--error" } data-test="result-summary">
                    {move || i18n.t(if approved { "result.approved" } else { "result.refused" })}
                    {result.number.clone().map(|n| view! { " · № " <span data-test="result-number">{n}</span> })}
                </p>
                {(!result.reasons.is_empty()).then(|| view! { <p data-test="result-reasons">{result.reasons.clone()}</p> })}
                <p class="muted small">{t("result.signed_by")} " " {result.signed_by.clone()} " · " {result.signed_at.as_deref().map(local_time)}</p>
                {move || failure.get().map(|e| view! { <Failure failure=e /> })}
                <div class="actions">
                    <button type="button" class="btn" data-test="open-result" on:click=open>{t("result.open")}</button>
                    <button type="button" class="btn" data-test="save-result" on:click=save.clone()>{t("result.save")}</button>
                    <button type="button" class="btn btn--ghost" data-test="save-signature" on:click=save_sig.clone()>{t("result.save_signature")}</button>
                    {result.number.clone().map(|n| view! { <A href=format!("/verify/{n}") attr:class="btn btn--ghost">{t("result.verify")}</A> })}
                </div>
            </Show>
        </section>
    }
}

/// The quality survey (SPEC §7): two questions, three answers each, both
/// optional, once per request.
#[component]
fn Survey(request: i64) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let process = RwSignal::new(None::<Satisfaction>);
    let information = RwSignal::new(None::<Satisfaction>);
    let sent = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = SurveyBody {
            answers: SurveyAnswers {
                process: process.get_untracked(),
                information: information.get_untracked(),
            },
            lang: i18n.lang.get_untracked(),
        };
        leptos::task::spawn_local(async move {
            match api::answer_survey(session, request, &body).await {
                Ok(()) => sent.set(true),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let question = move |name: &'static str,
                         label: &'static str,
                         value: RwSignal<Option<Satisfaction>>| {
        view! {
            <fieldset class="field" data-test=format!("survey-{name}")>
                <legend>{t(label)}</legend>
                {Satisfaction::ALL.into_iter().map(|s| {
                    let id = format!("survey-{name}-{}", s.code());
                    view! {
                        <label class="choice" for=id>
                            <input type="radio" id=id.clone() name=name value=s.code() data-test=id.clone()
                                prop:checked=move || value.get() == Some(s)
                                on:change=move |_| value.set(Some(s)) />
                            {move || i18n.t(&format!("survey.{}", s.code()))}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }
    };
    view! {
        <section class="survey" data-test="survey">
            <h2>{t("survey.title")}</h2>
            <Show when=move || !sent.get() fallback=|| view! { <p class="alert alert--ok" role="status" data-test="survey-thanks">{t("survey.thanks")}</p> }>
                <form on:submit=send>
                    <p class="muted small">{t("survey.optional")}</p>
                    {question("process", "survey.process", process)}
                    {question("information", "survey.information", information)}
                    {move || failure.get().map(|e| view! { <Failure failure=e /> })}
                    <button type="submit" class="btn btn--primary" data-test="survey-send">{t("survey.send")}</button>
                </form>
            </Show>
        </section>
    }
}
