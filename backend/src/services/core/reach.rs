//! Who may reach a request: its applicant, someone working on it at a desk,
//! or a reviewer of its provider; anyone else gets "not found", never a
//! hint that it exists.

use crate::app::App;
use crate::db::entities::{requests, users};
use crate::error::{AppError, AppResult};
use crate::services::core::model::channel_of;
use crate::services::core::model::status_of;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use shared::ErrorCode;
use shared::account::Role;
use shared::catalog::Channel;

/// A request as someone working on it reached it.
#[derive(Debug)]
pub struct Reached {
    pub model: requests::Model,
    /// The applicant the request is for.
    pub owner: users::Model,
    /// Reached through a desk (by who entered it), not by its applicant.
    pub desk: bool,
}

/// The request `id` for `user`: their own, or one they work on at a desk
/// (`desk::may_work_on`); "not found" for anyone else.
pub async fn reach(app: &App, user: &users::Model, id: i32) -> AppResult<Reached> {
    let model = requests::Entity::find_by_id(id)
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    if model.user_id == user.id {
        return Ok(Reached {
            model,
            owner: user.clone(),
            desk: false,
        });
    }
    if !may_work_on(user, &model)? {
        return Err(AppError::not_found());
    }
    let owner = users::Entity::find_by_id(model.user_id)
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Reached {
        model,
        owner,
        desk: true,
    })
}

/// The request `id` if `user` owns it; "not found" otherwise.
pub async fn owned(app: &App, user: &users::Model, id: i32) -> AppResult<requests::Model> {
    requests::Entity::find_by_id(id)
        .filter(requests::Column::UserId.eq(user.id))
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Refuses a change to a request that was already sent.
pub fn require_editable(model: &requests::Model) -> AppResult<()> {
    if status_of(model)?.is_editable() {
        Ok(())
    } else {
        Err(AppError::conflict(ErrorCode::NotEditable))
    }
}

/// Marks the request changed now (history lists by the last change).
pub async fn touch(app: &App, model: requests::Model) -> AppResult<requests::Model> {
    let mut active = model.into_active_model();
    active.updated_at = Set(Utc::now().into());
    Ok(active.update(&app.db.write).await?)
}

/// Whether `user` works on `model` at a desk: the ЦОН operator who entered
/// it, or staff of the provider whose office entered it.
pub fn may_work_on(user: &users::Model, model: &requests::Model) -> AppResult<bool> {
    if user.disabled {
        return Ok(false);
    }
    Ok(match (user.role()?, channel_of(model)?) {
        (Role::Operator, Channel::Con) => model.entered_by_id == Some(user.id),
        (Role::Reviewer, Channel::Provider) => {
            user.provider_code.is_some() && model.provider_code == user.provider_code
        }
        _ => false,
    })
}

/// The reviewer's provider; a reviewer without one may do nothing.
pub fn provider_of(user: &users::Model) -> AppResult<String> {
    match (&user.provider_code, user.role()?) {
        (Some(p), Role::Reviewer) => Ok(p.clone()),
        _ => Err(AppError::forbidden()),
    }
}
