//! The reviewers' dashboard (SPEC §3 steps 7–8): the provider's queue with
//! its filters and «Следующий запрос», and a request under review: the
//! applicant, the answers, the files, the payment, the signature report,
//! the history; taking, assigning, releasing; the qualification checklist
//! and the decision, whose result document the reviewer signs with the ЭЦП.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared::ErrorCode;
use shared::catalog::{RequestType, ServiceDetail};
use shared::eds::KeyPurpose;
use shared::request::RequestStatus;
use shared::review::{
    ChecklistMark, DecisionDraft, DecisionStatus, DueFilter, Outcome, QueueQuery, ReviewDto,
};

use crate::api::{self, ApiFailure, use_session};
use crate::components::blob::{open_blob, open_pdf, save_bytes};
use crate::components::keystore::{Keystore, KeystoreFields};
use crate::components::status::{Failure, Loading};
use crate::format::request_type_key;
use crate::format::status_key;
use crate::format::{day, local_time};
use crate::i18n::{t, use_i18n};

/// Rows of the queue per «Показать ещё».
const QUEUE_PAGE: u32 = 50;

#[component]
pub fn ReviewQueuePage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let service = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiFailure>);
    // Rows shown: a page at first, a page more each «Показать ещё»; one row
    // beyond them is asked for to know whether there are more.
    let shown = RwSignal::new(QUEUE_PAGE);
    let rows = LocalResource::new(move || {
        let q = QueueQuery {
            service: Some(service.get()).filter(|s| !s.is_empty()),
            request_type: RequestType::parse(&kind.get()),
            status: RequestStatus::parse(&status.get()),
            due: match due.get().as_str() {
                "overdue" => Some(DueFilter::Overdue),
                "soon" => Some(DueFilter::Soon),
                _ => None,
            },
            limit: Some(shown.get() + 1),
            offset: None,
        };
        async move { api::queue(session, &q).await }
    });
    let services =
        LocalResource::new(|| api::services::<shared::catalog::ServiceCard>(Default::default()));
    let service_name = move |code: &str| {
        services
            .get()
            .and_then(Result::ok)
            .and_then(|l| l.into_iter().find(|s| s.code == code))
            .map(|s| s.name.get(i18n.lang.get()).to_owned())
            .unwrap_or_else(|| code.to_owned())
    };
    let next = move |_| {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match api::next_request(session).await {
                Ok(id) => navigate(&format!("/review/{id}"), Default::default()),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let select = move |id: &'static str,
                       label: &'static str,
                       value: RwSignal<String>,
                       options: Vec<(String, String)>| {
        view! {
            <div class="field field--inline">
                <label for=id>{t(label)}</label>
                <select id=id data-test=id on:change=move |ev| { shown.set(QUEUE_PAGE); value.set(event_target_value(&ev)) }>
                    <option value="">{t("history.all")}</option>
                    {options.into_iter().map(|(v, k)| view! { <option value=v>{move || i18n.t(&k)}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    view! {
        <section class="review" data-test="review-queue">
            <h1>{t("review.title")}</h1>
            <div class="actions">
                <button type="button" class="btn btn--primary" data-test="next-request" on:click=next>{t("review.next")}</button>
            </div>
            {move || failure.get().map(|e| view! { <Failure failure=e /> })}
            <div class="filters">
                <div class="field field--inline">
                    <label for="queue-service">{t("history.service")}</label>
                    <select id="queue-service" data-test="queue-service" on:change=move |ev| { shown.set(QUEUE_PAGE); service.set(event_target_value(&ev)) }>
                        <option value="">{t("history.all")}</option>
                        {move || services.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|s| {
                            let name = s.name.clone();
                            view! { <option value=s.code>{move || name.get(i18n.lang.get()).to_owned()}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {select("queue-type", "review.type", kind, RequestType::ALL.iter().map(|k| (k.code().to_owned(), request_type_key(*k).to_owned())).collect())}
                {select("queue-status", "history.status", status, [RequestStatus::Submitted, RequestStatus::InReview, RequestStatus::Approved, RequestStatus::Refused].iter().map(|s| (s.code().to_owned(), status_key(*s).to_owned())).collect())}
                {select("queue-due", "review.due", due, vec![("overdue".to_owned(), "review.overdue".to_owned()), ("soon".to_owned(), "review.soon".to_owned())])}
            </div>
            <Transition fallback=Loading>
                {move || rows.get().map(|r| match r {
                    Ok(list) if list.is_empty() => view! { <p class="muted" data-test="queue-empty">{t("review.empty")}</p> }.into_any(),
                    Ok(mut list) => {
                        let more = list.len() > shown.get_untracked() as usize;
                        list.truncate(shown.get_untracked() as usize);
                        view! {
                        <div class="table-wrap">
                            <table class="table" data-test="queue">
                                <thead><tr>
                                    <th>{t("request.number")}</th><th>{t("request.applicant")}</th><th>{t("history.service")}</th>
                                    <th>{t("review.type")}</th><th>{t("history.status")}</th><th>{t("review.days_left")}</th><th>{t("review.assignee")}</th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|row| {
                                        let code = row.service.clone();
                                        let overdue = row.days_left.is_some_and(|d| d < 0);
                                        view! {
                                            <tr data-test="queue-row" data-id=row.id.to_string()>
                                                <td><A href=format!("/review/{}", row.id)>{row.number.as_ref().map(ToString::to_string).unwrap_or_default()}</A></td>
                                                <td>{row.applicant.clone()} <br/><span class="muted small">{row.applicant_tax_id.clone()}</span></td>
                                                <td>{move || service_name(&code)}</td>
                                                <td>{move || i18n.t(request_type_key(row.request_type))}</td>
                                                <td>{move || i18n.t(status_key(row.status))}</td>
                                                <td class:overdue=overdue data-test="days-left">
                                                    {row.days_left.map(|d| d.to_string())}
                                                    {row.due_date.as_ref().map(|d| view! { <br/><span class="muted small">{day(d)}</span> })}
                                                </td>
                                                <td>{row.assignee.as_ref().map(|a| a.name.clone())}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        {more.then(|| view! {
                            <button type="button" class="btn" data-test="queue-more"
                                on:click=move |_| shown.update(|n| *n += QUEUE_PAGE)>{t("review.more")}</button>
                        })}
                    }.into_any()
                    }
                    Err(e) => view! { <Failure failure=e /> }.into_any(),
                })}
            </Transition>
            <section class="dashboard-stats" data-test="dashboard-stats">
                <h2>{t("stats.title")}</h2>
                <crate::pages::stats::Stats provider=session.user.get_untracked().and_then(|u| u.provider_code) />
            </section>
        </section>
    }
}

#[component]
pub fn ReviewRequestPage() -> impl IntoView {
    let session = use_session();
    let id = super::use_id_param();
    let loaded = LocalResource::new(move || {
        let id = id.get();
        async move {
            let review = api::review(session, id).await?;
            let service = api::service(review.service.clone()).await?;
            Ok::<_, ApiFailure>((review, service))
        }
    });
    view! {
        <Transition fallback=Loading>
            {move || loaded.get().map(|r| match r {
                Ok((review, service)) => view! { <Review review=review service=service on_change=Callback::new(move |()| loaded.refetch()) /> }.into_any(),
                Err(e) => view! { <Failure failure=e /> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Review(review: ReviewDto, service: ServiceDetail, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let lang = move || i18n.lang.get();
    let id = review.id;
    let me = session.user.get_untracked().map(|u| u.id);
    let mine = review.assignee.as_ref().map(|a| a.id) == me && me.is_some();
    let decided = matches!(
        review.status,
        RequestStatus::Approved | RequestStatus::Refused
    );
    let failure = RwSignal::new(None::<ApiFailure>);
    let act = move |action: &'static str| {
        leptos::task::spawn_local(async move {
            match api::review_action(session, id, action).await {
                Ok(()) => on_change.run(()),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let assign_to = RwSignal::new(String::new());
    let assign = move |_| {
        let Ok(user) = assign_to.get_untracked().parse::<i64>() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match api::assign(session, id, user).await {
                Ok(()) => on_change.run(()),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let fields = service.fields.clone();
    let answers = review.answers.clone();
    let answer_rows: Vec<(String, String)> = fields
        .iter()
        .filter_map(|f| {
            answers
                .get(&f.key)
                .map(|v| (f.label.get(lang()).to_owned(), v.clone()))
        })
        .collect();
    let files = review.files.clone();
    let file_action = move |file: i64, name: String, mime: &'static str, inline: bool| {
        leptos::task::spawn_local(async move {
            match api::file_bytes(session, id, file).await {
                Ok(bytes) if inline => open_blob(&bytes, mime),
                Ok(bytes) => save_bytes(&name, mime, &bytes),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let colleagues = review.colleagues.clone();
    let signature = review.signature.clone();
    let payment = review.payment.clone();
    let history = review.history.clone();
    let decision = review.decision.clone();
    let name = service.name;
    view! {
        <article class="review-request" data-test="review-request" data-id=id.to_string()>
            <nav class="breadcrumbs"><A href="/review">{t("review.title")}</A></nav>
            <h1>{move || name.get(lang()).to_owned()} " · " {review.number.as_ref().map(ToString::to_string)}</h1>
            <p class="muted">
                {move || i18n.t(request_type_key(review.request_type))} " · "
                <span data-test="review-status">{move || i18n.t(status_key(review.status))}</span>
                {review.days_left.map(|d| view! { " · " <span class:overdue={d < 0}>{move || i18n.tf("review.days_left_n", &[("n", d.to_string())])}</span> })}
            </p>
            {move || failure.get().map(|e| view! { <Failure failure=e /> })}
            <section class="assign" data-test="assignment">
                <p>{t("review.assignee")} ": " <strong data-test="assignee">{review.assignee.as_ref().map_or_else(|| i18n.t("review.nobody"), |a| a.name.clone())}</strong></p>
                <Show when=move || !decided>
                    <div class="actions">
                        <Show when=move || !mine>
                            <button type="button" class="btn btn--primary" data-test="take" on:click=move |_| act("take")>{t("review.take")}</button>
                        </Show>
                        <Show when=move || mine>
                            <button type="button" class="btn" data-test="release" on:click=move |_| act("release")>{t("review.release")}</button>
                        </Show>
                        <label for="assign-to" class="visually-hidden">{t("review.assign_to")}</label>
                        <select id="assign-to" data-test="assign-to" on:change=move |ev| assign_to.set(event_target_value(&ev))>
                            <option value="">{t("review.assign_to")}</option>
                            {colleagues.iter().map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> }).collect_view()}
                        </select>
                        <button type="button" class="btn" data-test="assign" on:click=assign>{t("review.assign")}</button>
                    </div>
                </Show>
            </section>
            <section>
                <h2>{t("request.applicant")}</h2>
                <dl class="facts">
                    <dt>{t("request.tax_id")}</dt><dd data-test="review-applicant-id">{review.applicant.tax_id.clone()}</dd>
                    <dt>{t("request.name")}</dt><dd>{review.applicant.name.clone()}</dd>
                    <dt>{t("review.contacts")}</dt><dd>{review.applicant.phone.clone()} " · " {review.applicant.email.clone()}</dd>
                    {review.license.clone().map(|l| view! { <dt>{t("request.license")}</dt><dd>{l}</dd> })}
                </dl>
            </section>
            <section>
                <h2>{t("review.answers")}</h2>
                <dl class="answers">
                    {answer_rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            </section>
            <section>
                <h2>{t("documents.title")}</h2>
                <ul class="document__files" data-test="review-files">
                    {files.into_iter().map(|f| {
                        let (n1, n2) = (f.name.clone(), f.name.clone());
                        let mime = f.media_type.mime();
                        view! {
                            <li>
                                <span>{f.name.clone()}</span>
                                <button type="button" class="btn btn--small" on:click=move |_| file_action(f.id, n1.clone(), mime, true)>{t("review.view")}</button>
                                <button type="button" class="btn btn--small btn--ghost" on:click=move |_| file_action(f.id, n2.clone(), mime, false)>{t("review.download")}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            {payment.map(|p| view! {
                <section><h2>{t("payment.title")}</h2>
                    <p data-test="review-payment">{move || i18n.tf("payment.paid", &[("amount", p.amount.to_string())])} " · " {t("payment.receipt")} " " <code>{p.transaction}</code></p>
                </section>
            })}
            {signature.map(|s| view! {
                <section data-test="signature-report"><h2>{t("review.signature")}</h2>
                    <dl class="facts">
                        <dt>{t("review.signer")}</dt><dd>{s.name.clone()} " " {s.iin.clone()} " " {s.bin.clone()}</dd>
                        <dt>{t("review.serial")}</dt><dd><code>{s.serial.clone()}</code></dd>
                        <dt>{t("review.signed_at")}</dt><dd>{local_time(&s.signing_time)}</dd>
                        <dt>{t("review.checked_at")}</dt><dd>{local_time(&s.validated_at)}</dd>
                        <dt>{t("review.path")}</dt><dd>{s.path.join(" → ")}</dd>
                    </dl>
                </section>
            })}
            <section class="timeline"><h2>{t("request.history")}</h2>
                <ol class="timeline__list">
                    {history.into_iter().map(|e| view! {
                        <li><time>{local_time(&e.at)}</time> " · " <strong>{move || i18n.t(status_key(e.status))}</strong>
                            {e.reason.map(|r| view! { " · " <span class="muted">{r}</span> })}</li>
                    }).collect_view()}
                </ol>
            </section>
            <Show when=move || mine && !decided>
                <Decide review=review.clone() on_change=on_change />
            </Show>
            {decision.filter(|d| d.status == DecisionStatus::Signed).map(|d| view! {
                <p class="alert alert--ok" data-test="decision-signed">
                    {move || i18n.t(if d.outcome == Outcome::Approve { "review.approved" } else { "review.refused" })}
                    " " {d.number}
                </p>
            })}
        </article>
    }
}

/// The checklist and the decision: the result document made, then signed.
#[component]
fn Decide(review: ReviewDto, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let lang = move || i18n.lang.get();
    let id = review.id;
    let marks: Vec<(
        shared::catalog::ChecklistItem,
        RwSignal<String>,
        RwSignal<String>,
    )> = review
        .checklist
        .iter()
        .map(|item| {
            (
                item.clone(),
                RwSignal::new(String::new()),
                RwSignal::new(String::new()),
            )
        })
        .collect();
    let marks = StoredValue::new(marks);
    let outcome = RwSignal::new(String::new());
    let reasons = RwSignal::new(String::new());
    let failure = RwSignal::new(None::<ApiFailure>);
    let problems = RwSignal::new(shared::FieldErrors::new());
    let draft = RwSignal::new(
        review
            .decision
            .filter(|d| d.status == DecisionStatus::Draft),
    );
    let keystore = Keystore::new();
    let busy = RwSignal::new(false);

    let make = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let checklist: Vec<ChecklistMark> = marks.with_value(|m| {
            m.iter()
                .filter(|(_, met, _)| !met.get_untracked().is_empty())
                .map(|(item, met, comment)| ChecklistMark {
                    code: item.code.clone(),
                    met: met.get_untracked() == "met",
                    comment: comment.get_untracked(),
                })
                .collect()
        });
        let outcome = match outcome.get_untracked().as_str() {
            "approve" => Outcome::Approve,
            "refuse" => Outcome::Refuse,
            _ => {
                problems.set([("outcome".to_owned(), vec![shared::FieldCode::Required])].into());
                return;
            }
        };
        let body = DecisionDraft {
            outcome,
            checklist,
            reasons: reasons.get_untracked(),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::draft_decision(session, id, &body).await {
                Ok(d) => {
                    problems.set(Default::default());
                    failure.set(None);
                    draft.set(Some(d));
                }
                Err(e) => {
                    problems.set(e.fields());
                    failure.set(Some(e));
                }
            }
            busy.set(false);
        });
    };
    let open_draft = move |_| {
        let Some(d) = draft.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Ok(bytes) = api::decision_pdf(session, d.id).await {
                open_pdf(&bytes);
            }
        });
    };
    let sign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(d) = draft.get_untracked() else {
            return;
        };
        let user = session.user.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let outcome = async {
                let pdf = api::decision_pdf(session, d.id).await?;
                let iin = user.map(|u| u.id_number);
                let Some(signed) = keystore.sign_as(KeyPurpose::Signing, &pdf, iin, None).await
                else {
                    return Ok(false);
                };
                api::sign_decision(session, d.id, crate::eds::base64(&signed.cms)).await?;
                Ok::<_, ApiFailure>(true)
            }
            .await;
            match outcome {
                Ok(true) => on_change.run(()),
                Ok(false) => {}
                Err(e) => match e.code() {
                    Some(ErrorCode::SignatureRejected { reason }) => keystore.refused(reason),
                    _ => failure.set(Some(e)),
                },
            }
            busy.set(false);
        });
    };
    let field_errors = move |key: String| {
        problems
            .with(|p| p.get(&key).cloned().unwrap_or_default())
            .into_iter()
            .map(|c| i18n.field(&c))
            .collect::<Vec<_>>()
            .join("; ")
    };
    view! {
        <section class="decide" data-test="decide">
            <h2>{t("review.checklist")}</h2>
            {move || failure.get().map(|e| view! { <Failure failure=e /> })}
            <form on:submit=make data-test="decision-form">
                {move || marks.with_value(|m| m.iter().map(|(item, met, comment)| {
                    let (met, comment) = (*met, *comment);
                    let code = item.code.clone();
                    let text = item.text.clone();
                    let key = format!("checklist.{code}");
                    view! {
                        <fieldset class="field" data-test=format!("check-{code}")>
                            <legend>{move || text.get(lang()).to_owned()}</legend>
                            <label class="choice"><input type="radio" name=key.clone() data-test=format!("check-{code}-met")
                                on:change=move |_| met.set("met".into()) /> {t("review.met")}</label>
                            <label class="choice"><input type="radio" name=key.clone() data-test=format!("check-{code}-unmet")
                                on:change=move |_| met.set("unmet".into()) /> {t("review.unmet")}</label>
                            <label for=format!("{key}-comment")>{t("review.comment")}</label>
                            <input id=format!("{key}-comment") data-test=format!("check-{code}-comment") maxlength="1000"
                                prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev)) />
                            <p class="field__error">{move || field_errors(key.clone())}</p>
                        </fieldset>
                    }
                }).collect_view())}
                <fieldset class="field" data-test="outcome">
                    <legend>{t("review.outcome")}</legend>
                    <label class="choice"><input type="radio" name="outcome" data-test="outcome-approve" on:change=move |_| outcome.set("approve".into()) /> {t("review.approve")}</label>
                    <label class="choice"><input type="radio" name="outcome" data-test="outcome-refuse" on:change=move |_| outcome.set("refuse".into()) /> {t("review.refuse")}</label>
                    <p class="field__error" data-test="outcome-error">{move || field_errors("outcome".into())}</p>
                </fieldset>
                <div class="field">
                    <label for="reasons">{t("review.reasons")}</label>
                    <textarea id="reasons" data-test="reasons" maxlength="4000" prop:value=move || reasons.get()
                        on:input=move |ev| reasons.set(event_target_value(&ev))></textarea>
                </div>
                <button type="submit" class="btn btn--primary" data-test="make-document" disabled=move || busy.get()>{t("review.make_document")}</button>
            </form>
            <Show when=move || draft.get().is_some()>
                <form class="sign" on:submit=sign data-test="decision-sign-form">
                    <h2>{t("review.sign_title")}</h2>
                    <p>{move || draft.get().map(|d| i18n.t(if d.outcome == Outcome::Approve { "review.approve" } else { "review.refuse" }))}
                        " " {move || draft.get().and_then(|d| d.number)}</p>
                    <button type="button" class="btn" data-test="open-document" on:click=open_draft>{t("review.open_document")}</button>
                    <KeystoreFields keystore=keystore />
                    <button type="submit" class="btn btn--primary" data-test="sign-decision" disabled=move || busy.get()>{t("sign.button")}</button>
                </form>
            </Show>
        </section>
    }
}
