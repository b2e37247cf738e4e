//! The desk channels (SPEC §5, diagrams 2 and 3): a public service center
//! (ЦОН) operator or the provider's own staff enter a request for a visitor
//! who came with paper. The visitor is looked up in the state registries
//! (`state_registries`); the request belongs to the visitor's account — the
//! one they have, or one made for them that they claim later by
//! registering with the ЭЦП — and records its channel and who entered it.
//! The form, the documents and the payment are the journey's
//! (`requests::reach` lets the desk work on it); the ЦОН operator signs it
//! with their own ЭЦП (`requests::submit`), provider staff register it
//! directly ([`register`]). Afterwards the desk prints a receipt and marks
//! the result handed over in person ([`hand_over`]).
//!
//! Who reaches what: a ЦОН operator the requests they entered themselves;
//! provider staff those entered at their own provider's office. For anyone
//! else such a request does not exist.

use std::collections::HashMap;

use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};
use shared::account::{AccountKind, Role};
use shared::catalog::{Channel, DocumentSource, ServiceDetail};
use shared::desk::{DeskInfo, DeskQuery, DeskRow, DeskStart, LookupQuery, RegistryRecord};
use shared::request::{ApplicantDto, RequestDto, RequestNumber, RequestStatus};
use shared::{ErrorCode, FieldCode, TaxId};

use crate::app::App;
use crate::db::entities::{requests, users};
use crate::error::{AppError, AppResult};
use crate::services::requests::{self as request_service, NewDraft, Reached};
use crate::services::state_registries::RegistryError;
use crate::services::{accounts, audit, files};

/// How `model` came in.
pub fn channel_of(model: &requests::Model) -> Channel {
    // Written only from `Channel::code`.
    Channel::parse(&model.channel).unwrap_or(Channel::Portal)
}

/// The documents ticked as presented on paper.
pub fn paper_of(model: &requests::Model) -> Vec<String> {
    serde_json::from_str(&model.paper_documents).unwrap_or_default()
}

/// Whether `user` works on `model` at a desk: the ЦОН operator who entered
/// it, or staff of the provider whose office entered it.
pub fn may_work_on(user: &users::Model, model: &requests::Model) -> bool {
    if user.disabled {
        return false;
    }
    match (user.role(), channel_of(model)) {
        (Role::Operator, Channel::Con) => model.entered_by_id == Some(user.id),
        (Role::Reviewer, Channel::Provider) => {
            user.provider_code.is_some() && model.provider_code == user.provider_code
        }
        _ => false,
    }
}

/// The desk's channel for `user`, or "forbidden" for a role without one.
fn channel_for(user: &users::Model) -> AppResult<Channel> {
    shared::desk::desk_channel(user.role()).ok_or_else(AppError::forbidden)
}

/// Whether `user`'s desk offers `detail`: the service lists the channel,
/// and provider staff enter only their own provider's services.
fn offers(user: &users::Model, channel: Channel, detail: &ServiceDetail) -> bool {
    detail.channels.contains(&channel)
        && (channel != Channel::Provider
            || detail
                .providers
                .iter()
                .any(|p| Some(&p.code) == user.provider_code.as_ref()))
}

fn registry_failure(e: RegistryError) -> AppError {
    match e {
        RegistryError::NotFound => {
            AppError::new(StatusCode::NOT_FOUND, ErrorCode::RegistryNotFound)
        }
        RegistryError::Timeout => {
            AppError::new(StatusCode::GATEWAY_TIMEOUT, ErrorCode::RegistryUnavailable).with_cause(e)
        }
        RegistryError::Failed(_) => {
            AppError::new(StatusCode::BAD_GATEWAY, ErrorCode::RegistryUnavailable).with_cause(e)
        }
    }
}

fn parse_id(kind: AccountKind, number: &str) -> AppResult<TaxId> {
    kind.parse_id(number)
        .map_err(|code| AppError::field("id_number", code))
}

/// Looks the visitor up in ГБД ФЛ or ГБД ЮЛ (process 5: "the data cannot be
/// obtained" when the registry does not know them). Each lookup is in the
/// audit log: it reads a person's data.
pub async fn lookup(app: &App, user: &users::Model, q: &LookupQuery) -> AppResult<RegistryRecord> {
    channel_for(user)?;
    let id = parse_id(q.kind, &q.id_number)?;
    let found = app.registries.lookup(&id).await;
    let outcome = match &found {
        Ok(_) => "found",
        Err(RegistryError::NotFound) => "not found",
        Err(_) => "unavailable",
    };
    audit::record(
        app,
        Some(user.id),
        "registry_lookup",
        None,
        &format!("{} {outcome}", masked(&id)),
    )
    .await?;
    found.map_err(registry_failure)
}

