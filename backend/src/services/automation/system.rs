//! A provider's information system as an account: the actor of the
//! decisions it takes, named in their history and on their documents. It
//! has the provider's БИН, the role `system`, no password that could match
//! and is disabled, so it never signs in; it is not a reviewer, so it is
//! never offered for assignment.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared::account::{AccountKind, Role};
use shared::{Bin, ErrorCode};

use crate::app::App;
use crate::db::entities::users;
use crate::error::{AppError, AppResult};

/// The information system of `provider`, if it has one.
pub async fn of_provider(app: &App, provider: &str) -> AppResult<Option<users::Model>> {
    Ok(users::Entity::find()
        .filter(users::Column::ProviderCode.eq(provider))
        .filter(users::Column::Role.eq(Role::System.code()))
        .order_by_asc(users::Column::Id)
        .one(&app.db.read)
        .await?)
}

/// Records `provider`'s information system under its БИН and name; one
/// that exists is given as it is. A БИН held by another account is refused.
pub async fn ensure(app: &App, provider: &str, bin: &Bin, name: &str) -> AppResult<users::Model> {
    if let Some(u) = of_provider(app, provider).await? {
        return Ok(u);
    }
    if crate::services::accounts::account::find_by_number(app, &bin.as_string())
        .await?
        .is_some()
    {
        return Err(AppError::conflict(ErrorCode::AlreadyRegistered));
    }
    let now = Utc::now();
    let user = users::ActiveModel {
        kind: Set(AccountKind::LegalEntity.code().to_owned()),
        id_number: Set(bin.as_string()),
        name: Set(name.to_owned()),
        phone: Set(String::new()),
        email: Set(String::new()),
        role: Set(Role::System.code().to_owned()),
        provider_code: Set(Some(provider.to_owned())),
        password_hash: Set(app.dummy_hash.clone()),
        disabled: Set(true),
        created_at: Set(now.into()),
        updated_at: Set(now.into()),
        self_registered: Set(false),
        ..Default::default()
    }
    .insert(&app.db.write)
    .await?;
    tracing::info!(user_id = user.id, provider, "information system recorded");
    Ok(user)
}
