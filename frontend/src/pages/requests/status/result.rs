//! The result of a decided request (shown, opened, saved with its
//! signature) and the quality survey.

use crate::api::{self, ApiFailure, use_session};
use crate::components::blob::save_bytes;
use crate::components::status::{Failure, write_failure};
use crate::format::local_time;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use leptos_router::components::A;
use shared::FieldCode;
use shared::catalog::SurveyForm;
use shared::request::{Satisfaction, SurveyAnswers, SurveyBody};

/// The result: «Просмотр результата» shows it; «Открыть» opens the PDF;
/// «Сохранить» saves it (and its signature).
#[component]
pub fn ResultPanel(request: i64, result: shared::review::DecisionDto) -> impl IntoView {
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

/// The quality survey (SPEC §7) in the words of the service's own
/// regulation (its `survey` in the catalog), headed with the service's
/// name: two questions, three answers each, once per request. Answering is optional, but an answer has both questions
/// answered (an empty one would count nothing and close the survey).
#[component]
pub fn Survey(request: i64, form: SurveyForm, service: shared::Text) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let process = RwSignal::new(None::<Satisfaction>);
    let information = RwSignal::new(None::<Satisfaction>);
    let sent = RwSignal::new(false);
    let unanswered = RwSignal::new(Vec::<&'static str>::new());
    let answer = Action::new_local(move |body: &SurveyBody| {
        let body = *body;
        async move {
            let done = api::answer_survey(session, request, &body).await;
            if done.is_ok() {
                sent.set(true);
            }
            done
        }
    });
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let missing: Vec<&'static str> = [("process", process), ("information", information)]
            .into_iter()
            .filter(|(_, v)| v.get_untracked().is_none())
            .map(|(name, _)| name)
            .collect();
        unanswered.set(missing.clone());
        if !missing.is_empty() {
            return;
        }
        let body = SurveyBody {
            answers: SurveyAnswers {
                process: process.get_untracked(),
                information: information.get_untracked(),
            },
            lang: i18n.lang.get_untracked(),
        };
        answer.dispatch_local(body);
    };
    let form = StoredValue::new(form);
    let text = move |f: fn(&SurveyForm) -> &shared::Text| {
        move || form.with_value(|s| f(s).get(i18n.lang.get()).to_owned())
    };
    let answer_text = move |s: Satisfaction| match s {
        Satisfaction::NotSatisfied => text(|f| &f.not_satisfied)(),
        Satisfaction::Partially => text(|f| &f.partially)(),
        Satisfaction::Satisfied => text(|f| &f.satisfied)(),
    };
    let question = move |name: &'static str,
                         label: fn(&SurveyForm) -> &shared::Text,
                         value: RwSignal<Option<Satisfaction>>| {
        let error_id = format!("survey-{name}-error");
        let invalid = move || unanswered.get().contains(&name);
        view! {
            <fieldset class="field" class:field--invalid=invalid data-test=format!("survey-{name}")
                aria-describedby=move || invalid().then(|| error_id.clone())>
                <legend>{text(label)}</legend>
                {Satisfaction::ALL.into_iter().map(|s| {
                    let id = format!("survey-{name}-{}", s.code());
                    view! {
                        <label class="choice" for=id>
                            <input type="radio" id=id.clone() name=name value=s.code() data-test=id.clone()
                                prop:checked=move || value.get() == Some(s)
                                on:change=move |_| {
                                    value.set(Some(s));
                                    unanswered.update(|u| u.retain(|n| *n != name));
                                } />
                            {move || answer_text(s)}
                        </label>
                    }
                }).collect_view()}
                <Show when=invalid>
                    <ul class="field__errors" id=format!("survey-{name}-error") data-test=format!("survey-{name}-error")>
                        <li>{move || i18n.field(&FieldCode::Required)}</li>
                    </ul>
                </Show>
            </fieldset>
        }
    };
    view! {
        <section class="survey" data-test="survey">
            <h2 data-test="survey-title">{text(|f| &f.title)}</h2>
            <p class="muted" data-test="survey-service">{move || service.get(i18n.lang.get()).to_owned()}</p>
            <Show when=move || !sent.get() fallback=|| view! { <p class="alert alert--ok" role="status" data-test="survey-thanks">{t("survey.thanks")}</p> }>
                <form on:submit=send>
                    <p class="muted small">{t("survey.optional")}</p>
                    {question("process", |f| &f.process, process)}
                    {question("information", |f| &f.information, information)}
                    {write_failure(answer)}
                    <button type="submit" class="btn btn--primary" data-test="survey-send">{t("survey.send")}</button>
                </form>
            </Show>
        </section>
    }
}
