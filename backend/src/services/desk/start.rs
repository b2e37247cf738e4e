//! A request started at a desk for a visitor, on their account (the one they
//! have, or one made for them that they claim later).

use crate::app::App;
use crate::db::entities::users;
use crate::error::{AppError, AppResult};
use crate::services::accounts::account;
use crate::services::core::audit;
use crate::services::core::model;
use crate::services::desk::access::channel_for;
use crate::services::desk::access::offers;
use crate::services::desk::lookup::parse_id;
use crate::services::desk::lookup::registry_failure;
use crate::services::requests::drafts;
use crate::services::requests::drafts::NewDraft;
use crate::services::requests::view;
use axum::http::StatusCode;
use shared::account::Role;
use shared::catalog::Channel;
use shared::desk::DeskStart;
use shared::request::RequestDto;
use shared::{ErrorCode, FieldCode};

/// Starts a request for the visitor: the service offered at this desk, a
/// request type it has, a visitor the registry knows and who may apply.
pub async fn start(app: &App, user: &users::Model, req: &DeskStart) -> AppResult<RequestDto> {
    let channel = channel_for(user)?;
    let detail = model::service(app, &req.service)?;
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
    let owner = account::for_visitor(app, req.kind, &id.as_string(), &record.name()).await?;
    if owner.role()? != Role::Applicant {
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
    let model = drafts::insert_draft(
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
    view::dto_of(app, &owner, &model).await
}
