//! A way back in after a forgotten password, as egov.kz has it: with the
//! ЭЦП (a login challenge signed by the authentication key of the
//! account's ИИН/БИН), or by a one-time link sent to the account's e-mail.
//!
//! The link carries a token signed by the portal's token key (ES256, `typ`
//! [`RESET_TYP`]) that names the account, ends after [`RESET_TTL_SECS`]
//! and holds a fingerprint of the account's password hash. It is kept
//! nowhere, so there is nothing to steal at rest, and it works once: the
//! reset changes the hash (Argon2id with a new salt, even for the same
//! password), and with it the fingerprint. Asking for a link gets the same
//! answer whether or not the account exists, and is throttled per number
//! and per address. Either way every session of the account ends and a new
//! one starts for the device that asked.

use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::account::{EdsRecoverRequest, RecoverRequest, ResetPasswordRequest};
use shared::eds::ChallengePurpose;
use shared::password::Password;
use shared::{ErrorCode, Lang, TaxId};

use crate::adapters::mail::Letter;
use crate::app::App;
use crate::error::{AppError, AppResult};
use crate::services::accounts::account::{
    self, IssuedSession, find, find_by_number, replace_password,
};
use crate::services::accounts::eds_login;

/// The `typ` header of a password reset link's token.
pub const RESET_TYP: &str = "reset+jwt";
/// How long a reset link works.
pub const RESET_TTL_SECS: u64 = 30 * 60;

#[derive(Debug, Serialize, Deserialize)]
struct ResetClaims {
    /// The account id.
    sub: String,
    iss: String,
    aud: String,
    iat: u64,
    nbf: u64,
    exp: u64,
    /// The fingerprint of the password hash the link may replace.
    pwd: String,
}

fn fingerprint(password_hash: &str) -> String {
    crate::pki::hex(&Sha256::digest(password_hash.as_bytes()))
}

fn invalid_link() -> AppError {
    AppError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::ResetLinkInvalid,
    )
}

/// Sends the reset link when the number has a registered, enabled account
/// with an e-mail; answers the same either way.
pub async fn send_link(app: &App, client: &str, req: &RecoverRequest) -> AppResult<()> {
    let number = req.id_number.trim();
    TaxId::parse(number).map_err(|c| AppError::field("id_number", c))?;
    let auth = &app.config.auth;
    let (by_number, by_client) = (
        format!("recover:{number}"),
        format!("recover-client:{client}"),
    );
    let db = &app.db.write;
    let throttled = app
        .throttle
        .check_each(
            db,
            &[
                (&by_number, auth.account_failures),
                (&by_client, auth.address_failures),
            ],
        )
        .await?;
    if let Some(wait) = throttled {
        return Err(AppError::too_many_attempts(wait));
    }
    // Every ask counts, whatever it finds.
    app.throttle.fail(db, &by_number).await?;
    app.throttle.fail(db, &by_client).await?;
    let user = find_by_number(app, number)
        .await?
        .filter(|u| u.self_registered && !u.disabled && !u.email.is_empty());
    let Some(user) = user else {
        tracing::info!("password reset asked for a number without an account to reach");
        return Ok(());
    };
    let now = crate::clock::now_secs();
    let claims = ResetClaims {
        sub: user.id.to_string(),
        iss: app.keys.issuer().to_owned(),
        aud: app.keys.audience().to_owned(),
        iat: now,
        nbf: now,
        exp: now + RESET_TTL_SECS,
        pwd: fingerprint(&user.password_hash),
    };
    let token = app.keys.sign(RESET_TYP, &claims)?;
    // In the fragment: a browser never sends it, so no server or proxy log
    // on the way holds the token.
    let link = format!(
        "{}/recover#{token}",
        app.config.public_url.trim_end_matches('/')
    );
    let (subject, body) = letter(req.lang, &link);
    let letter = Letter {
        user_id: user.id,
        request_id: None,
        subject,
        body,
    };
    app.mailer.queue(&app.db.write, &letter).await?;
    app.mailer.wake();
    tracing::info!(user_id = user.id, "password reset link sent");
    Ok(())
}

/// The letter with `link`, in the asker's language and in Kazakh or Russian.
fn letter(lang: Lang, link: &str) -> (String, String) {
    let minutes = RESET_TTL_SECS / 60;
    let kk = format!(
        "Порталдағы құпиясөзді қалпына келтіру үшін сілтемені ашыңыз (ол {minutes} минут \
         және бір рет жарамды):\n{link}\n\nЕгер сіз сұрамасаңыз, бұл хатты елемеңіз: \
         құпиясөзіңіз өзгермейді.\n"
    );
    let ru = format!(
        "Чтобы задать новый пароль на портале, откройте ссылку (она действует {minutes} \
         минут и один раз):\n{link}\n\nЕсли вы не запрашивали восстановление, не обращайте \
         внимания на это письмо: пароль не изменится.\n"
    );
    match lang {
        Lang::Kk => ("Құпиясөзді қалпына келтіру".into(), format!("{kk}\n{ru}")),
        _ => ("Восстановление пароля".into(), format!("{ru}\n{kk}")),
    }
}

/// Sets the new password through the link's token.
pub async fn reset(app: &App, req: &ResetPasswordRequest) -> AppResult<IssuedSession> {
    let new = Password::parse(&req.new_password).map_err(|c| AppError::field("new_password", c))?;
    let claims: ResetClaims = app
        .keys
        .verify_typed(RESET_TYP, req.token.trim())
        .ok_or_else(invalid_link)?;
    let id: i32 = claims.sub.parse().map_err(|_| invalid_link())?;
    let user = find(app, id)
        .await?
        .filter(|u| !u.disabled && fingerprint(&u.password_hash) == claims.pwd)
        .ok_or_else(invalid_link)?;
    let new = account::new_password(new.expose(), &account::owner(&user), "new_password")?;
    replace_password(app, user, &new).await
}

/// Sets the new password of the account the signed challenge's
/// certificate names.
pub async fn with_eds(app: &App, req: &EdsRecoverRequest) -> AppResult<IssuedSession> {
    let new = Password::parse(&req.new_password).map_err(|c| AppError::field("new_password", c))?;
    let verified =
        eds_login::verified(app, &req.challenge_id, &req.cms, ChallengePurpose::Login).await?;
    let number = eds_login::account_number(verified.report())?;
    let user = find_by_number(app, &number)
        .await?
        .filter(|u| u.self_registered)
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, ErrorCode::NotRegistered))?;
    if user.disabled {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::AccountDisabled,
        ));
    }
    let new = account::new_password(new.expose(), &account::owner(&user), "new_password")?;
    verified.store(app, user.id, "password_reset").await?;
    replace_password(app, user, &new).await
}
