//! How a request's status moves: the row, a history event with its actor and
//! reason, the owner's notification and letter, in one transaction.

use crate::adapters::mail::{Letter, outbox};
use crate::db::entities::{request_events, requests};
use crate::error::AppResult;
use crate::services::core::notifications;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, IntoActiveModel, Set};
use shared::request::RequestStatus;

/// Moves `model` to `status` inside `db` (a transaction): the row, a history
/// event with its actor and reason, the owner's notification, and `mail`
/// (from [`notifications::letter`]) in the outbox. Wake the mailer once the
/// transaction has committed.
pub async fn transition(
    db: &impl ConnectionTrait,
    model: requests::Model,
    status: RequestStatus,
    actor: Option<i32>,
    reason: Option<String>,
    mail: Option<Letter>,
    change: impl FnOnce(&mut requests::ActiveModel),
) -> AppResult<requests::Model> {
    let now = Utc::now();
    let owner = model.user_id;
    let mut active = model.into_active_model();
    active.status = Set(status.code().to_owned());
    active.updated_at = Set(now.into());
    change(&mut active);
    let model = active.update(db).await?;
    request_events::ActiveModel {
        request_id: Set(model.id),
        at: Set(now.into()),
        actor_user_id: Set(actor),
        status: Set(status.code().to_owned()),
        reason: Set(reason),
        ..Default::default()
    }
    .insert(db)
    .await?;
    notifications::record(db, owner, model.id, status).await?;
    if let Some(letter) = &mail {
        outbox::queue(db, letter).await?;
    }
    Ok(model)
}
