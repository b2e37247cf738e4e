//! A decision's result document: the license, the attachment's talon or
//! the refusal as a PDF in storage, and its row (a draft until signed).
//! Made for a reviewer's judgement and for the information system's own.

use crate::adapters::storage;
use crate::app::App;
use crate::clock::today;
use crate::db::entities::{decisions, licenses, requests, users};
use crate::db::stored;
use crate::error::{AppError, AppResult};
use crate::services::core::model::request_type_of;
use crate::services::registry::clinics;
use crate::services::review::access::user_by_id;
use crate::services::review::results_pdf;
use crate::services::review::results_pdf::Kind;
use crate::services::review::results_pdf::ResultDoc;
use bytes::Bytes;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use sha2::{Digest, Sha256};
use shared::catalog::{RequestType, ServiceDetail};
use shared::review::{DecisionDraft, DecisionStatus, Outcome};

/// The activity the form names (kk, ru), if its field is a choice.
pub fn activity(
    detail: &ServiceDetail,
    answers: &shared::forms::Answers,
) -> Option<(String, String)> {
    let value = answers.get("activity_subtype")?;
    let field = detail.fields.iter().find(|f| f.key == "activity_subtype")?;
    match &field.kind {
        shared::catalog::FieldKind::Select { options } => {
            options.iter().find(|o| &o.code == value).map(|o| {
                (
                    o.label.get(shared::Lang::Kk).to_owned(),
                    o.label.get(shared::Lang::Ru).to_owned(),
                )
            })
        }
        _ => Some((value.clone(), value.clone())),
    }
}

/// The public address of a result's verification page.
pub fn verify_url(app: &App, number: &str) -> String {
    format!(
        "{}/verify/{number}",
        app.config.public_url.trim_end_matches('/')
    )
}

/// Makes the result document of `draft` on `model`, by `user` (the
/// official it names), as an unsigned decision; drops an unsigned one made
/// before. Gives the row and the PDF.
pub async fn make(
    app: &App,
    model: &requests::Model,
    detail: &ServiceDetail,
    user: &users::Model,
    draft: &DecisionDraft,
) -> AppResult<(decisions::Model, Bytes)> {
    let applicant = user_by_id(app, model.user_id)
        .await?
        .ok_or_else(|| AppError::internal("a request without its applicant"))?;
    let provider = detail
        .providers
        .iter()
        .find(|p| Some(&p.code) == model.provider_code.as_ref())
        .ok_or_else(|| AppError::internal("a request without its provider"))?;
    let original = match model.license_id {
        Some(l) => licenses::Entity::find_by_id(l)
            .one(&app.db.read)
            .await?
            .map(|l| l.number),
        None => None,
    };
    let answers: shared::forms::Answers = stored::json("requests.answers", &model.answers)?;
    let kind = match (
        draft.outcome,
        request_type_of(model)?,
        clinics::attaches(app, &detail.code),
    ) {
        (Outcome::Refuse, _, _) => Kind::Refusal,
        (Outcome::Approve, _, true) => Kind::Certificate,
        (Outcome::Approve, RequestType::Reissuance, _) => Kind::Reissued,
        (Outcome::Approve, RequestType::Duplicate, _) => Kind::Duplicate,
        (Outcome::Approve, RequestType::Issuance, _) => Kind::License,
    };

    // Drop an unsigned draft made before.
    let old = decisions::Entity::find()
        .filter(decisions::Column::RequestId.eq(model.id))
        .filter(decisions::Column::Status.eq(stored::decision_status_code(DecisionStatus::Draft)))
        .all(&app.db.read)
        .await?;
    for d in old {
        decisions::Entity::delete_by_id(d.id)
            .exec(&app.db.write)
            .await?;
        if let Err(e) = app.storage.delete(&d.document_key).await {
            tracing::warn!(error = %e, "a replaced draft's document stays in storage");
        }
    }
    let checklist_json = serde_json::to_string(&draft.checklist).map_err(AppError::internal)?;
    let key = storage::new_key();
    // The row first: its id makes the number.
    let row = decisions::ActiveModel {
        request_id: Set(model.id),
        reviewer_id: Set(user.id),
        outcome: Set(draft.outcome.code().to_owned()),
        checklist: Set(checklist_json),
        reasons: Set(draft.reasons.trim().to_owned()),
        license_number: Set(None),
        document_key: Set(key.clone()),
        document_sha256: Set(String::new()),
        status: Set(stored::decision_status_code(DecisionStatus::Draft).to_owned()),
        signature_id: Set(None),
        created_at: Set(Utc::now().into()),
        signed_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db.write)
    .await?;
    let year = today().ymd().0;
    let number = match kind {
        Kind::Refusal => None,
        Kind::Certificate => Some(format!("KZ-P-{year}-{:08}", 1000 + row.id)),
        _ => Some(format!("KZ-L-{year}-{:08}", 1000 + row.id)),
    };
    let request_number = model.number.clone().unwrap_or_default();
    let mut reasons: Vec<String> = draft
        .checklist
        .iter()
        .filter(|m| !m.met)
        .filter_map(|m| {
            let item = detail.checklist.iter().find(|i| i.code == m.code)?;
            let text = format!(
                "{} / {}",
                item.text.get(shared::Lang::Kk),
                item.text.get(shared::Lang::Ru)
            );
            Some(if m.comment.trim().is_empty() {
                text
            } else {
                format!("{text}: {}", m.comment.trim())
            })
        })
        .collect();
    if kind == Kind::Refusal && !draft.reasons.trim().is_empty() {
        reasons.push(draft.reasons.trim().to_owned());
    }
    let doc = ResultDoc {
        kind,
        number: number.clone(),
        request_number: request_number.clone(),
        holder_name: applicant.name.clone(),
        holder_id: applicant.id_number.clone(),
        service: (
            detail.name.get(shared::Lang::Kk).to_owned(),
            detail.name.get(shared::Lang::Ru).to_owned(),
        ),
        activity: activity(detail, &answers),
        provider: (
            provider.name.get(shared::Lang::Kk).to_owned(),
            provider.name.get(shared::Lang::Ru).to_owned(),
        ),
        date: today().to_string(),
        official: user.name.clone(),
        original: original.filter(|_| matches!(kind, Kind::Reissued | Kind::Duplicate)),
        reasons: if kind == Kind::Refusal {
            reasons
        } else {
            Vec::new()
        },
        verify_url: verify_url(app, number.as_deref().unwrap_or(&request_number)),
    };
    let font = app.font.clone();
    let pdf = tokio::task::spawn_blocking(move || results_pdf::render(&font, &doc))
        .await?
        .map_err(AppError::internal)?;
    let sha = crate::pki::hex(&Sha256::digest(&pdf));
    let pdf = Bytes::from(pdf);
    app.storage
        .put(&key, pdf.clone())
        .await
        .map_err(|e| AppError::internal(format_args!("storing a result: {e}")))?;
    let mut active = row.into_active_model();
    active.license_number = Set(number);
    active.document_sha256 = Set(sha);
    let row = active.update(&app.db.write).await?;
    Ok((row, pdf))
}
