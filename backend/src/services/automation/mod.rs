//! A fully automated service («полностью автоматизированная», seed 002
//! item 3; seed 001 item 3 in Kazakh: «толық автоматтандырылған»): once a
//! request is registered, the provider's information system decides it
//! when its rules hold (`rules`): the result document is made at once,
//! sealed with the provider's information-system certificate
//! (`services::eds::seals`), verified as every signature is, stamped, and
//! made real as a reviewer's signed decision is (`review::apply`). The
//! reviewers see it decided afterwards.
//!
//! A request the rules cannot decide stays in the queue with the reason
//! (`requests.manual_reason`); so does one whose provider has no
//! information system or seal, or whose deciding failed: a registered
//! request is never lost to the automation.

pub mod rules;
pub mod system;

use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use shared::catalog::{Automation, ServiceDetail};
use shared::review::{DecisionDraft, ManualReason, Outcome};

use crate::app::App;
use crate::db::entities::{requests, users};
use crate::error::{AppError, AppResult};
use crate::pki::cert::KeyPurpose;
use crate::pki::verify::Expected;
use crate::services::eds::{seals, signatures};
use crate::services::review::{apply, document};

/// After `model` (of `detail`, by `owner`) is registered: decided by the
/// system when the service is fully automated and its rules hold, else
/// left to a person with the reason. Gives the request as it now stands.
pub async fn registered(
    app: &App,
    detail: &ServiceDetail,
    owner: &users::Model,
    model: requests::Model,
) -> AppResult<requests::Model> {
    if detail.automation != Automation::Full {
        return Ok(model);
    }
    let id = model.id;
    let (reason, failed) = match rules::judge(app, detail, owner, &model).await? {
        Ok(checklist) => match decide(app, detail, model.clone(), checklist).await {
            Ok(()) => (None, false),
            Err(e) => {
                tracing::error!(error = ?e, request_id = id, "automatic decision failed: left to a person");
                (Some(ManualReason::SystemUnavailable), true)
            }
        },
        Err(reason) => (Some(reason), false),
    };
    let fresh = requests::Entity::find_by_id(id)
        .one(&app.db.write)
        .await?
        .ok_or_else(AppError::not_found)?;
    let Some(reason) = reason else {
        return Ok(fresh);
    };
    // Decided after all (only what followed the decision failed).
    if crate::services::core::model::status_of(&fresh)? != shared::request::RequestStatus::Submitted
    {
        return Ok(fresh);
    }
    tracing::info!(request_id = id, reason = reason.code(), "left to a person");
    let mut active = fresh.into_active_model();
    active.manual_reason = Set(Some(reason.code().to_owned()));
    if failed {
        // Taken by the system before it failed: free for a reviewer.
        active.assignee_id = Set(None);
    }
    Ok(active.update(&app.db.write).await?)
}

/// The system's approval of `model`, sealed and made real.
async fn decide(
    app: &App,
    detail: &ServiceDetail,
    model: requests::Model,
    checklist: Vec<shared::review::ChecklistMark>,
) -> AppResult<()> {
    let provider = model
        .provider_code
        .clone()
        .ok_or_else(|| AppError::internal("a request without its provider"))?;
    let system = system::of_provider(app, &provider)
        .await?
        .ok_or_else(|| AppError::internal(format_args!("{provider} has no information system")))?;
    let seal = seals::of(app, &provider)
        .await?
        .ok_or_else(|| AppError::internal(format_args!("{provider} has no seal")))?;
    let mut active = model.into_active_model();
    active.assignee_id = Set(Some(system.id));
    let model = active.update(&app.db.write).await?;
    let judgement = DecisionDraft {
        outcome: Outcome::Approve,
        checklist,
        reasons: String::new(),
    };
    let (d, pdf) = document::make(app, &model, detail, &system, &judgement).await?;
    let now = crate::clock::now_secs();
    let signed = pdf.clone();
    let cms = app
        .trust
        .bounded(move || {
            crate::pki::sign::sign_cades(&signed, &seal.signer, &seal.chain, now)
                .map_err(|e| e.to_string())
        })
        .await?
        .map_err(AppError::internal)?;
    let report = app
        .trust
        .verify(
            &cms,
            Expected {
                content: &pdf,
                iin: None,
                bin: Some(system.id_number.as_str()),
                purpose: KeyPurpose::Signing,
            },
            now,
        )
        .await?;
    let timestamp = app.trust.stamp(&cms, now).await?;
    apply::apply(
        app,
        &system,
        d,
        model,
        signatures::Accepted {
            user_id: system.id,
            purpose: "decision",
            subject: None,
            content: &pdf,
            cms: &cms,
            report: &report,
            timestamp: timestamp.as_ref(),
        },
    )
    .await?;
    Ok(())
}
