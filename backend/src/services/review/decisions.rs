//! A request's decisions as the API shows them: the latest (draft or
//! signed), the signed result for its applicant, its PDF and signature, and
//! the provider's readings of the request.

use crate::app::App;
use crate::clock::rfc3339;
use crate::db::entities::{decisions, requests, signatures, users};
use crate::db::stored;
use crate::error::{AppError, AppResult};
use crate::services::core::audit;
use crate::services::review::access::decision_of_provider;
use crate::services::review::access::users_by_ids;
use bytes::Bytes;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::ErrorCode;
use shared::account::Role;
use shared::review::{DecisionDto, DecisionStatus, Outcome};

pub fn decision_dto(d: &decisions::Model, signer: Option<String>) -> AppResult<DecisionDto> {
    Ok(DecisionDto {
        id: i64::from(d.id),
        outcome: stored::state("decisions.outcome", &d.outcome, Outcome::parse)?,
        status: stored::decision_status(&d.status)?,
        number: d.license_number.clone(),
        sha256: d.document_sha256.clone(),
        checklist: stored::json("decisions.checklist", &d.checklist)?,
        reasons: d.reasons.clone(),
        signed_at: d.signed_at.as_ref().map(rfc3339),
        signed_by: signer,
    })
}

/// The latest decision of a request (draft or signed).
pub async fn latest_decision(app: &App, request: i32) -> AppResult<Option<DecisionDto>> {
    let Some(d) = decisions::Entity::find()
        .filter(decisions::Column::RequestId.eq(request))
        .order_by_desc(decisions::Column::Id)
        .one(&app.db.read)
        .await?
    else {
        return Ok(None);
    };
    let signer = match d.signature_id {
        Some(s) => signatures::Entity::find_by_id(s)
            .one(&app.db.read)
            .await?
            .and_then(|s| s.signer_name),
        None => None,
    };
    Ok(Some(decision_dto(&d, signer)?))
}

/// The signed result of a request, for its applicant.
pub async fn result_of(app: &App, request: i32) -> AppResult<Option<DecisionDto>> {
    Ok(latest_decision(app, request)
        .await?
        .filter(|d| d.status == DecisionStatus::Signed))
}

/// The result PDF of a decision (draft or signed), for the provider.
pub async fn decision_pdf(app: &App, user: &users::Model, id: i32) -> AppResult<Bytes> {
    let (d, r) = decision_of_provider(app, user, id).await?;
    audit::record(
        app,
        Some(user.id),
        "download",
        Some(r.id),
        "result document",
    )
    .await?;
    app.storage
        .get(&d.document_key)
        .await
        .map_err(|e| AppError::internal(format_args!("reading a result: {e}")))
}

/// The signed result PDF and its CMS signature, for the applicant (or the
/// provider's staff).
pub async fn result_files(
    app: &App,
    user: &users::Model,
    request: i32,
) -> AppResult<(DecisionDto, Bytes, Vec<u8>)> {
    let model = requests::Entity::find_by_id(request)
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    let allowed = model.user_id == user.id
        || crate::services::core::reach::may_work_on(user, &model)?
        || (user.role()? == Role::Reviewer
            && user.provider_code.is_some()
            && user.provider_code == model.provider_code);
    if !allowed {
        return Err(AppError::not_found());
    }
    let d = decisions::Entity::find()
        .filter(decisions::Column::RequestId.eq(model.id))
        .filter(decisions::Column::Status.eq(stored::decision_status_code(DecisionStatus::Signed)))
        .one(&app.db.read)
        .await?
        // The request is theirs to see; its result is not there yet.
        .ok_or_else(|| AppError::conflict(ErrorCode::NoResultYet))?;
    let sig = match d.signature_id {
        Some(s) => signatures::Entity::find_by_id(s).one(&app.db.read).await?,
        None => None,
    }
    .ok_or_else(|| AppError::internal("a signed decision without its signature"))?;
    let pdf = app
        .storage
        .get(&d.document_key)
        .await
        .map_err(|e| AppError::internal(format_args!("reading a result: {e}")))?;
    if model.user_id != user.id {
        audit::record(app, Some(user.id), "download", Some(model.id), "result").await?;
    }
    Ok((decision_dto(&d, sig.signer_name.clone())?, pdf, sig.cms))
}

/// The provider's readings of a request, for its applicant.
pub async fn views(app: &App, request: i32) -> AppResult<Vec<shared::request::ViewDto>> {
    let entries = audit::of_request(app, request, &["view", audit::STATUS_LOOKUP]).await?;
    let readers = users_by_ids(app, entries.iter().filter_map(|e| e.actor_user_id)).await?;
    Ok(entries
        .iter()
        .filter_map(|e| {
            let w = readers.get(&e.actor_user_id?)?;
            Some(shared::request::ViewDto {
                at: rfc3339(&e.at),
                kind: if e.action == audit::STATUS_LOOKUP {
                    shared::request::ViewKind::StatusLookup
                } else {
                    shared::request::ViewKind::Opened
                },
                name: w.name.clone(),
                provider: w.provider_code.clone(),
            })
        })
        .collect())
}
