//! A desk's work on a request: the paper documents ticked, registering it
//! (provider staff where the service has no signature at their desk), handing the result over in person.

use crate::app::App;
use crate::db::entities::users;
use crate::error::{AppError, AppResult};
use crate::services::core::audit;
use crate::services::core::model;
use crate::services::core::model::channel_of;
use crate::services::core::reach;
use crate::services::core::reach::Reached;
use crate::services::desk::access::reach_at_desk;
use crate::services::requests::files;
use crate::services::requests::register as requests_register;
use crate::services::requests::submission;
use crate::services::requests::view;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
use shared::catalog::{Channel, DocumentSource};
use shared::request::{RequestDto, RequestStatus};
use shared::{ErrorCode, FieldCode};

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
    reach::require_editable(&model)?;
    let detail = model::service(app, &model.service_code)?;
    let kind = model::request_type_of(&model)?;
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
    view::dto_of(app, &owner, &model).await
}

/// Provider staff register a complete (and, when paid, paid) request
/// entered at their office directly, without a signature (seed 000 §7,
/// process 7), unless the service has its desk sign there (the PHC
/// clinic's employee signs: seed 002 §7, process 5; `submission::submit`).
pub async fn register(app: &App, user: &users::Model, id: i32) -> AppResult<RequestDto> {
    let Reached { model, owner, .. } = reach_at_desk(app, user, id).await?;
    if channel_of(&model)? != Channel::Provider {
        // A ЦОН operator signs (`requests::submit`).
        return Err(AppError::forbidden());
    }
    let detail = model::service(app, &model.service_code)?;
    if detail.desk_signs.contains(&Channel::Provider) {
        return Err(AppError::conflict(ErrorCode::DeskSigns));
    }
    let stored = files::of_request(app, model.id).await?;
    submission::ready_to_sign(app, &owner, &detail, &model, &stored).await?;
    let model = requests_register::register(app, &detail, model, user.id, None).await?;
    let model = crate::services::automation::registered(app, &detail, &owner, model).await?;
    view::dto_of(app, &owner, &model).await
}

/// Marks the result (license, certificate or refusal) handed over to the
/// visitor in person; once.
pub async fn hand_over(app: &App, user: &users::Model, id: i32) -> AppResult<RequestDto> {
    let Reached { model, owner, .. } = reach_at_desk(app, user, id).await?;
    if !matches!(
        model::status_of(&model)?,
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
    view::dto_of(app, &owner, &model).await
}
