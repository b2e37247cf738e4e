//! Accounts: finding, creating (also for a desk's visitor), claiming,
//! disabling, and the start of a session, which every way of signing in
//! goes through ([`start_session`]). Signing in by password is
//! [`super::signin`].

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use shared::ErrorCode;
use shared::account::{Role, SessionDto};
use shared::password::{Owner, Password};

use crate::app::App;
use crate::db::entities::users;
use crate::error::{AppError, AppResult};
use crate::services::accounts::sessions;

/// A session just started: the body for the app and the refresh token for
/// the cookie.
#[derive(Debug)]
pub struct IssuedSession {
    pub body: SessionDto,
    pub refresh_token: String,
}

pub async fn start_session(
    app: &App,
    user: &users::Model,
    family: Option<String>,
) -> AppResult<IssuedSession> {
    // An account whose row does not decode gets no session at all.
    user.to_dto()?;
    let (refresh_token, family) =
        sessions::issue(&app.db.write, user.id, family, app.config.auth.refresh_ttl).await?;
    issued(app, user, refresh_token, &family)
}

/// The access token for a refresh token just issued in `family`.
pub(super) fn issued(
    app: &App,
    user: &users::Model,
    refresh_token: String,
    family: &str,
) -> AppResult<IssuedSession> {
    let access_token = app.keys.issue(user.id, user.role()?, family)?;
    Ok(IssuedSession {
        body: SessionDto {
            access_token,
            expires_in: app.keys.ttl_secs(),
            user: user.to_dto()?,
        },
        refresh_token,
    })
}

pub async fn find(app: &App, id: i32) -> AppResult<Option<users::Model>> {
    Ok(users::Entity::find_by_id(id).one(&app.db.read).await?)
}

pub async fn find_by_number(app: &App, id_number: &str) -> AppResult<Option<users::Model>> {
    Ok(users::Entity::find()
        .filter(users::Column::IdNumber.eq(id_number))
        .one(&app.db.read)
        .await?)
}

/// What a new account is made of, once its fields are valid.
pub struct NewAccount {
    pub kind: shared::account::AccountKind,
    pub id_number: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub role: Role,
    pub provider_code: Option<String>,
    pub password: Password,
}

/// Inserts an account; `AlreadyRegistered` when the ИИН/БИН has one, and
/// `RegisterWithEds` when a desk made one for it: only the ЭЦП proves who
/// claims the requests entered there.
pub async fn create(app: &App, new: NewAccount) -> AppResult<users::Model> {
    match find_by_number(app, &new.id_number).await? {
        Some(u) if !u.self_registered => {
            return Err(AppError::conflict(ErrorCode::RegisterWithEds));
        }
        Some(_) => return Err(AppError::conflict(ErrorCode::AlreadyRegistered)),
        None => {}
    }
    let password_hash = app.passwords.hash(new.password.expose().to_owned()).await?;
    let now = Utc::now();
    let inserted = users::ActiveModel {
        kind: Set(new.kind.code().to_owned()),
        id_number: Set(new.id_number),
        name: Set(new.name),
        phone: Set(new.phone),
        email: Set(new.email),
        role: Set(new.role.code().to_owned()),
        provider_code: Set(new.provider_code),
        password_hash: Set(password_hash),
        disabled: Set(false),
        created_at: Set(now.into()),
        updated_at: Set(now.into()),
        self_registered: Set(true),
        ..Default::default()
    }
    .insert(&app.db.write)
    .await;
    match inserted {
        Ok(user) => Ok(user),
        // Two registrations of the same number at once: the unique index decides.
        Err(e) if is_unique_violation(&e) => Err(AppError::conflict(ErrorCode::AlreadyRegistered)),
        Err(e) => Err(e.into()),
    }
}

