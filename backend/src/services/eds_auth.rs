//! Registration and login with the ЭЦП (SPEC §3 step 1): the portal hands
//! out a fresh challenge, the user signs its canonical bytes with the
//! authentication key in the browser, and the server verifies the signature
//! and finds (or makes) the account of the certificate's ИИН/БИН.
//!
//! Challenges live in this process's memory, are single-use and expire
//! after [`CHALLENGE_TTL_SECS`]; a replayed, unknown or expired one is
//! refused with `challenge_expired`.

use std::collections::HashMap;
use std::sync::Mutex;

use base64::Engine as _;
use shared::account::{AccountKind, Role};
use shared::contact::Name;
use shared::eds::{
    Challenge, ChallengeDocument, ChallengePurpose, EdsCode, EdsLoginRequest, EdsRegisterRequest,
};
use shared::{Bin, ErrorCode, Iin};

use crate::app::App;
use crate::error::{AppError, AppResult};
use crate::pki::cert::{self, HolderRole};
use crate::pki::verify::{Expected, Report};
use crate::services::accounts::{self, IssuedSession, NewAccount};
use crate::services::signatures;

/// How long a challenge may wait for its signature (a registration form is
/// filled in between).
pub const CHALLENGE_TTL_SECS: u64 = 15 * 60;
/// Outstanding challenges kept at most; the oldest go first beyond it.
const MAX_OUTSTANDING: usize = 100_000;

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

pub(crate) fn decode(cms: &str) -> AppResult<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(cms.trim())
        .map_err(|_| AppError::signature(EdsCode::Malformed))
}

/// A challenge signature the verifier accepted.
struct Verified {
    report: Report,
    content: Vec<u8>,
    der: Vec<u8>,
}

impl Verified {
    /// Keeps the signature and its report beside the account it opened.
    async fn store(&self, app: &App, user_id: i32, purpose: &str) -> AppResult<()> {
        signatures::store(
            &app.db.write,
            signatures::Accepted {
                user_id,
                purpose,
                subject: None,
                content: &self.content,
                cms: &self.der,
                report: &self.report,
            },
        )
        .await?;
        Ok(())
    }
}

/// Takes the challenge and verifies its signature by an authentication key.
async fn verified(
    app: &App,
    challenge_id: &str,
    cms: &str,
    purpose: ChallengePurpose,
) -> AppResult<Verified> {
    let now = crate::services::tokens::now_secs();
    let doc = app.challenges.take(challenge_id, purpose, now)?;
    let der = decode(cms)?;
    let content = doc.to_signed_bytes();
    let expected = Expected {
        content: &content,
        iin: None,
        bin: None,
        purpose: cert::KeyPurpose::Authentication,
    };
    let report = app.trust.verify(&der, expected, now).await?;
    tracing::info!(
        serial = %report.signer_serial,
        path = ?report.path,
        signing_time = report.signing_time,
        "ЭЦП challenge signature verified"
    );
    Ok(Verified {
        report,
        content,
        der,
    })
}

/// Whose account a verified certificate opens: the legal entity's for a
/// certificate with a БИН, else the person's.
fn account_number(report: &Report) -> AppResult<String> {
    report
        .signer_bin
        .clone()
        .or_else(|| report.signer_iin.clone())
        .ok_or_else(|| AppError::signature(EdsCode::IinMismatch))
}

pub fn challenge(app: &App, purpose: ChallengePurpose) -> Challenge {
    app.challenges.issue(
        &app.config.public_url,
        purpose,
        crate::services::tokens::now_secs(),
    )
}

/// Logs in with a challenge signed by the authentication key.
pub async fn login(app: &App, req: &EdsLoginRequest) -> AppResult<IssuedSession> {
    let verified = verified(app, &req.challenge_id, &req.cms, ChallengePurpose::Login).await?;
    let number = account_number(&verified.report)?;
    // An account a desk made is not the user's until they register.
    let user = accounts::find_by_number(app, &number)
        .await?
        .filter(|u| u.self_registered)
        .ok_or_else(|| {
            AppError::new(axum::http::StatusCode::NOT_FOUND, ErrorCode::NotRegistered)
        })?;
    if user.disabled {
        return Err(AppError::new(
            axum::http::StatusCode::FORBIDDEN,
            ErrorCode::AccountDisabled,
        ));
    }
    verified.store(app, user.id, "login").await?;
    tracing::info!(user_id = user.id, "logged in with the ЭЦП");
    accounts::start_session(app, &user, None).await
}

/// Registers the applicant the certificate names, then signs them in.
pub async fn register(app: &App, req: &EdsRegisterRequest) -> AppResult<IssuedSession> {
    let form = req.validate().map_err(AppError::validation)?;
    let verified = verified(app, &req.challenge_id, &req.cms, ChallengePurpose::Register).await?;
    let report = &verified.report;
    let (kind, id_number, name) = match &report.signer_bin {
        Some(bin) => {
            let entitled = report
                .signer_roles
                .iter()
                .any(|r| matches!(r, HolderRole::Head | HolderRole::SigningRight));
            if !entitled {
                return Err(AppError::signature(EdsCode::NotEntitled));
            }
            let bin = Bin::parse(bin).map_err(|_| AppError::signature(EdsCode::BinMismatch))?;
            let name = report
                .signer_organization
                .clone()
                .unwrap_or_else(|| bin.as_string());
            (AccountKind::LegalEntity, bin.as_string(), name)
        }
        None => {
            let iin = report
                .signer_iin
                .as_deref()
                .ok_or_else(|| AppError::signature(EdsCode::IinMismatch))?;
            let iin = Iin::parse(iin).map_err(|_| AppError::signature(EdsCode::IinMismatch))?;
            let name = report.signer_name.clone().unwrap_or_default();
            (AccountKind::Individual, iin.as_string(), name)
        }
    };
    let name = Name::parse(&name)
        .map(|n| n.as_str().to_owned())
        .unwrap_or(name);
    let new = NewAccount {
        kind,
        id_number,
        name,
        phone: form.phone.as_str().to_owned(),
        email: form.email.as_str().to_owned(),
        role: Role::Applicant,
        provider_code: None,
        password: form.password,
    };
    // The certificate proves who they are: an account a desk made for them
    // (with the requests entered there) becomes theirs.
    let user = match accounts::find_by_number(app, &new.id_number).await? {
        Some(u) if !u.self_registered && u.kind == new.kind.code() => {
            accounts::claim(app, u, new).await?
        }
        _ => accounts::create(app, new).await?,
    };
    verified.store(app, user.id, "register").await?;
    tracing::info!(user_id = user.id, kind = %user.kind, serial = %report.signer_serial, "account registered with the ЭЦП");
    accounts::start_session(app, &user, None).await
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
