//! The applicant's drafts: started, saved as they are filled and resumed on
//! any device, discarded.

use crate::app::App;
use crate::db::entities::{request_events, requests, users};
use crate::error::{AppError, AppResult};
use crate::services::core::model;
use crate::services::core::model::request_type_of;
use crate::services::core::model::service;
use crate::services::core::model::status_of;
use crate::services::core::reach::Reached;
use crate::services::core::reach::reach;
use crate::services::core::reach::require_editable;
use crate::services::payments::status;
use crate::services::registry::licenses as registry_licenses;
use crate::services::requests::files;
use crate::services::requests::problems::needs_license;
use crate::services::requests::view::dto;
use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set, TransactionTrait};
use shared::catalog::{Channel, RequestType};
use shared::forms::{self, Answers};
use shared::request::{CreateDraft, RequestDto, RequestStatus, SaveDraft};
use shared::{ErrorCode, FieldCode};

/// The longest answer stored, whatever its field allows (the field's own
/// limit is reported as a problem; beyond this the save is refused).
pub const MAX_ANSWER_CHARS: usize = 10_000;

/// The form answers a chosen license fills.
pub const LICENSE_NUMBER_FIELD: &str = "original_license_number";

pub const LICENSE_DATE_FIELD: &str = "original_license_date";

/// Starts a draft of `req.service` for the signed-in applicant.
pub async fn create(app: &App, user: &users::Model, req: &CreateDraft) -> AppResult<RequestDto> {
    let detail = service(app, &req.service)?;
    if !detail.eligibility.allows(user.kind()?) {
        return Err(AppError::new(StatusCode::FORBIDDEN, ErrorCode::NotEligible));
    }
    if !detail
        .request_types
        .iter()
        .any(|t| t.spec.kind == req.request_type)
    {
        return Err(AppError::field("request_type", FieldCode::UnknownChoice));
    }
    let only_provider = match detail.providers.as_slice() {
        [one] => Some(one.code.clone()),
        _ => None,
    };
    let model = insert_draft(
        app,
        NewDraft {
            owner: user.id,
            service: &detail.code,
            kind: req.request_type,
            provider: only_provider,
            channel: Channel::Portal,
            entered_by: None,
        },
    )
    .await?;
    dto(app, &detail, user, &model).await
}

/// A draft to insert: whose, of what, and how it came in.
pub struct NewDraft<'a> {
    pub owner: i32,
    pub service: &'a str,
    pub kind: RequestType,
    pub provider: Option<String>,
    pub channel: Channel,
    /// The desk user who entered it.
    pub entered_by: Option<i32>,
}

/// Inserts a draft with its first history event, in one transaction.
pub async fn insert_draft(app: &App, new: NewDraft<'_>) -> AppResult<requests::Model> {
    let now = Utc::now();
    let txn = app.db.write.begin().await?;
    let model = requests::ActiveModel {
        user_id: Set(new.owner),
        service_code: Set(new.service.to_owned()),
        request_type: Set(new.kind.code().to_owned()),
        provider_code: Set(new.provider),
        status: Set(RequestStatus::Draft.code().to_owned()),
        answers: Set("{}".to_owned()),
        number: Set(None),
        created_at: Set(now.into()),
        updated_at: Set(now.into()),
        channel: Set(new.channel.code().to_owned()),
        entered_by_id: Set(new.entered_by),
        paper_documents: Set("[]".to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    request_events::ActiveModel {
        request_id: Set(model.id),
        at: Set(now.into()),
        actor_user_id: Set(Some(new.entered_by.unwrap_or(new.owner))),
        status: Set(RequestStatus::Draft.code().to_owned()),
        reason: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    tracing::info!(request_id = model.id, service = %model.service_code, channel = new.channel.code(), "draft started");
    Ok(model)
}

/// Saves the draft as the user has it. Answers that break their field's
/// rule are kept and reported as problems; an answer for a field the form
/// does not have, an unknown provider, a license that is not the
/// applicant's own, or an answer beyond any sane length is refused, and
/// nothing is changed.
pub async fn save(
    app: &App,
    user: &users::Model,
    id: i32,
    req: &SaveDraft,
) -> AppResult<RequestDto> {
    let Reached { model, owner, .. } = reach(app, user, id).await?;
    let user = &owner;
    require_editable(&model)?;
    let detail = service(app, &model.service_code)?;
    let kind = request_type_of(&model)?;
    let shown = forms::fields_for(&detail.fields, kind);
    let mut refused = shared::error::Collector::new();
    for (key, value) in &req.answers {
        if !shown.iter().any(|f| f.key == *key) {
            refused.add(key, FieldCode::UnknownField);
        } else if value.chars().count() > MAX_ANSWER_CHARS {
            refused.add(
                key,
                FieldCode::TooLong {
                    max: u32::try_from(MAX_ANSWER_CHARS).unwrap_or(u32::MAX),
                },
            );
        }
    }
    if let Some(p) = &req.provider
        && (!detail.providers.iter().any(|d| d.code == *p)
            // Entered at a provider's office: that provider's, for good.
            || (model::channel_of(&model)? == Channel::Provider
                && model.provider_code.as_ref() != Some(p)))
    {
        refused.add("provider", FieldCode::UnknownChoice);
    }
    let license = match &req.license {
        Some(number) if needs_license(kind) => {
            let found = registry_licenses::own_active(app, user, &detail.code, number).await?;
            if found.is_none() {
                refused.add("license", FieldCode::UnknownChoice);
            }
            found
        }
        Some(_) => {
            refused.add("license", FieldCode::UnknownField);
            None
        }
        None => None,
    };
    refused.finish().map_err(AppError::validation)?;

    let mut answers: Answers = req
        .answers
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    // The chosen license, not the typing, says which license it is.
    let license = match (license, model.license_id) {
        (Some(l), _) => Some(l),
        (None, Some(id)) => registry_licenses::by_id(app, id).await?,
        (None, None) => None,
    };
    if let Some(l) = &license {
        answers.insert(LICENSE_NUMBER_FIELD.into(), l.number.clone());
        answers.insert(LICENSE_DATE_FIELD.into(), l.issued_on.clone());
    }
    let mut active = model.into_active_model();
    if let Some(l) = &license {
        active.license_id = Set(Some(l.id));
    }
    active.answers = Set(serde_json::to_string(&answers).map_err(AppError::internal)?);
    if req.provider.is_some() {
        active.provider_code = Set(req.provider.clone());
    }
    active.updated_at = Set(Utc::now().into());
    let model = active.update(&app.db.write).await?;
    dto(app, &detail, user, &model).await
}

/// Discards a draft that was never sent (with its files).
pub async fn discard(app: &App, user: &users::Model, id: i32) -> AppResult<()> {
    let model = reach(app, user, id).await?.model;
    if !matches!(
        status_of(&model)?,
        RequestStatus::Draft | RequestStatus::AwaitingPayment
    ) || status::is_paid(app, model.id).await?
    {
        return Err(AppError::conflict(ErrorCode::NotEditable));
    }
    let stored = files::of_request(app, model.id).await?;
    requests::Entity::delete_by_id(model.id)
        .exec(&app.db.write)
        .await?;
    files::forget_all(app, &stored).await;
    Ok(())
}