/// The account of a visitor a desk enters a request for, who has none:
/// named as the state registry names them, with no password that could
/// match (the process's unknown hash), no phone and no address. Its owner
/// claims it by registering with the ЭЦП ([`claim`]). When the number has
/// an account already, that one is given.
pub async fn for_visitor(
    app: &App,
    kind: shared::account::AccountKind,
    id_number: &str,
    name: &str,
) -> AppResult<users::Model> {
    if let Some(u) = find_by_number(app, id_number).await? {
        return Ok(u);
    }
    let now = Utc::now();
    let inserted = users::ActiveModel {
        kind: Set(kind.code().to_owned()),
        id_number: Set(id_number.to_owned()),
        name: Set(name.to_owned()),
        phone: Set(String::new()),
        email: Set(String::new()),
        role: Set(Role::Applicant.code().to_owned()),
        provider_code: Set(None),
        password_hash: Set(app.dummy_hash.clone()),
        disabled: Set(false),
        created_at: Set(now.into()),
        updated_at: Set(now.into()),
        self_registered: Set(false),
        ..Default::default()
    }
    .insert(&app.db.write)
    .await;
    match inserted {
        Ok(user) => {
            tracing::info!(user_id = user.id, "account made at a desk for a visitor");
            Ok(user)
        }
        // Two desks at once: the other one made it.
        Err(e) if is_unique_violation(&e) => find_by_number(app, id_number)
            .await?
            .ok_or_else(|| AppError::internal("a visitor's account vanished")),
        Err(e) => Err(e.into()),
    }
}

/// Its owner takes over an account a desk made: their name, phone, e-mail
/// and password; the requests entered for them stay with it.
pub async fn claim(app: &App, user: users::Model, new: NewAccount) -> AppResult<users::Model> {
    let password_hash = app.passwords.hash(new.password.expose().to_owned()).await?;
    let mut active = user.into_active_model();
    active.name = Set(new.name);
    active.phone = Set(new.phone);
    active.email = Set(new.email);
    active.password_hash = Set(password_hash);
    active.self_registered = Set(true);
    active.updated_at = Set(Utc::now().into());
    let user = active.update(&app.db.write).await?;
    app.sessions.forget_user(user.id);
    tracing::info!(user_id = user.id, "an account made at a desk was claimed");
    Ok(user)
}

fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// Disables or enables an account; disabling ends its sessions.
pub async fn set_disabled(app: &App, id: i32, disabled: bool) -> AppResult<users::Model> {
    let user = find(app, id).await?.ok_or_else(AppError::not_found)?;
    let mut active = user.into_active_model();
    active.disabled = Set(disabled);
    active.updated_at = Set(Utc::now().into());
    let user = active.update(&app.db.write).await?;
    if disabled {
        sessions::revoke_all(&app.db.write, user.id).await?;
    }
    app.sessions.forget_user(user.id);
    tracing::info!(user_id = user.id, disabled, "account status changed");
    Ok(user)
}

pub async fn list(app: &App) -> AppResult<Vec<users::Model>> {
    use sea_orm::QueryOrder;
    Ok(users::Entity::find()
        .order_by_asc(users::Column::Id)
        .all(&app.db.read)
        .await?)
}

/// Sets `new` as the account's password (a change, or a reset): every
/// session of the account ends, and a new one starts for the device that
/// asked.
/// What a password of `user`'s account may not contain.
pub fn owner(user: &users::Model) -> Owner<'_> {
    Owner {
        tax_id: &user.id_number,
        phone: &user.phone,
        name: &user.name,
    }
}

/// `raw` as a new password of `owner`'s account, or the error by `field`.
pub fn new_password(raw: &str, owner: &Owner<'_>, field: &str) -> AppResult<Password> {
    Password::parse_for(raw, owner).map_err(|c| AppError::field(field, c))
}

pub async fn replace_password(
    app: &App,
    user: users::Model,
    new: &Password,
) -> AppResult<IssuedSession> {
    let hash = app.passwords.hash(new.expose().to_owned()).await?;
    let mut active = user.into_active_model();
    active.password_hash = Set(hash);
    active.updated_at = Set(Utc::now().into());
    let user = active.update(&app.db.write).await?;
    sessions::revoke_all(&app.db.write, user.id).await?;
    app.sessions.forget_user(user.id);
    tracing::info!(user_id = user.id, "password replaced; sessions revoked");
    start_session(app, &user, None).await
}
