//! What a reviewer of a provider reaches: the provider's sent requests and
//! decisions, its reviewers, the working days left.

use crate::app::App;
use crate::db::entities::{decisions, requests, users};
use crate::db::stored;
use crate::error::{AppError, AppResult};
use crate::services::core::model::{request_type_of, status_of};
use crate::services::core::reach::provider_of;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::account::Role;
use shared::calendar::Date;
use shared::review::Colleague;

/// Working days left of `model`'s term as of `today` (none before it is
/// registered), never more than the term itself.
pub fn days_left(app: &App, today: Date, model: &requests::Model) -> AppResult<Option<i32>> {
    let due = stored::optional("requests.due_date", model.due_date.as_deref(), |d| {
        Date::parse(d).ok()
    })?;
    let Some(due) = due else { return Ok(None) };
    // Waiting for documents: the clock is stopped.
    if status_of(model)? == shared::request::RequestStatus::AwaitingDocuments {
        return Ok(None);
    }
    let kind = request_type_of(model)?;
    let term = app
        .catalog
        .def(&model.service_code)
        .and_then(|s| s.request_types.iter().find(|t| t.kind == kind))
        .map_or(u16::MAX, |t| t.deadline_working_days);
    Ok(Some(app.calendar.days_left_of_term(today, due, term)))
}

pub fn colleague(u: &users::Model) -> Colleague {
    Colleague {
        id: i64::from(u.id),
        name: u.name.clone(),
    }
}

/// The request `id` of the reviewer's provider; "not found" otherwise.
pub async fn of_provider(app: &App, user: &users::Model, id: i32) -> AppResult<requests::Model> {
    let provider = provider_of(user)?;
    let model = requests::Entity::find_by_id(id)
        .filter(requests::Column::ProviderCode.eq(provider))
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    if status_of(&model)?.is_editable() {
        return Err(AppError::not_found());
    }
    Ok(model)
}

/// The users of `ids`, by id, in one query.
pub async fn users_by_ids(
    app: &App,
    ids: impl IntoIterator<Item = i32>,
) -> AppResult<std::collections::HashMap<i32, users::Model>> {
    let ids: std::collections::BTreeSet<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(&app.db.read)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

pub async fn user_by_id(app: &App, id: i32) -> AppResult<Option<users::Model>> {
    Ok(users::Entity::find_by_id(id).one(&app.db.read).await?)
}

/// The reviewers of the user's provider.
pub async fn colleagues(app: &App, provider: &str) -> AppResult<Vec<users::Model>> {
    Ok(users::Entity::find()
        .filter(users::Column::ProviderCode.eq(provider))
        .filter(users::Column::Role.eq(Role::Reviewer.code()))
        .filter(users::Column::Disabled.eq(false))
        .order_by_asc(users::Column::Name)
        .all(&app.db.read)
        .await?)
}

/// A decision of the reviewer's provider.
pub async fn decision_of_provider(
    app: &App,
    user: &users::Model,
    id: i32,
) -> AppResult<(decisions::Model, requests::Model)> {
    let d = decisions::Entity::find_by_id(id)
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    let r = of_provider(app, user, d.request_id).await?;
    Ok((d, r))
}
