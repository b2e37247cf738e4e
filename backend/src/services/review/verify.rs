//! Checking a result PDF and its signature against what the portal issued.

use crate::app::App;
use crate::clock::rfc3339;
use crate::db::entities::{decisions, requests, signatures};
use crate::db::stored;
use crate::error::AppResult;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use shared::request::RequestNumber;
use shared::review::{DecisionStatus, Outcome};

/// Checks a result PDF and its signature against what the portal issued.
pub async fn verify_document(
    app: &App,
    pdf: &[u8],
    cms: &[u8],
) -> AppResult<shared::review::VerifyOutcome> {
    use shared::review::VerifyOutcome;
    let sha = crate::pki::hex(&Sha256::digest(pdf));
    let Some(d) = decisions::Entity::find()
        .filter(decisions::Column::DocumentSha256.eq(sha))
        .filter(decisions::Column::Status.eq(stored::decision_status_code(DecisionStatus::Signed)))
        .one(&app.db.read)
        .await?
    else {
        return Ok(VerifyOutcome {
            authentic: false,
            problem: Some("unknown_document".into()),
            outcome: None,
            number: None,
            request: None,
            signed_by: None,
            signed_at: None,
        });
    };
    let stored = match d.signature_id {
        Some(s) => signatures::Entity::find_by_id(s).one(&app.db.read).await?,
        None => None,
    };
    let request = requests::Entity::find_by_id(d.request_id)
        .one(&app.db.read)
        .await?;
    let (cms, pdf) = (cms.to_vec(), pdf.to_vec());
    let signer_serial = app
        .trust
        .bounded(move || {
            let verified = crate::pki::cms::verify(&cms, Some(&pdf)).ok()?;
            crate::pki::cert::info(&verified.signer)
                .ok()
                .map(|i| i.serial_hex)
        })
        .await?;
    let signer_matches = match (signer_serial, &stored) {
        (Some(serial), Some(s)) => serial == s.signer_serial,
        _ => false,
    };
    Ok(VerifyOutcome {
        authentic: signer_matches,
        problem: (!signer_matches).then(|| "bad_signature".to_owned()),
        outcome: Some(stored::state(
            "decisions.outcome",
            &d.outcome,
            Outcome::parse,
        )?),
        number: d.license_number.clone(),
        request: stored::optional(
            "requests.number",
            request.and_then(|r| r.number).as_deref(),
            RequestNumber::parse,
        )?,
        signed_by: stored.as_ref().and_then(|s| s.signer_name.clone()),
        signed_at: d.signed_at.as_ref().map(rfc3339),
    })
}
