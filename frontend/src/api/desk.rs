//! The desk: the state registries' record of a visitor, the requests
//! entered at this desk and what the desk does with them.

use shared::account::AccountKind;
use shared::desk::{DeskRow, DeskStart, PaperDocuments, RegistryRecord, UncollectedList};
use shared::request::RequestDto;

use super::failure::ApiFailure;
use super::http::{Method, encode, json};
use super::session::{Session, authed};

/// The visitor as ГБД ФЛ / ГБД ЮЛ knows them.
pub async fn registry_lookup(
    session: Session,
    kind: AccountKind,
    id_number: &str,
) -> Result<RegistryRecord, ApiFailure> {
    let path = format!(
        "/api/desk/registry?kind={}&id_number={}",
        kind.code(),
        encode(id_number)
    );
    authed(session, Method::Get, &path, None).await
}

/// A request for the visitor, entered at this desk.
pub async fn desk_start(session: Session, req: &DeskStart) -> Result<RequestDto, ApiFailure> {
    authed(
        session,
        Method::Post,
        "/api/desk/requests",
        Some(json(req)?),
    )
    .await
}

/// The requests entered at this desk.
pub async fn desk_requests(
    session: Session,
    status: Option<shared::request::RequestStatus>,
) -> Result<Vec<DeskRow>, ApiFailure> {
    let path = match status {
        Some(s) => format!("/api/desk/requests?status={}", s.code()),
        None => "/api/desk/requests".to_owned(),
    };
    authed(session, Method::Get, &path, None).await
}

/// The results waiting at this desk to be handed over (seed 000 §17.6).
pub async fn desk_uncollected(session: Session) -> Result<UncollectedList, ApiFailure> {
    authed(session, Method::Get, "/api/desk/uncollected", None).await
}

/// The documents presented on paper.
pub async fn desk_paper(
    session: Session,
    id: i64,
    documents: Vec<String>,
) -> Result<RequestDto, ApiFailure> {
    authed(
        session,
        Method::Put,
        &format!("/api/desk/requests/{id}/paper"),
        Some(json(&PaperDocuments { documents })?),
    )
    .await
}

/// `register` (provider staff), `hand-over` or `remind`.
pub async fn desk_action(
    session: Session,
    id: i64,
    action: &str,
) -> Result<RequestDto, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/desk/requests/{id}/{action}"),
        None,
    )
    .await
}

/// The status and deadline of any request, by its number and its
/// applicant's ИИН/БИН (a ЦОН operator).
pub async fn desk_status(
    session: Session,
    number: &str,
    id_number: &str,
) -> Result<shared::desk::StatusAnswer, ApiFailure> {
    let path = format!(
        "/api/desk/status?number={}&id_number={}",
        encode(number),
        encode(id_number)
    );
    authed(session, Method::Get, &path, None).await
}
