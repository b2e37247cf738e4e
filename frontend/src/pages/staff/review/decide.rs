//! The qualification checklist and the decision, whose result document the
//! reviewer signs with the ЭЦП.

use crate::api::{self, ApiFailure, use_session};
use crate::components::blob::open_pdf;
use crate::components::keystore::{Keystore, KeystoreFields};
use crate::components::status::write_failure;
use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use shared::ErrorCode;
use shared::eds::KeyPurpose;
use shared::review::{
    ChecklistMark, DecisionDraft, DecisionDto, DecisionStatus, Outcome, ReviewDto,
};

/// The checklist and the decision: the result document made, then signed.
#[component]
pub fn Decide(review: ReviewDto, on_change: Callback<()>) -> impl IntoView {
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
    let problems = RwSignal::new(shared::FieldErrors::new());
    let draft = RwSignal::new(
        review
            .decision
            .filter(|d| d.status == DecisionStatus::Draft),
    );
    let keystore = Keystore::new();
    let user = session.user;
    // The two writes, one at a time: the document made, then signed.
    let write = Action::new_local(move |step: &Step| {
        let step = step.clone();
        async move {
            match step {
                Step::Make(body) => match api::draft_decision(session, id, &body).await {
                    Ok(d) => {
                        problems.set(Default::default());
                        draft.set(Some(d));
                        Ok(())
                    }
                    Err(e) => {
                        problems.set(e.fields());
                        Err(e)
                    }
                },
                Step::Sign(d) => {
                    let iin = user.get_untracked().map(|u| u.id_number);
                    match sign_draft(session, keystore, d.id, iin).await {
                        Ok(true) => {
                            on_change.run(());
                            Ok(())
                        }
                        Ok(false) => Ok(()),
                        Err(e) => match e.code() {
                            Some(ErrorCode::SignatureRejected { reason }) => {
                                keystore.refused(reason);
                                Ok(())
                            }
                            _ => Err(e),
                        },
                    }
                }
            }
        }
    });
    let busy = write.pending();

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
        write.dispatch_local(Step::Make(body));
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
        write.dispatch_local(Step::Sign(d));
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
            {write_failure(write)}
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

/// A write of the decision.
#[derive(Clone)]
enum Step {
    /// The result document made from the checklist and the outcome.
    Make(DecisionDraft),
    /// The made document signed.
    Sign(DecisionDto),
}

/// The decision `decision`'s document signed with the signing key (as
/// `iin`) and sent; `false` when the user closed the key store.
async fn sign_draft(
    session: api::Session,
    keystore: Keystore,
    decision: i64,
    iin: Option<String>,
) -> Result<bool, ApiFailure> {
    let pdf = api::decision_pdf(session, decision).await?;
    let Some(signed) = keystore.sign_as(KeyPurpose::Signing, &pdf, iin, None).await else {
        return Ok(false);
    };
    api::sign_decision(session, decision, crate::eds::base64(&signed.cms)).await?;
    Ok(true)
}
