//! The outstanding ЭЦП login and registration challenges: issued, taken once
//! within their time and for their purpose.

use crate::error::{AppError, AppResult};
use base64::Engine as _;
use shared::eds::{Challenge, ChallengeDocument, ChallengePurpose, EdsCode};
use std::collections::HashMap;
use std::sync::Mutex;

/// How long a challenge may wait for its signature (a registration form is
/// filled in between).
pub const CHALLENGE_TTL_SECS: u64 = 15 * 60;

/// Outstanding challenges kept at most; the oldest go first beyond it.
pub const MAX_OUTSTANDING: usize = 100_000;

/// The outstanding challenges.
#[derive(Debug, Default)]
pub struct Challenges {
    open: Mutex<HashMap<String, ChallengeDocument>>,
}

impl Challenges {
    /// A new challenge for `purpose`.
    pub fn issue(&self, portal: &str, purpose: ChallengePurpose, now: u64) -> Challenge {
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
        if let Ok(mut open) = self.open.lock() {
            open.retain(|_, d| d.expires_at >= now);
            if open.len() >= MAX_OUTSTANDING
                && let Some(oldest) = open
                    .iter()
                    .min_by_key(|(_, d)| d.issued_at)
                    .map(|(k, _)| k.clone())
            {
                open.remove(&oldest);
            }
            open.insert(id.clone(), document.clone());
        }
        Challenge { id, document }
    }

    /// Takes the challenge out (whatever comes of its signature, it is
    /// used): refused when unknown, already used, expired or for another
    /// purpose.
    pub fn take(
        &self,
        id: &str,
        purpose: ChallengePurpose,
        now: u64,
    ) -> AppResult<ChallengeDocument> {
        let taken = self.open.lock().ok().and_then(|mut open| open.remove(id));
        match taken {
            Some(doc) if doc.purpose == purpose && now <= doc.expires_at => Ok(doc),
            _ => Err(AppError::signature(EdsCode::ChallengeExpired)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_challenge_is_taken_once_within_its_time_and_for_its_purpose() {
        let challenges = Challenges::default();
        let now = 1_795_400_000;
        let c = challenges.issue("http://portal", ChallengePurpose::Login, now);
        assert_eq!(c.document.expires_at, now + CHALLENGE_TTL_SECS);
        assert_eq!(
            challenges
                .take(&c.id, ChallengePurpose::Login, now + 1)
                .expect("taken")
                .nonce,
            c.document.nonce
        );
        assert!(
            challenges
                .take(&c.id, ChallengePurpose::Login, now + 2)
                .is_err()
        );

        let late = challenges.issue("http://portal", ChallengePurpose::Login, now);
        assert!(
            challenges
                .take(
                    &late.id,
                    ChallengePurpose::Login,
                    now + CHALLENGE_TTL_SECS + 1
                )
                .is_err()
        );
        let other = challenges.issue("http://portal", ChallengePurpose::Register, now);
        assert!(
            challenges
                .take(&other.id, ChallengePurpose::Login, now)
                .is_err()
        );
        // Two challenges never share a nonce or an id.
        let a = challenges.issue("http://portal", ChallengePurpose::Login, now);
        let b = challenges.issue("http://portal", ChallengePurpose::Login, now);
        assert_ne!(a.id, b.id);
        assert_ne!(a.document.nonce, b.document.nonce);
    }
}
