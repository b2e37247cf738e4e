//! The outstanding ЭЦП login and registration challenges, in the database:
//! issued by one portal process, answered at any. A challenge is taken once
//! within its time and for its purpose; the delete that takes it is what
//! makes it single-use, so two processes answering the same challenge at
//! once cannot both use it.

use base64::Engine as _;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use shared::eds::{Challenge, ChallengeDocument, ChallengePurpose, EdsCode};

use crate::db::entities::eds_challenges;
use crate::db::stored;
use crate::error::{AppError, AppResult};

/// How long a challenge may wait for its signature (a registration form is
/// filled in between).
pub const CHALLENGE_TTL_SECS: u64 = 15 * 60;

fn purpose_code(p: ChallengePurpose) -> &'static str {
    match p {
        ChallengePurpose::Login => "login",
        ChallengePurpose::Register => "register",
    }
}

fn purpose_parse(code: &str) -> Option<ChallengePurpose> {
    [ChallengePurpose::Login, ChallengePurpose::Register]
        .into_iter()
        .find(|p| purpose_code(*p) == code)
}

fn secs(v: u64) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// A new challenge for `purpose`; the expired ones go as new ones come.
pub async fn issue(
    db: &DatabaseConnection,
    portal: &str,
    purpose: ChallengePurpose,
    now: u64,
) -> AppResult<Challenge> {
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut nonce = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut nonce);
    let mut id = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut id);
    let document = ChallengeDocument {
        portal: portal.to_owned(),
        purpose,
        nonce: b64.encode(nonce),
        issued_at: now,
        expires_at: now + CHALLENGE_TTL_SECS,
    };
    let id = b64.encode(id);
    eds_challenges::Entity::delete_many()
        .filter(eds_challenges::Column::ExpiresAt.lt(secs(now)))
        .exec(db)
        .await?;
    eds_challenges::Entity::insert(eds_challenges::ActiveModel {
        id: Set(id.clone()),
        purpose: Set(purpose_code(purpose).to_owned()),
        portal: Set(document.portal.clone()),
        nonce: Set(document.nonce.clone()),
        issued_at: Set(secs(document.issued_at)),
        expires_at: Set(secs(document.expires_at)),
    })
    .exec(db)
    .await?;
    Ok(Challenge { id, document })
}

/// Takes the challenge out (whatever comes of its signature, it is used):
/// refused when unknown, already taken, expired or for another purpose.
pub async fn take(
    db: &DatabaseConnection,
    id: &str,
    purpose: ChallengePurpose,
    now: u64,
) -> AppResult<ChallengeDocument> {
    let refused = || AppError::signature(EdsCode::ChallengeExpired);
    let row = eds_challenges::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?
        .ok_or_else(refused)?;
    // Only the caller whose delete removed the row may use it.
    let gone = eds_challenges::Entity::delete_by_id(id.to_owned())
        .exec(db)
        .await?;
    if gone.rows_affected != 1 {
        return Err(refused());
    }
    let doc = ChallengeDocument {
        portal: row.portal,
        purpose: stored::state("eds_challenges.purpose", &row.purpose, purpose_parse)?,
        nonce: row.nonce,
        issued_at: u64::try_from(row.issued_at).unwrap_or(0),
        expires_at: u64::try_from(row.expires_at).unwrap_or(0),
    };
    if doc.purpose == purpose && now <= doc.expires_at {
        Ok(doc)
    } else {
        Err(refused())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn purposes_round_trip_and_an_unknown_one_is_none() {
        for p in [ChallengePurpose::Login, ChallengePurpose::Register] {
            assert_eq!(purpose_parse(purpose_code(p)), Some(p));
        }
        assert_eq!(purpose_parse("logout"), None);
    }
}
