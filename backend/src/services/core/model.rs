//! How a stored request reads: its service, status, request type, answers,
//! fee and channel, decoded from its row.

use crate::app::App;
use crate::clock::rfc3339;
use crate::clock::today;
use crate::db::entities::{request_events, requests};
use crate::db::stored;
use crate::error::{AppError, AppResult};
use shared::FieldCode;
use shared::catalog::{Channel, RequestType, ServiceDetail};
use shared::forms::Answers;
use shared::money::Tiyn;
use shared::request::{RequestEventDto, RequestStatus};

pub fn service(app: &App, code: &str) -> AppResult<ServiceDetail> {
    app.catalog
        .detail(code, today().ymd().0)
        .ok_or_else(|| AppError::field("service", FieldCode::UnknownChoice))
}

pub fn status_of(model: &requests::Model) -> AppResult<RequestStatus> {
    status_in(&model.status)
}

/// The status stored as `code`, written only from `RequestStatus::code`.
pub fn status_in(code: &str) -> AppResult<RequestStatus> {
    stored::state("requests.status", code, RequestStatus::parse)
}

pub fn answers_of(model: &requests::Model) -> AppResult<Answers> {
    stored::json("requests.answers", &model.answers)
}

pub fn request_type_of(model: &requests::Model) -> AppResult<RequestType> {
    request_type_in(&model.request_type)
}

/// The request type stored as `code`, written only from `RequestType::code`.
pub fn request_type_in(code: &str) -> AppResult<RequestType> {
    stored::state("requests.request_type", code, RequestType::parse)
}

/// The fee of `model`'s request type this year.
pub fn fee(detail: &ServiceDetail, model: &requests::Model) -> AppResult<Tiyn> {
    let kind = request_type_of(model)?;
    Ok(detail
        .request_types
        .iter()
        .find(|t| t.spec.kind == kind)
        .map_or(Tiyn(0), |t| t.fee))
}

/// A unique-constraint failure, on SQLite and on PostgreSQL.
pub fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// How `model` came in.
pub fn channel_of(model: &requests::Model) -> AppResult<Channel> {
    // Written only from `Channel::code`.
    stored::state("requests.channel", &model.channel, Channel::parse)
}

/// The documents ticked as presented on paper.
pub fn paper_of(model: &requests::Model) -> AppResult<Vec<String>> {
    stored::json("requests.paper_documents", &model.paper_documents)
}

/// A status history event as shown, its status decoded strictly.
pub fn event_dto(e: &request_events::Model) -> AppResult<RequestEventDto> {
    Ok(RequestEventDto {
        at: rfc3339(&e.at),
        status: stored::state("request_events.status", &e.status, RequestStatus::parse)?,
        reason: e.reason.clone(),
    })
}