/// A number with its middle hidden, for the log.
fn masked(id: &TaxId) -> String {
    match id {
        TaxId::Iin(i) => i.masked(),
        TaxId::Bin(b) => b.as_string(),
    }
}

/// Starts a request for the visitor: the service offered at this desk, a
/// request type it has, a visitor the registry knows and who may apply.
pub async fn start(app: &App, user: &users::Model, req: &DeskStart) -> AppResult<RequestDto> {
    let channel = channel_for(user)?;
    let detail = request_service::service(app, &req.service)?;
    if !offers(user, channel, &detail) {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::ChannelNotOffered,
        ));
    }
    if !detail
        .request_types
        .iter()
        .any(|t| t.spec.kind == req.request_type)
    {
        return Err(AppError::field("request_type", FieldCode::UnknownChoice));
    }
    let id = parse_id(req.kind, &req.id_number)?;
    if !detail.eligibility.allows(req.kind) {
        return Err(AppError::new(StatusCode::FORBIDDEN, ErrorCode::NotEligible));
    }
    let record = app.registries.lookup(&id).await.map_err(registry_failure)?;
    let owner = accounts::for_visitor(app, req.kind, &id.as_string(), &record.name()).await?;
    if owner.role() != Role::Applicant {
        return Err(AppError::new(StatusCode::FORBIDDEN, ErrorCode::NotEligible));
    }
    if owner.disabled {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::AccountDisabled,
        ));
    }
    let provider = match (channel, detail.providers.as_slice()) {
        (Channel::Provider, _) => user.provider_code.clone(),
        (_, [one]) => Some(one.code.clone()),
        _ => None,
    };
    let model = request_service::insert_draft(
        app,
        NewDraft {
            owner: owner.id,
            service: &detail.code,
            kind: req.request_type,
            provider,
            channel,
            entered_by: Some(user.id),
        },
    )
    .await?;
    audit::record(
        app,
        Some(user.id),
        "desk_entry",
        Some(model.id),
        channel.code(),
    )
    .await?;
    request_service::dto_of(app, &owner, &model).await
}

/// The desk's list: a ЦОН operator's own entries, or every entry of the
/// staff member's provider office; newest first.
pub async fn list(app: &App, user: &users::Model, q: &DeskQuery) -> AppResult<Vec<DeskRow>> {
    let channel = channel_for(user)?;
    let mut find = requests::Entity::find().filter(requests::Column::Channel.eq(channel.code()));
    find = match channel {
        Channel::Provider => match &user.provider_code {
            Some(p) => find.filter(requests::Column::ProviderCode.eq(p.as_str())),
            None => return Ok(Vec::new()),
        },
        _ => find.filter(requests::Column::EnteredById.eq(user.id)),
    };
    if let Some(status) = q.status {
        find = find.filter(requests::Column::Status.eq(status.code()));
    }
    let rows = find
        .order_by_desc(requests::Column::UpdatedAt)
        .order_by_desc(requests::Column::Id)
        .all(&app.db.read)
        .await?;
    // The applicants and the desk users, in one query.
    let mut ids: Vec<i32> = rows
        .iter()
        .flat_map(|r| [Some(r.user_id), r.entered_by_id])
        .flatten()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let people: HashMap<i32, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(&app.db.read)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    Ok(rows
        .iter()
        .map(|m| {
            let owner = people.get(&m.user_id);
            DeskRow {
                id: i64::from(m.id),
                service: m.service_code.clone(),
                request_type: request_service::request_type_of(m),
                status: request_service::status_of(m),
                number: m.number.as_deref().and_then(RequestNumber::parse),
                applicant: ApplicantDto {
                    tax_id: owner.map(|u| u.id_number.clone()).unwrap_or_default(),
                    name: owner.map(|u| u.name.clone()).unwrap_or_default(),
                },
                due_date: m
                    .due_date
                    .as_deref()
                    .and_then(|d| shared::calendar::Date::parse(d).ok()),
                entered_by: m
                    .entered_by_id
                    .and_then(|id| people.get(&id))
                    .map(|u| u.name.clone())
                    .unwrap_or_default(),
                handed_over: m.handed_over_at.is_some(),
                updated_at: request_service::rfc3339(&m.updated_at),
            }
        })
        .collect())
}

