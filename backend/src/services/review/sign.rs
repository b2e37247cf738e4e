//! Signing a decision: the reviewer's signature over the result PDF makes the
//! result real (the license or attachment, or the refusal).

use crate::app::App;
use crate::db::entities::users;
use crate::db::stored;
use crate::error::{AppError, AppResult};
use crate::pki::cert::KeyPurpose;
use crate::pki::verify::Expected;
use crate::services::core::model::status_of;
use crate::services::eds::signatures as eds_signatures;
use crate::services::review::access::decision_of_provider;
use crate::services::review::apply;
use shared::ErrorCode;
use shared::account::AccountKind;
use shared::request::RequestStatus;
use shared::review::{DecisionDto, DecisionStatus};

/// Verifies the reviewer's signature over the result PDF and makes the
/// result real: the license (or attachment), or the refusal.
pub async fn sign(app: &App, user: &users::Model, id: i32, cms: &str) -> AppResult<DecisionDto> {
    let (d, model) = decision_of_provider(app, user, id).await?;
    if stored::decision_status(&d.status)? != DecisionStatus::Draft
        || matches!(
            status_of(&model)?,
            RequestStatus::Approved | RequestStatus::Refused
        )
    {
        return Err(AppError::conflict(ErrorCode::AlreadyDecided));
    }
    if model.assignee_id != Some(user.id) || d.reviewer_id != user.id {
        return Err(AppError::conflict(ErrorCode::AssignedToOther));
    }
    // The hearing could have been reopened since the draft was made.
    if stored::state(
        "decisions.outcome",
        &d.outcome,
        shared::review::Outcome::parse,
    )? == shared::review::Outcome::Refuse
    {
        crate::services::inquiries::gate::require_heard(&app.db.read, model.id).await?;
    }
    let pdf = app
        .storage
        .get(&d.document_key)
        .await
        .map_err(|e| AppError::internal(format_args!("reading a result: {e}")))?;
    let der = eds_signatures::decode(cms)?;
    let (iin, bin) = match user.kind()? {
        AccountKind::Individual => (Some(user.id_number.as_str()), None),
        AccountKind::LegalEntity => (None, Some(user.id_number.as_str())),
    };
    let report = app
        .trust
        .verify(
            &der,
            Expected {
                content: &pdf,
                iin,
                bin,
                purpose: KeyPurpose::Signing,
            },
            crate::clock::now_secs(),
        )
        .await?;
    let timestamp = app.trust.stamp(&der, crate::clock::now_secs()).await?;
    apply::apply(
        app,
        user,
        d,
        model,
        eds_signatures::Accepted {
            user_id: user.id,
            purpose: "decision",
            subject: None,
            content: &pdf,
            cms: &der,
            report: &report,
            timestamp: timestamp.as_ref(),
        },
    )
    .await
}
