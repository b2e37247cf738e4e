//! Who works on a request: taking it, assigning it to a colleague,
//! releasing it, and the next one in the queue.

use crate::app::App;
use crate::db::entities::{requests, users};
use crate::error::{AppError, AppResult};
use crate::services::core::audit;
use crate::services::core::model::status_of;
use crate::services::core::notifications;
use crate::services::core::reach::provider_of;
use crate::services::core::transition::transition;
use crate::services::review::access::colleagues;
use crate::services::review::access::of_provider;
use axum::http::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use shared::request::RequestStatus;
use shared::{ErrorCode, FieldCode};

/// Puts the request on `assignee`'s desk; a registered request goes to
/// review.
pub async fn set_assignee(
    app: &App,
    actor: &users::Model,
    model: requests::Model,
    assignee: Option<i32>,
) -> AppResult<()> {
    if matches!(
        status_of(&model)?,
        RequestStatus::Approved | RequestStatus::Refused
    ) {
        return Err(AppError::conflict(ErrorCode::AlreadyDecided));
    }
    let txn = app.db.write.begin().await?;
    let id = model.id;
    if status_of(&model)? == RequestStatus::Submitted && assignee.is_some() {
        let mail = notifications::letter(app, &model, RequestStatus::InReview);
        transition(
            &txn,
            model,
            RequestStatus::InReview,
            Some(actor.id),
            None,
            mail,
            |a| {
                a.assignee_id = Set(assignee);
            },
        )
        .await?;
    } else {
        let mut active = model.into_active_model();
        active.assignee_id = Set(assignee);
        active.update(&txn).await?;
    }
    txn.commit().await?;
    app.mailer.wake();
    let detail = assignee.map_or_else(|| "released".to_owned(), |a| format!("assigned to {a}"));
    audit::record(app, Some(actor.id), "assign", Some(id), &detail).await
}

/// The reviewer takes the request (free, or already theirs).
pub async fn take(app: &App, user: &users::Model, id: i32) -> AppResult<()> {
    let model = of_provider(app, user, id).await?;
    if model.assignee_id.is_some_and(|a| a != user.id) {
        return Err(AppError::conflict(ErrorCode::AssignedToOther));
    }
    set_assignee(app, user, model, Some(user.id)).await
}

/// Gives the request to a colleague of the same provider.
pub async fn assign(app: &App, user: &users::Model, id: i32, to: i64) -> AppResult<()> {
    let model = of_provider(app, user, id).await?;
    let provider = provider_of(user)?;
    let to = i32::try_from(to).map_err(|_| AppError::field("user", FieldCode::UnknownChoice))?;
    if !colleagues(app, &provider).await?.iter().any(|c| c.id == to) {
        return Err(AppError::field("user", FieldCode::UnknownChoice));
    }
    set_assignee(app, user, model, Some(to)).await
}

/// Puts the reviewer's request back in the queue.
pub async fn release(app: &App, user: &users::Model, id: i32) -> AppResult<()> {
    let model = of_provider(app, user, id).await?;
    if model.assignee_id != Some(user.id) {
        return Err(AppError::conflict(ErrorCode::AssignedToOther));
    }
    set_assignee(app, user, model, None).await
}

/// «Следующий запрос»: takes the unassigned request due first.
pub async fn next(app: &App, user: &users::Model) -> AppResult<i64> {
    let provider = provider_of(user)?;
    let candidates = requests::Entity::find()
        .filter(requests::Column::ProviderCode.eq(provider))
        .filter(requests::Column::AssigneeId.is_null())
        .filter(requests::Column::Status.is_in([
            RequestStatus::Submitted.code(),
            RequestStatus::InReview.code(),
        ]))
        .order_by_asc(requests::Column::DueDate)
        .order_by_asc(requests::Column::Id)
        .all(&app.db.read)
        .await?;
    for c in candidates {
        let id = c.id;
        match take(app, user, id).await {
            Ok(()) => return Ok(i64::from(id)),
            // Taken by a colleague at the same moment: the next one.
            Err(e) if e.code() == &ErrorCode::AssignedToOther => continue,
            Err(e) => return Err(e),
        }
    }
    Err(AppError::new(StatusCode::NOT_FOUND, ErrorCode::QueueEmpty))
}