/// The request `id` as the desk user reaches it; "not found" when it is
/// not a desk request of theirs (the applicant's own access is elsewhere).
async fn reach_at_desk(app: &App, user: &users::Model, id: i32) -> AppResult<Reached> {
    channel_for(user)?;
    let reached = request_service::reach(app, user, id).await?;
    if reached.desk {
        Ok(reached)
    } else {
        Err(AppError::not_found())
    }
}

/// Ticks the documents the visitor showed on paper: document codes of the
/// request's service and type that are handed in as files. Anything else
/// is refused and nothing is changed.
pub async fn set_paper(
    app: &App,
    user: &users::Model,
    id: i32,
    documents: &[String],
) -> AppResult<RequestDto> {
    let Reached { model, owner, .. } = reach_at_desk(app, user, id).await?;
    request_service::require_editable(&model)?;
    let detail = request_service::service(app, &model.service_code)?;
    let kind = request_service::request_type_of(&model);
    let mut ticked: Vec<String> = Vec::new();
    for code in documents {
        let known = detail
            .documents
            .iter()
            .any(|d| d.code == *code && d.source == DocumentSource::Upload && d.applies_to(kind));
        if !known {
            return Err(AppError::field("paper", FieldCode::UnknownChoice));
        }
        if !ticked.contains(code) {
            ticked.push(code.clone());
        }
    }
    let mut active = model.into_active_model();
    active.paper_documents = Set(serde_json::to_string(&ticked).map_err(AppError::internal)?);
    active.updated_at = Set(Utc::now().into());
    let model = active.update(&app.db.write).await?;
    request_service::dto_of(app, &owner, &model).await
}

/// Provider staff register a complete (and, when paid, paid) request
/// entered at their office directly, without a signature (diagram 2,
/// process 7).
pub async fn register(app: &App, user: &users::Model, id: i32) -> AppResult<RequestDto> {
    let Reached { model, owner, .. } = reach_at_desk(app, user, id).await?;
    if channel_of(&model) != Channel::Provider {
        // A ЦОН operator signs (`requests::submit`).
        return Err(AppError::forbidden());
    }
    let detail = request_service::service(app, &model.service_code)?;
    let stored = files::of_request(app, model.id).await?;
    request_service::ready_to_sign(app, &owner, &detail, &model, &stored).await?;
    let model = request_service::register(app, &detail, model, user.id, None).await?;
    request_service::dto_of(app, &owner, &model).await
}

/// Marks the result (license, certificate or refusal) handed over to the
/// visitor in person; once.
pub async fn hand_over(app: &App, user: &users::Model, id: i32) -> AppResult<RequestDto> {
    let Reached { model, owner, .. } = reach_at_desk(app, user, id).await?;
    if !matches!(
        request_service::status_of(&model),
        RequestStatus::Approved | RequestStatus::Refused
    ) {
        return Err(AppError::conflict(ErrorCode::NoResultYet));
    }
    if model.handed_over_at.is_some() {
        return Err(AppError::conflict(ErrorCode::AlreadyHandedOver));
    }
    let mut active = model.into_active_model();
    active.handed_over_at = Set(Some(Utc::now().into()));
    active.handed_over_by_id = Set(Some(user.id));
    let model = active.update(&app.db.write).await?;
    audit::record(app, Some(user.id), "hand_over", Some(model.id), "in person").await?;
    request_service::dto_of(app, &owner, &model).await
}

/// The desk part of a request's view: `None` for one made on the portal.
pub async fn info(app: &App, model: &requests::Model) -> AppResult<Option<DeskInfo>> {
    let channel = channel_of(model);
    if channel == Channel::Portal {
        return Ok(None);
    }
    let entered_by = match model.entered_by_id {
        Some(id) => accounts::find(app, id).await?.map(|u| u.name),
        None => None,
    };
    Ok(Some(DeskInfo {
        channel,
        entered_by: entered_by.unwrap_or_default(),
        paper: paper_of(model),
        handed_over_at: model.handed_over_at.as_ref().map(request_service::rfc3339),
    }))
}
