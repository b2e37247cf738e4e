//! Refresh sessions. A refresh token is 32 random bytes; only its SHA-256 is
//! stored. Each use rotates it: the old one is marked used and a new one of
//! the same family is issued. Presenting a used token again means it was
//! stolen or replayed, and the whole family is revoked.
//!
//! Every signed-in call asks whether its session is open ([`signed_in`]);
//! [`SessionMemory`](super::session_memory::SessionMemory) keeps a yes for a moment, so a page that calls the API
//! a few times in a row asks the database once.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use rand::RngCore;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, QueryResult, QuerySelect, Set,
};
use sha2::{Digest, Sha256};

use crate::db::entities::{refresh_tokens, users};
use crate::error::{AppError, AppResult};

fn hash(raw: &str) -> String {
    crate::pki::hex(&Sha256::digest(raw.as_bytes()))
}

fn new_raw() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Issues a refresh token for `user_id` in `family` (a new family when `None`);
/// returns the raw token for the cookie and the family.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i32,
    family: Option<String>,
    ttl: std::time::Duration,
) -> AppResult<(String, String)> {
    let raw = new_raw();
    let family = family.unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let now = Utc::now();
    let ttl = chrono::Duration::from_std(ttl).map_err(AppError::internal)?;
    refresh_tokens::ActiveModel {
        user_id: Set(user_id),
        family: Set(family.clone()),
        token_hash: Set(hash(&raw)),
        created_at: Set(now.into()),
        expires_at: Set((now + ttl).into()),
        used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((raw, family))
}

/// An account and whether the session named in an access token is open.
#[derive(Debug)]
pub struct SignedIn {
    pub user: users::Model,
    /// The session belongs to the account and has not been revoked.
    pub live: bool,
}

/// The alias of the `live` column in [`signed_in`]'s query.
const LIVE: &str = "session_live";

impl FromQueryResult for SignedIn {
    fn from_query_result(row: &QueryResult, pre: &str) -> Result<Self, DbErr> {
        Ok(SignedIn {
            user: users::Model::from_query_result(row, pre)?,
            live: row.try_get(pre, LIVE)?,
        })
    }
}

/// The account `user_id` with whether its session `family` is open, in one
/// query (every signed-in call asks this).
pub async fn signed_in(
    db: &impl ConnectionTrait,
    user_id: i32,
    family: &str,
) -> AppResult<Option<SignedIn>> {
    let open = Query::select()
        .expr(Expr::val(1))
        .from(refresh_tokens::Entity)
        .and_where(refresh_tokens::Column::UserId.eq(user_id))
        .and_where(refresh_tokens::Column::Family.eq(family))
        .and_where(refresh_tokens::Column::RevokedAt.is_null())
        .to_owned();
    Ok(users::Entity::find_by_id(user_id)
        .column_as(Expr::exists(open), LIVE)
        .into_model::<SignedIn>()
        .one(db)
        .await?)
}

/// Consumes `raw`: on success gives the user id and the family, and the token
/// can never be used again.
pub async fn consume(db: &impl ConnectionTrait, raw: &str) -> AppResult<(i32, String)> {
    let Some(token) = refresh_tokens::Entity::find()
        .filter(refresh_tokens::Column::TokenHash.eq(hash(raw)))
        .one(db)
        .await?
    else {
        return Err(AppError::session_ended());
    };
    let now = Utc::now();
    if token.revoked_at.is_some() || token.expires_at < now {
        return Err(AppError::session_ended());
    }
    if token.used_at.is_some() {
        tracing::warn!(
            user_id = token.user_id,
            "refresh token reused: revoking its family"
        );
        revoke_family(db, &token.family).await?;
        return Err(AppError::session_ended());
    }
    // Compare-and-set, so two concurrent uses cannot both succeed.
    let updated = refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::UsedAt, Expr::value(now))
        .filter(refresh_tokens::Column::Id.eq(token.id))
        .filter(refresh_tokens::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if updated.rows_affected != 1 {
        revoke_family(db, &token.family).await?;
        return Err(AppError::session_ended());
    }
    Ok((token.user_id, token.family))
}

pub async fn revoke_family(db: &impl ConnectionTrait, family: &str) -> AppResult<()> {
    refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_tokens::Column::Family.eq(family))
        .filter(refresh_tokens::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends the session `raw` belongs to (logout), giving its account. Unknown
/// tokens are ignored.
pub async fn revoke_by_token(db: &impl ConnectionTrait, raw: &str) -> AppResult<Option<i32>> {
    let Some(token) = refresh_tokens::Entity::find()
        .filter(refresh_tokens::Column::TokenHash.eq(hash(raw)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    revoke_family(db, &token.family).await?;
    Ok(Some(token.user_id))
}

/// Ends every session of a user (password change, account disabled).
pub async fn revoke_all(db: &impl ConnectionTrait, user_id: i32) -> AppResult<()> {
    refresh_tokens::Entity::update_many()
        .col_expr(refresh_tokens::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(refresh_tokens::Column::UserId.eq(user_id))
        .filter(refresh_tokens::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes tokens that expired more than a day ago.
pub async fn sweep_expired(db: &impl ConnectionTrait) -> AppResult<u64> {
    let cutoff = Utc::now() - chrono::Duration::days(1);
    let res = refresh_tokens::Entity::delete_many()
        .filter(refresh_tokens::Column::ExpiresAt.lt(cutoff))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
