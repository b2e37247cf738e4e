//! The reviewers' side: the queue, a request under review, its decision.

use shared::review::{
    AssignTo, DecisionDraft, DecisionDto, QueueQuery, QueueRow, ReviewDto, SignDecision,
};

use super::failure::ApiFailure;
use super::http::{Method, encode, json};
use super::session::{Session, authed, authed_unit, bytes};

/// The reviewer's queue.
pub async fn queue(session: Session, q: &QueueQuery) -> Result<Vec<QueueRow>, ApiFailure> {
    let mut params = Vec::new();
    if let Some(s) = q.service.as_deref().filter(|s| !s.is_empty()) {
        params.push(format!("service={}", encode(s)));
    }
    if let Some(t) = q.request_type {
        params.push(format!("request_type={}", t.code()));
    }
    if let Some(s) = q.status {
        params.push(format!("status={}", s.code()));
    }
    if let Some(d) = q.due {
        params.push(format!(
            "due={}",
            match d {
                shared::review::DueFilter::Overdue => "overdue",
                shared::review::DueFilter::Soon => "soon",
            }
        ));
    }
    if let Some(l) = q.limit {
        params.push(format!("limit={l}"));
    }
    if let Some(o) = q.offset {
        params.push(format!("offset={o}"));
    }
    let path = format!("/api/review/requests?{}", params.join("&"));
    authed(session, Method::Get, &path, None).await
}

#[derive(serde::Deserialize)]
struct Taken {
    id: i64,
}

/// «Следующий запрос»: takes one and gives its id.
pub async fn next_request(session: Session) -> Result<i64, ApiFailure> {
    let t: Taken = authed(session, Method::Post, "/api/review/next", None).await?;
    Ok(t.id)
}

pub async fn review(session: Session, id: i64) -> Result<ReviewDto, ApiFailure> {
    authed(
        session,
        Method::Get,
        &format!("/api/review/requests/{id}"),
        None,
    )
    .await
}

/// `take`, `release`.
pub async fn review_action(session: Session, id: i64, action: &str) -> Result<(), ApiFailure> {
    authed_unit(
        session,
        Method::Post,
        &format!("/api/review/requests/{id}/{action}"),
        None,
    )
    .await
}

pub async fn assign(session: Session, id: i64, user: i64) -> Result<(), ApiFailure> {
    authed_unit(
        session,
        Method::Post,
        &format!("/api/review/requests/{id}/assign"),
        Some(json(&AssignTo { user })?),
    )
    .await
}

pub async fn draft_decision(
    session: Session,
    id: i64,
    draft: &DecisionDraft,
) -> Result<DecisionDto, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/review/requests/{id}/decision"),
        Some(json(draft)?),
    )
    .await
}

pub async fn sign_decision(
    session: Session,
    id: i64,
    cms: String,
) -> Result<DecisionDto, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/review/decisions/{id}/sign"),
        Some(json(&SignDecision { cms })?),
    )
    .await
}

/// The PDF of a decision, to read before signing it and to sign.
pub async fn decision_pdf(session: Session, decision: i64) -> Result<Vec<u8>, ApiFailure> {
    bytes(session, &format!("/api/review/decisions/{decision}/pdf")).await
}

/// A preliminary refusal (the hearing) or a request for documents.
pub async fn inquire(
    session: Session,
    id: i64,
    body: &shared::request::inquiry::Inquire,
) -> Result<(), ApiFailure> {
    authed_unit(
        session,
        Method::Post,
        &format!("/api/review/requests/{id}/inquiries"),
        Some(json(body)?),
    )
    .await
}
