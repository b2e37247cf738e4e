//! Keeps every accepted ЭЦП signature with the verifier's report, beside
//! what was signed: the signature itself, the SHA-256 of the signed bytes,
//! the signer's certificate serial, ИИН/БИН and name, the signing and
//! validation times, the path to the trusted root, and for requests and
//! decisions the TSA's timestamp over the signature value.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use sha2::{Digest, Sha256};

use crate::db::entities::signatures;
use crate::error::{AppError, AppResult};
use base64::Engine as _;
use shared::eds::EdsCode;

use crate::pki::tsp::Timestamp;
use crate::pki::verify::Report;

/// What was signed, by whom, and how it was checked.
#[derive(Debug)]
pub struct Accepted<'a> {
    pub user_id: i32,
    /// `login`, `register`, later `request`, `decision`.
    pub purpose: &'a str,
    /// What the signature is for, e.g. a request number.
    pub subject: Option<String>,
    /// The exact bytes that were signed.
    pub content: &'a [u8],
    /// The CMS SignedData, DER.
    pub cms: &'a [u8],
    pub report: &'a Report,
    /// The TSA's token over the signature value (CAdES-T), when stamped.
    pub timestamp: Option<&'a Timestamp>,
}

fn time(secs: u64) -> AppResult<DateTime<Utc>> {
    i64::try_from(secs)
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .ok_or_else(|| AppError::internal(format!("a time out of range: {secs}")))
}

/// Stores an accepted signature.
pub async fn store(db: &impl ConnectionTrait, a: Accepted<'_>) -> AppResult<signatures::Model> {
    let path = serde_json::to_string(&a.report.path).map_err(AppError::internal)?;
    let model = signatures::ActiveModel {
        user_id: Set(a.user_id),
        purpose: Set(a.purpose.to_owned()),
        subject: Set(a.subject),
        content_sha256: Set(crate::pki::hex(&Sha256::digest(a.content))),
        cms: Set(a.cms.to_vec()),
        signer_serial: Set(a.report.signer_serial.clone()),
        signer_iin: Set(a.report.signer_iin.clone()),
        signer_bin: Set(a.report.signer_bin.clone()),
        signer_name: Set(a.report.signer_name.clone()),
        signing_time: Set(time(a.report.signing_time)?.into()),
        validated_at: Set(time(a.report.validated_at)?.into()),
        path: Set(path),
        timestamp_token: Set(a.timestamp.map(|t| t.token.clone())),
        timestamped_at: Set(a.timestamp.map(|t| time(t.at)).transpose()?.map(Into::into)),
        created_at: Set(Utc::now().into()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(model)
}

/// The DER of a base64 CMS signature as the browser sends it.
pub(crate) fn decode(cms: &str) -> AppResult<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(cms.trim())
        .map_err(|_| AppError::signature(EdsCode::Malformed))
}
