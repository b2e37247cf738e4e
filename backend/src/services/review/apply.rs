//! What a signed decision brings about, in one transaction: the signature
//! kept, the decision signed, the license in the registry (or the PHC
//! attachment), the request approved or refused with its history, the
//! applicant told. The reviewer's signature and the information system's
//! seal end here alike.

use crate::app::App;
use crate::clock::today;
use crate::db::entities::{decisions, licenses, requests, users};
use crate::db::stored;
use crate::error::{AppError, AppResult};
use crate::services::core::audit;
use crate::services::core::model::request_type_of;
use crate::services::core::model::service;
use crate::services::core::notifications;
use crate::services::core::transition::transition;
use crate::services::eds::signatures as eds_signatures;
use crate::services::registry::clinics;
use crate::services::review::decisions::decision_dto;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set, TransactionTrait};
use shared::catalog::RequestType;
use shared::request::{LicenseStatus, RequestStatus};
use shared::review::{DecisionDto, DecisionStatus, Outcome};

/// Makes decision `d` on `model` real with `signature` (verified already),
/// by `user`: the reviewer who signed it, or the provider's information
/// system.
pub async fn apply(
    app: &App,
    user: &users::Model,
    d: decisions::Model,
    model: requests::Model,
    signature: eds_signatures::Accepted<'_>,
) -> AppResult<DecisionDto> {
    let outcome = stored::state("decisions.outcome", &d.outcome, Outcome::parse)?;
    let detail = service(app, &model.service_code)?;
    let now = Utc::now();
    let txn = app.db.write.begin().await?;
    let signer_name = signature.report.signer_name.clone();
    let signature = eds_signatures::store(
        &txn,
        eds_signatures::Accepted {
            subject: d.license_number.clone().or_else(|| model.number.clone()),
            ..signature
        },
    )
    .await?;
    let decision_id = d.id;
    let mut active = d.clone().into_active_model();
    active.status = Set(stored::decision_status_code(DecisionStatus::Signed).to_owned());
    active.signature_id = Set(Some(signature.id));
    active.signed_at = Set(Some(now.into()));
    let d = active.update(&txn).await?;
    // The history's reason is the reviewer's words to the applicant; the
    // license or certificate number is the result's own (shown with it).
    let mut reason = None;
    if outcome == Outcome::Approve {
        let number = d.license_number.clone().unwrap_or_default();
        if clinics::attaches(app, &detail.code) {
            if let Some(p) = &model.provider_code {
                clinics::attach(&txn, model.user_id, p, Some(model.id)).await?;
            }
        } else {
            let answers: shared::forms::Answers = stored::json("requests.answers", &model.answers)?;
            let details =
                serde_json::json!({ "activity_subtype": answers.get("activity_subtype") })
                    .to_string();
            let license = licenses::ActiveModel {
                number: Set(number.clone()),
                holder_user_id: Set(model.user_id),
                service_code: Set(model.service_code.clone()),
                provider_code: Set(model.provider_code.clone()),
                request_id: Set(Some(model.id)),
                status: Set(LicenseStatus::Active.code().to_owned()),
                issued_on: Set(today().to_string()),
                details: Set(details),
                created_at: Set(now.into()),
                original_id: Set(model.license_id),
                document_key: Set(Some(d.document_key.clone())),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            crate::services::registry::entries::event(
                &txn,
                license.id,
                Some(user.id),
                "issued",
                None,
            )
            .await?;
            if let Some(original) = model.license_id {
                match request_type_of(&model)? {
                    RequestType::Reissuance => {
                        let o = licenses::Entity::find_by_id(original)
                            .one(&txn)
                            .await?
                            .ok_or_else(|| AppError::internal("a missing original license"))?;
                        let mut o = o.into_active_model();
                        o.status = Set(LicenseStatus::Reissued.code().to_owned());
                        o.update(&txn).await?;
                        crate::services::registry::entries::event(
                            &txn,
                            original,
                            Some(user.id),
                            "reissued",
                            Some(number.clone()),
                        )
                        .await?;
                    }
                    RequestType::Duplicate => {
                        crate::services::registry::entries::event(
                            &txn,
                            original,
                            Some(user.id),
                            "duplicate_issued",
                            Some(number.clone()),
                        )
                        .await?;
                    }
                    RequestType::Issuance => {}
                }
            }
        }
    } else if !d.reasons.is_empty() {
        reason = Some(d.reasons.clone());
    }
    let status = if outcome == Outcome::Approve {
        RequestStatus::Approved
    } else {
        RequestStatus::Refused
    };
    let request_id = model.id;
    let mail = notifications::letter(app, &model, status);
    transition(&txn, model, status, Some(user.id), reason, mail, |a| {
        a.decided_at = Set(Some(now.into()));
    })
    .await?;
    txn.commit().await?;
    app.mailer.wake();
    audit::record(
        app,
        Some(user.id),
        "decision",
        Some(request_id),
        &format!("{} decision {decision_id}", outcome.code()),
    )
    .await?;
    tracing::info!(
        request_id,
        decision_id,
        outcome = outcome.code(),
        "decision signed"
    );
    decision_dto(&d, signer_name)
}
