//! Registration and signing in by password (with the failed-login
//! throttle), refresh, logout and the password change.

use sea_orm::{EntityTrait, TransactionTrait};
use shared::account::{ChangePasswordRequest, LoginRequest, RegisterRequest, Role};
use shared::{ErrorCode, FieldCode};

use crate::app::App;
use crate::db::entities::users;
use crate::error::{AppError, AppResult};
use crate::services::accounts::account::{
    self, IssuedSession, NewAccount, create, find_by_number, issued, replace_password,
    start_session,
};
use crate::services::accounts::sessions;

pub async fn register(app: &App, req: &RegisterRequest) -> AppResult<IssuedSession> {
    let v = req.validate().map_err(AppError::validation)?;
    let user = create(
        app,
        NewAccount {
            kind: v.kind,
            id_number: v.tax_id.as_string(),
            name: v.name.as_str().to_owned(),
            phone: v.phone.as_str().to_owned(),
            email: v.email.as_str().to_owned(),
            role: Role::Applicant,
            provider_code: None,
            password: v.password,
        },
    )
    .await?;
    tracing::info!(user_id = user.id, kind = %user.kind, "account registered");
    start_session(app, &user, None).await
}

/// Logs in with ИИН/БИН and password. An unknown number and a wrong
/// password get the same answer, after the same amount of work.
pub async fn login(app: &App, client: &str, req: &LoginRequest) -> AppResult<IssuedSession> {
    let number = req.id_number.trim();
    let mut missing = shared::error::Collector::new();
    if number.is_empty() {
        missing.add("id_number", FieldCode::Required);
    } else if let Err(code) = shared::TaxId::parse(number) {
        // No account has a number that is not one.
        missing.add("id_number", code);
    }
    if req.password.is_empty() {
        missing.add("password", FieldCode::Required);
    }
    missing.finish().map_err(AppError::validation)?;

    let auth = &app.config.auth;
    let account_key = format!("account:{number}");
    let client_key = format!("client:{client}");
    let db = &app.db.write;
    let throttled = app
        .throttle
        .check_each(
            db,
            &[
                (&account_key, auth.account_failures),
                (&client_key, auth.address_failures),
            ],
        )
        .await?;
    if let Some(wait) = throttled {
        tracing::warn!(client, "login throttled");
        return Err(AppError::too_many_attempts(wait));
    }

    let user = find_by_number(app, number).await?;
    let hash = user
        .as_ref()
        .map_or_else(|| app.dummy_hash.clone(), |u| u.password_hash.clone());
    let matches = app.passwords.verify(req.password.clone(), hash).await?;
    let Some(user) = user.filter(|_| matches) else {
        app.throttle.fail(db, &account_key).await?;
        app.throttle.fail(db, &client_key).await?;
        tracing::info!(client, "login refused");
        return Err(AppError::invalid_credentials());
    };
    if user.disabled {
        return Err(AppError::new(
            axum::http::StatusCode::FORBIDDEN,
            ErrorCode::AccountDisabled,
        ));
    }
    app.throttle.clear(db, &account_key).await?;
    tracing::info!(user_id = user.id, "logged in");
    start_session(app, &user, None).await
}

/// Rotates the refresh token and gives a new access token.
pub async fn refresh(app: &App, raw: &str) -> AppResult<IssuedSession> {
    let txn = app.db.write.begin().await?;
    let (user_id, family) = match sessions::consume(&txn, raw).await {
        Ok(found) => found,
        Err(e) => {
            // A detected reuse revoked the family: keep that. Whose it was
            // is not told, so every remembered session is asked again.
            txn.commit().await?;
            app.sessions.forget_all();
            return Err(e);
        }
    };
    let user = users::Entity::find_by_id(user_id).one(&txn).await?;
    let Some(user) = user.filter(|u| !u.disabled) else {
        sessions::revoke_family(&txn, &family).await?;
        txn.commit().await?;
        app.sessions.forget_user(user_id);
        return Err(AppError::session_ended());
    };
    let (refresh_token, family) =
        sessions::issue(&txn, user.id, Some(family), app.config.auth.refresh_ttl).await?;
    txn.commit().await?;
    issued(app, &user, refresh_token, &family)
}

pub async fn logout(app: &App, raw: &str) -> AppResult<()> {
    if let Some(user_id) = sessions::revoke_by_token(&app.db.write, raw).await? {
        app.sessions.forget_user(user_id);
    }
    Ok(())
}

/// Changes the password, ends every session of the account, and starts a
/// new one for the device that asked.
pub async fn change_password(
    app: &App,
    user: users::Model,
    req: &ChangePasswordRequest,
) -> AppResult<IssuedSession> {
    let new = account::new_password(&req.new_password, &account::owner(&user), "new_password")?;
    if !app
        .passwords
        .verify(req.current_password.clone(), user.password_hash.clone())
        .await?
    {
        return Err(AppError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::WrongCurrentPassword,
        ));
    }
    replace_password(app, user, &new).await
}
