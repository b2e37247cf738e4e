//! A request under review: the applicant, the answers, the files, the
//! payment, the signature report, the history; taking, assigning,
//! releasing.

use crate::api::{self, ApiFailure, use_session};
use crate::components::answer::answer_text;
use crate::components::answer::request_type_name;
use crate::components::blob::{open_blob, save_bytes};
use crate::components::status::{Failure, Loading, write_failure};
use crate::format::local_time;
use crate::format::manual_reason_key;
use crate::format::status_key;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::catalog::ServiceDetail;
use shared::request::RequestStatus;
use shared::review::{DecisionStatus, Outcome, ReviewDto};

use super::decide::Decide;
use super::inquire::InquirePanel;
use super::intake::Intake;
use super::signature::SignatureCard;

#[component]
pub fn ReviewRequestPage() -> impl IntoView {
    let session = use_session();
    let id = crate::pages::use_id_param();
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
pub fn Review(review: ReviewDto, service: ServiceDetail, on_change: Callback<()>) -> impl IntoView {
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
    // Taking, releasing, assigning: the request reloads after each.
    let assignment = Action::new_local(move |change: &Assignment| {
        let change = *change;
        async move {
            match change {
                Assignment::Act(action) => api::review_action(session, id, action).await?,
                Assignment::To(user) => api::assign(session, id, user).await?,
            }
            on_change.run(());
            Ok::<(), ApiFailure>(())
        }
    });
    let act = move |action: &'static str| {
        assignment.dispatch_local(Assignment::Act(action));
    };
    let assign_to = RwSignal::new(String::new());
    let assign = move |_| {
        let Ok(user) = assign_to.get_untracked().parse::<i64>() else {
            return;
        };
        assignment.dispatch_local(Assignment::To(user));
    };
    let fields = service.fields.clone();
    let answers = review.answers.clone();
    let answer_rows: Vec<(String, String)> = fields
        .iter()
        .filter_map(|f| {
            answers
                .get(&f.key)
                .map(|v| (f.label.get(lang()).to_owned(), answer_text(i18n, f, v)))
        })
        .collect();
    let file_action = Callback::new(
        move |(file, name, mime, inline): (i64, String, &'static str, bool)| {
            leptos::task::spawn_local(async move {
                match api::file_bytes(session, id, file).await {
                    Ok(bytes) if inline => open_blob(&bytes, mime),
                    Ok(bytes) => save_bytes(&name, mime, &bytes),
                    Err(e) => failure.set(Some(e)),
                }
            });
        },
    );
    let (intake, intake_service) = (review.clone(), service.clone());
    let colleagues = review.colleagues.clone();
    let signature = review.signature.clone();
    let payment = review.payment.clone();
    let history = review.history.clone();
    let decision = review.decision.clone();
    let type_name = request_type_name(
        i18n,
        review.request_type,
        service.type_label(review.request_type),
    );
    let name = service.name;
    view! {
        <article class="review-request" data-test="review-request" data-id=id.to_string()>
            <nav class="breadcrumbs"><A href="/review">{t("review.title")}</A></nav>
            <h1>{move || name.get(lang()).to_owned()} " · " {review.number.as_ref().map(ToString::to_string)}</h1>
            <p class="muted">
                {type_name} " · "
                <span data-test="review-status">{move || i18n.t(status_key(review.status))}</span>
                {review.days_left.map(|d| view! { " · " <span class:overdue={d < 0}>{move || i18n.tf("review.days_left_n", &[("n", d.to_string())])}</span> })}
            </p>
            {review.manual_reason.filter(|_| !decided).map(|r| view! {
                <p class="alert alert--info" data-test="manual-reason">{t("review.manual_intro")} " " {move || i18n.t(manual_reason_key(r))}</p>
            })}
            {review.due_unconfirmed.then(|| view! {
                <p class="alert alert--info" data-test="due-unconfirmed">{t("review.due_unconfirmed")}</p>
            })}
            {move || failure.get().map(|e| view! { <Failure failure=e /> })}
            {write_failure(assignment)}
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
                <dl class="answers" data-test="review-answers">
                    {answer_rows.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
                </dl>
            </section>
            <Intake review=intake service=intake_service file_action=file_action />
            {payment.map(|p| view! {
                <section><h2>{t("payment.title")}</h2>
                    <p data-test="review-payment">{move || i18n.tf("payment.paid", &[("amount", p.amount.to_string())])} " · " {t("payment.receipt")} " " <code>{p.transaction}</code></p>
                </section>
            })}
            {signature.map(|s| view! { <SignatureCard report=s /> })}
            <section class="timeline"><h2>{t("request.history")}</h2>
                <ol class="timeline__list">
                    {history.into_iter().map(|e| view! {
                        <li><time>{local_time(&e.at)}</time> " · " <strong>{move || i18n.t(status_key(e.status))}</strong>
                            {e.reason.map(|r| view! { " · " <span class="muted">{r}</span> })}</li>
                    }).collect_view()}
                </ol>
            </section>
            <InquirePanel request=id inquiries=review.inquiries.clone() may_ask=mine && !decided on_change=on_change />
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

/// A change of who reviews the request.
#[derive(Clone, Copy)]
enum Assignment {
    /// `take` or `release`.
    Act(&'static str),
    /// To the colleague of this id.
    To(i64),
}
