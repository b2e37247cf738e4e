//! The qualification checklist and the decision, whose result document the
//! reviewer signs with the ЭЦП.

use crate::api::{self, ApiFailure, use_session};
use crate::components::blob::open_pdf;
use crate::components::keystore::{Keystore, KeystoreFields};
use crate::components::status::write_failure;
use crate::i18n::{t, use_i18n};

use super::checklist::{DecisionForm, Mark};
use leptos::prelude::*;
use shared::eds::KeyPurpose;
use shared::review::{
    ChecklistMark, DecisionDraft, DecisionDto, DecisionStatus, Outcome, ReviewDto,
};

/// The checklist and the decision: the result document made, then signed.
#[component]
pub fn Decide(review: ReviewDto, on_change: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let id = review.id;
    let marks: Vec<Mark> = review
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
                        Err(e) => keystore.unless_refused(e).map_or(Ok(()), Err),
                    }
                }
            }
        }
    });
    let busy = write.pending();

    let make = Callback::new(move |()| {
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
    });
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
    view! {
        <section class="decide" data-test="decide">
            <h2>{t("review.checklist")}</h2>
            {write_failure(write)}
            <DecisionForm marks=marks outcome=outcome reasons=reasons problems=problems busy=busy make=make />
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
