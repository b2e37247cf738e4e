//! The provider's inquiries on a request — preliminary refusals and
//! requests for documents — with the applicant's answers and their files,
//! as both the applicant and the reviewer read them.

use leptos::prelude::*;
use shared::request::inquiry::{InquiryDto, InquiryKind};

use crate::format::{day, local_time};
use crate::i18n::{t, use_i18n};

/// The i18n key of what an inquiry is.
pub fn inquiry_kind_key(kind: InquiryKind) -> &'static str {
    match kind {
        InquiryKind::Hearing => "inquiry.hearing",
        InquiryKind::Documents => "inquiry.documents",
    }
}

/// Every inquiry of a request, the first asked first.
#[component]
pub fn InquiryList(inquiries: Vec<InquiryDto>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="inquiries" data-test="inquiries">
            {inquiries.into_iter().map(|q| {
                let kind = q.kind;
                view! {
                    <li class="inquiry" data-test="inquiry" data-kind=kind.code()>
                        <p>
                            <strong>{move || i18n.t(inquiry_kind_key(kind))}</strong>
                            " · " <time>{local_time(&q.asked_at)}</time>
                            {q.answer_due.as_ref().map(|d| {
                                let d = day(d);
                                view! { " · " <span data-test="inquiry-due">{move || i18n.tf("inquiry.answer_by", &[("date", d.clone())])}</span> }
                            })}
                        </p>
                        <p class="inquiry__message" data-test="inquiry-message">{q.message.clone()}</p>
                        {q.answered_at.as_ref().map(|at| view! {
                            <p data-test="inquiry-answer">
                                {t("inquiry.answered")} " " <time>{local_time(at)}</time>
                                {q.answer.clone().filter(|a| !a.is_empty()).map(|a| view! { ": " <span>{a}</span> })}
                            </p>
                        })}
                        {(!q.files.is_empty()).then(|| view! {
                            <ul data-test="inquiry-files">
                                {q.files.iter().map(|f| view! { <li>{f.name.clone()}</li> }).collect_view()}
                            </ul>
                        })}
                        {(q.answered_at.is_none() && !q.open).then(|| view! {
                            <p class="muted" data-test="inquiry-unanswered">{t("inquiry.unanswered")}</p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
