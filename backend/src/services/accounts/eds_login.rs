//! Registration and login with the ЭЦП (SPEC §3 step 1): the portal hands
//! out a fresh challenge, the user signs its canonical bytes with the
//! authentication key in the browser, and the server verifies the signature
//! and finds (or makes) the account of the certificate's ИИН/БИН.
//!
//! Challenges live in this process's memory, are single-use and expire
//! after [`CHALLENGE_TTL_SECS`]; a replayed, unknown or expired one is
//! refused with `challenge_expired`.

use shared::account::{AccountKind, Role};
use shared::contact::{Name, is_invisible};
use shared::eds::{Challenge, ChallengePurpose, EdsCode, EdsLoginRequest, EdsRegisterRequest};
use shared::password::Owner;
use shared::{Bin, ErrorCode, FieldCode, Iin};

use crate::app::App;
use crate::error::{AppError, AppResult};
use crate::pki::cert::{self, HolderRole};
use crate::pki::verify::{Expected, Report};
use crate::services::accounts::account as accounts;
use crate::services::accounts::account::IssuedSession;
use crate::services::accounts::account::NewAccount;
use crate::services::accounts::challenges;
use crate::services::eds::signatures;
use crate::services::eds::signatures::decode;
use crate::services::eds::trust::national::Placeholder;

/// A challenge signature the verifier accepted.
pub struct Verified {
    report: Report,
    content: Vec<u8>,
    der: Vec<u8>,
}

impl Verified {
    /// The verifier's report.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Keeps the signature and its report beside the account it opened.
    pub async fn store(&self, app: &App, user_id: i32, purpose: &str) -> AppResult<()> {
        signatures::store(
            &app.db.write,
            signatures::Accepted {
                user_id,
                purpose,
                subject: None,
                content: &self.content,
                cms: &self.der,
                report: &self.report,
                timestamp: None,
            },
        )
        .await?;
        Ok(())
    }
}

/// Takes the challenge and verifies its signature by an authentication key.
pub async fn verified(
    app: &App,
    challenge_id: &str,
    cms: &str,
    purpose: ChallengePurpose,
) -> AppResult<Verified> {
    let now = crate::clock::now_secs();
    let doc = challenges::take(&app.db.write, challenge_id, purpose, now).await?;
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
pub fn account_number(report: &Report) -> AppResult<String> {
    report
        .signer_bin
        .clone()
        .or_else(|| report.signer_iin.clone())
        .ok_or_else(|| AppError::signature(EdsCode::IinMismatch))
}

pub async fn challenge(app: &App, purpose: ChallengePurpose) -> AppResult<Challenge> {
    challenges::issue(
        &app.db.write,
        &app.config.public_url,
        purpose,
        crate::clock::now_secs(),
    )
    .await
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

/// The certificate's ИИН or БИН as the new account's number: one that
/// passes the check, or, under `--trust-national-test`, a placeholder of a
/// national test certificate (`services::eds::trust::national`); any other
/// is refused as not the certificate holder's number.
fn id_number(app: &App, report: &Report, kind: Placeholder, number: &str) -> AppResult<String> {
    let valid = match kind {
        Placeholder::Iin => Iin::parse(number).map(|i| i.as_string()),
        Placeholder::Bin => Bin::parse(number).map(|b| b.as_string()),
    };
    match valid {
        Ok(number) => Ok(number),
        Err(_) if app.trust.national_test_placeholder(report, kind, number) => {
            tracing::warn!(
                number,
                "a national test certificate's placeholder number taken"
            );
            Ok(number.to_owned())
        }
        Err(_) => Err(AppError::signature(match kind {
            Placeholder::Iin => EdsCode::IinMismatch,
            Placeholder::Bin => EdsCode::BinMismatch,
        })),
    }
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
            let bin = id_number(app, report, Placeholder::Bin, bin)?;
            let name = report
                .signer_organization
                .clone()
                .unwrap_or_else(|| bin.clone());
            (AccountKind::LegalEntity, bin, name)
        }
        None => {
            let iin = report
                .signer_iin
                .as_deref()
                .ok_or_else(|| AppError::signature(EdsCode::IinMismatch))?;
            let iin = id_number(app, report, Placeholder::Iin, iin)?;
            let name = report.signer_name.clone().unwrap_or_default();
            (AccountKind::Individual, iin, name)
        }
    };
    // The certificate's name, without what no name needs (the CA's data is
    // not ours to refuse, but an override must not reach a page).
    let name: String = name.chars().filter(|c| !is_invisible(*c)).collect();
    let name = Name::parse(&name)
        .map(|n| n.as_str().to_owned())
        .unwrap_or(name);
    let owner = Owner {
        tax_id: &id_number,
        phone: form.phone.as_str(),
        name: &name,
    };
    if owner.is_in(form.password.expose()) {
        return Err(AppError::field("password", FieldCode::PasswordPersonal));
    }
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
