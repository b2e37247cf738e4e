//! The provider's review (SPEC §3 steps 7–8): the queue of the reviewer's
//! own provider, taking and assigning requests, the qualification
//! checklist, the decision and its result document signed with the
//! reviewer's ЭЦП in the browser, and what the signed result brings about
//! (a license in the registry, a PHC attachment, or a motivated refusal).
//!
//! A reviewer sees only their provider's requests: anything else is "not
//! found".

use axum::http::StatusCode;
use bytes::Bytes;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};
use shared::account::{AccountKind, Role};
use shared::calendar::Date;
use shared::catalog::{RequestType, ServiceDetail};
use shared::request::{LicenseStatus, RequestNumber, RequestStatus};
use shared::review::{
    ApplicantDetails, Colleague, DecisionDraft, DecisionDto, DecisionStatus, MAX_REASONS_CHARS,
    Outcome, QueueQuery, QueueRow, ReviewDto, SignatureReport,
};
use shared::{ErrorCode, FieldCode};

use crate::app::App;
use crate::db::entities::{decisions, licenses, requests, signatures, users};
use crate::error::{AppError, AppResult};
use crate::pki::cert::KeyPurpose;
use crate::pki::verify::Expected;
use crate::services::requests::{request_type_of, rfc3339, service, status_of, today, transition};
use crate::services::results::{self, Kind, ResultDoc};
use crate::services::{audit, clinics, eds_auth, files, payments, storage};

/// The reviewer's provider; a reviewer without one may do nothing.
pub fn provider_of(user: &users::Model) -> AppResult<String> {
    match (&user.provider_code, user.role()) {
        (Some(p), Role::Reviewer) => Ok(p.clone()),
        _ => Err(AppError::forbidden()),
    }
}

/// Working days left until `due` as of `today`.
pub fn days_left(app: &App, today: Date, due: Option<&str>) -> Option<i32> {
    let due = Date::parse(due?).ok()?;
    Some(app.calendar.working_days_left(today, due))
}

fn colleague(u: &users::Model) -> Colleague {
    Colleague {
        id: i64::from(u.id),
        name: u.name.clone(),
    }
}

/// The request `id` of the reviewer's provider; "not found" otherwise.
async fn of_provider(app: &App, user: &users::Model, id: i32) -> AppResult<requests::Model> {
    let provider = provider_of(user)?;
    requests::Entity::find_by_id(id)
        .filter(requests::Column::ProviderCode.eq(provider))
        .one(&app.db.read)
        .await?
        .filter(|r| !status_of(r).is_editable())
        .ok_or_else(AppError::not_found)
}

/// The users of `ids`, by id, in one query.
async fn users_by_ids(
    app: &App,
    ids: impl IntoIterator<Item = i32>,
) -> AppResult<std::collections::HashMap<i32, users::Model>> {
    let ids: std::collections::BTreeSet<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(std::collections::HashMap::new());
    }
    Ok(users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(&app.db.read)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

async fn user_by_id(app: &App, id: i32) -> AppResult<Option<users::Model>> {
    Ok(users::Entity::find_by_id(id).one(&app.db.read).await?)
}

/// The queue, sorted by due date (then by registration).
pub async fn queue(
    app: &App,
    user: &users::Model,
    q: &QueueQuery,
    today: Date,
) -> AppResult<Vec<QueueRow>> {
    let provider = provider_of(user)?;
    let mut find = requests::Entity::find().filter(requests::Column::ProviderCode.eq(provider));
    find = match q.status {
        Some(s) => find.filter(requests::Column::Status.eq(s.code())),
        None => find.filter(requests::Column::Status.is_in([
            RequestStatus::Submitted.code(),
            RequestStatus::InReview.code(),
        ])),
    };
    if let Some(s) = &q.service {
        find = find.filter(requests::Column::ServiceCode.eq(s.as_str()));
    }
    if let Some(t) = q.request_type {
        find = find.filter(requests::Column::RequestType.eq(t.code()));
    }
    // The due filter's working-day rule, as a date bound.
    if let Some(filter) = q.due {
        let bound = filter.due_before(&app.calendar, today);
        find = find.filter(requests::Column::DueDate.lt(bound.to_string()));
    }
    let limit = q.limit.map(|l| l.min(QueueQuery::MAX_LIMIT));
    let offset = q.offset.unwrap_or(0);
    let mut find = find
        .filter(requests::Column::Number.is_not_null())
        .order_by_asc(requests::Column::DueDate)
        .order_by_asc(requests::Column::Id);
    // SQLite takes an OFFSET only after a LIMIT.
    if limit.is_some() || offset > 0 {
        find = find.limit(limit.map_or(i64::MAX as u64, u64::from));
    }
    if offset > 0 {
        find = find.offset(u64::from(offset));
    }
    let rows: Vec<_> = find
        .find_also_related(users::Entity)
        .all(&app.db.read)
        .await?
        .into_iter()
        .map(|(r, a)| (days_left(app, today, r.due_date.as_deref()), r, a))
        .collect();
    let assignees = users_by_ids(app, rows.iter().filter_map(|(_, r, _)| r.assignee_id)).await?;
    let mut out = Vec::with_capacity(rows.len());
    for (left, r, applicant) in rows {
        let assignee = r.assignee_id.and_then(|a| assignees.get(&a)).map(colleague);
        let (applicant, applicant_tax_id) =
            applicant.map_or_else(Default::default, |a| (a.name, a.id_number));
        out.push(QueueRow {
            id: i64::from(r.id),
            number: r.number.as_deref().and_then(RequestNumber::parse),
            applicant,
            applicant_tax_id,
            service: r.service_code.clone(),
            request_type: request_type_of(&r),
            status: status_of(&r),
            due_date: r.due_date.as_deref().and_then(|d| Date::parse(d).ok()),
            days_left: left,
            assignee,
        });
    }
    Ok(out)
}

/// The reviewers of the user's provider.
async fn colleagues(app: &App, provider: &str) -> AppResult<Vec<users::Model>> {
    Ok(users::Entity::find()
        .filter(users::Column::ProviderCode.eq(provider))
        .filter(users::Column::Role.eq(Role::Reviewer.code()))
        .filter(users::Column::Disabled.eq(false))
        .order_by_asc(users::Column::Name)
        .all(&app.db.read)
        .await?)
}

fn decision_dto(d: &decisions::Model, signer: Option<String>) -> DecisionDto {
    DecisionDto {
        id: i64::from(d.id),
        outcome: Outcome::parse(&d.outcome).unwrap_or(Outcome::Refuse),
        status: if d.status == "signed" {
            DecisionStatus::Signed
        } else {
            DecisionStatus::Draft
        },
        number: d.license_number.clone(),
        sha256: d.document_sha256.clone(),
        checklist: serde_json::from_str(&d.checklist).unwrap_or_default(),
        reasons: d.reasons.clone(),
        signed_at: d.signed_at.as_ref().map(rfc3339),
        signed_by: signer,
    }
}

/// The latest decision of a request (draft or signed).
pub async fn latest_decision(app: &App, request: i32) -> AppResult<Option<DecisionDto>> {
    let Some(d) = decisions::Entity::find()
        .filter(decisions::Column::RequestId.eq(request))
        .order_by_desc(decisions::Column::Id)
        .one(&app.db.read)
        .await?
    else {
        return Ok(None);
    };
    let signer = match d.signature_id {
        Some(s) => signatures::Entity::find_by_id(s)
            .one(&app.db.read)
            .await?
            .and_then(|s| s.signer_name),
        None => None,
    };
    Ok(Some(decision_dto(&d, signer)))
}

/// The signed result of a request, for its applicant.
pub async fn result_of(app: &App, request: i32) -> AppResult<Option<DecisionDto>> {
    Ok(latest_decision(app, request)
        .await?
        .filter(|d| d.status == DecisionStatus::Signed))
}

/// A request as the reviewer works on it; the reading is audited.
pub async fn show(app: &App, user: &users::Model, id: i32) -> AppResult<ReviewDto> {
    let model = of_provider(app, user, id).await?;
    let provider = provider_of(user)?;
    let detail = service(app, &model.service_code)?;
    let applicant = user_by_id(app, model.user_id)
        .await?
        .ok_or_else(|| AppError::internal("a request without its applicant"))?;
    let signature = match model.signature_id {
        Some(s) => signatures::Entity::find_by_id(s).one(&app.db.read).await?,
        None => None,
    };
    let file_rows = files::of_request(app, model.id).await?;
    let events = crate::db::entities::request_events::Entity::find()
        .filter(crate::db::entities::request_events::Column::RequestId.eq(model.id))
        .order_by_asc(crate::db::entities::request_events::Column::Id)
        .all(&app.db.read)
        .await?;
    let license = match model.license_id {
        Some(l) => licenses::Entity::find_by_id(l)
            .one(&app.db.read)
            .await?
            .map(|l| l.number),
        None => None,
    };
    let assignee = match model.assignee_id {
        Some(a) => user_by_id(app, a).await?.as_ref().map(colleague),
        None => None,
    };
    audit::record(
        app,
        Some(user.id),
        "view",
        Some(model.id),
        &format!("provider {provider}"),
    )
    .await?;
    Ok(ReviewDto {
        id: i64::from(model.id),
        number: model.number.as_deref().and_then(RequestNumber::parse),
        service: model.service_code.clone(),
        request_type: request_type_of(&model),
        status: status_of(&model),
        applicant: ApplicantDetails {
            tax_id: applicant.id_number.clone(),
            name: applicant.name.clone(),
            kind: applicant.kind(),
            phone: applicant.phone.clone(),
            email: applicant.email.clone(),
        },
        license,
        answers: serde_json::from_str(&model.answers).unwrap_or_default(),
        files: file_rows.iter().map(files::to_dto).collect(),
        payment: payments::of_request(app, model.id).await?,
        signature: signature.map(|s| SignatureReport {
            serial: s.signer_serial,
            iin: s.signer_iin,
            bin: s.signer_bin,
            name: s.signer_name,
            signing_time: rfc3339(&s.signing_time),
            validated_at: rfc3339(&s.validated_at),
            path: serde_json::from_str(&s.path).unwrap_or_default(),
        }),
        due_date: model.due_date.as_deref().and_then(|d| Date::parse(d).ok()),
        days_left: days_left(app, today(), model.due_date.as_deref()),
        assignee,
        colleagues: colleagues(app, &provider)
            .await?
            .iter()
            .map(colleague)
            .collect(),
        checklist: detail.checklist.clone(),
        decision: latest_decision(app, model.id).await?,
        history: events
            .iter()
            .map(|e| shared::request::RequestEventDto {
                at: rfc3339(&e.at),
                status: RequestStatus::parse(&e.status).unwrap_or(RequestStatus::Draft),
                reason: e.reason.clone(),
            })
            .collect(),
    })
}

/// Puts the request on `assignee`'s desk; a registered request goes to
/// review.
async fn set_assignee(
    app: &App,
    actor: &users::Model,
    model: requests::Model,
    assignee: Option<i32>,
) -> AppResult<()> {
    if matches!(
        status_of(&model),
        RequestStatus::Approved | RequestStatus::Refused
    ) {
        return Err(AppError::conflict(ErrorCode::AlreadyDecided));
    }
    let txn = app.db.write.begin().await?;
    let id = model.id;
    if status_of(&model) == RequestStatus::Submitted && assignee.is_some() {
        transition(
            &txn,
            model,
            RequestStatus::InReview,
            Some(actor.id),
            None,
            |a| {
                a.assignee_id = Set(assignee);
            },
        )
        .await?;
    } else {
        let mut active = model.into_active_model();
        active.assignee_id = Set(assignee);
        active.update(&txn).await?;
    }
    txn.commit().await?;
    let detail = assignee.map_or_else(|| "released".to_owned(), |a| format!("assigned to {a}"));
    audit::record(app, Some(actor.id), "assign", Some(id), &detail).await
}

/// The reviewer takes the request (free, or already theirs).
pub async fn take(app: &App, user: &users::Model, id: i32) -> AppResult<()> {
    let model = of_provider(app, user, id).await?;
    if model.assignee_id.is_some_and(|a| a != user.id) {
        return Err(AppError::conflict(ErrorCode::AssignedToOther));
    }
    set_assignee(app, user, model, Some(user.id)).await
}

/// Gives the request to a colleague of the same provider.
pub async fn assign(app: &App, user: &users::Model, id: i32, to: i64) -> AppResult<()> {
    let model = of_provider(app, user, id).await?;
    let provider = provider_of(user)?;
    let to = i32::try_from(to).map_err(|_| AppError::field("user", FieldCode::UnknownChoice))?;
    if !colleagues(app, &provider).await?.iter().any(|c| c.id == to) {
        return Err(AppError::field("user", FieldCode::UnknownChoice));
    }
    set_assignee(app, user, model, Some(to)).await
}

/// Puts the reviewer's request back in the queue.
pub async fn release(app: &App, user: &users::Model, id: i32) -> AppResult<()> {
    let model = of_provider(app, user, id).await?;
    if model.assignee_id != Some(user.id) {
        return Err(AppError::conflict(ErrorCode::AssignedToOther));
    }
    set_assignee(app, user, model, None).await
}

/// «Следующий запрос»: takes the unassigned request due first.
pub async fn next(app: &App, user: &users::Model) -> AppResult<i64> {
    let provider = provider_of(user)?;
    let candidates = requests::Entity::find()
        .filter(requests::Column::ProviderCode.eq(provider))
        .filter(requests::Column::AssigneeId.is_null())
        .filter(requests::Column::Status.is_in([
            RequestStatus::Submitted.code(),
            RequestStatus::InReview.code(),
        ]))
        .order_by_asc(requests::Column::DueDate)
        .order_by_asc(requests::Column::Id)
        .all(&app.db.read)
        .await?;
    for c in candidates {
        let id = c.id;
        match take(app, user, id).await {
            Ok(()) => return Ok(i64::from(id)),
            // Taken by a colleague at the same moment: the next one.
            Err(e) if e.code() == &ErrorCode::AssignedToOther => continue,
            Err(e) => return Err(e),
        }
    }
    Err(AppError::new(StatusCode::NOT_FOUND, ErrorCode::QueueEmpty))
}

/// The activity the form names (kk, ru), if its field is a choice.
fn activity(detail: &ServiceDetail, answers: &shared::forms::Answers) -> Option<(String, String)> {
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

/// Checks a draft against the service's checklist.
fn check_draft(detail: &ServiceDetail, draft: &DecisionDraft) -> AppResult<()> {
    let mut errors = shared::error::Collector::new();
    for item in &detail.checklist {
        if !draft.checklist.iter().any(|m| m.code == item.code) {
            errors.add(&format!("checklist.{}", item.code), FieldCode::Required);
        }
    }
    for m in &draft.checklist {
        if !detail.checklist.iter().any(|i| i.code == m.code) {
            errors.add(&format!("checklist.{}", m.code), FieldCode::UnknownField);
        }
        if m.comment.chars().count() > 1000 {
            errors.add(
                &format!("checklist.{}", m.code),
                FieldCode::TooLong { max: 1000 },
            );
        }
    }
    if draft.reasons.chars().count() > MAX_REASONS_CHARS {
        errors.add(
            "reasons",
            FieldCode::TooLong {
                max: u32::try_from(MAX_REASONS_CHARS).unwrap_or(u32::MAX),
            },
        );
    }
    let unmet = draft.checklist.iter().filter(|m| !m.met).count();
    match draft.outcome {
        Outcome::Approve if unmet > 0 => errors.add("outcome", FieldCode::DecisionMismatch),
        Outcome::Refuse if unmet == 0 && draft.reasons.trim().is_empty() => {
            errors.add("outcome", FieldCode::DecisionMismatch);
        }
        _ => {}
    }
    errors.finish().map_err(AppError::validation)
}

/// The public address of a result's verification page.
pub fn verify_url(app: &App, number: &str) -> String {
    format!(
        "{}/verify/{number}",
        app.config.public_url.trim_end_matches('/')
    )
}

/// Makes the result document of the reviewer's judgement, for the
/// reviewer to sign. A previous unsigned draft is replaced.
pub async fn draft(
    app: &App,
    user: &users::Model,
    id: i32,
    draft: &DecisionDraft,
) -> AppResult<DecisionDto> {
    let model = of_provider(app, user, id).await?;
    if matches!(
        status_of(&model),
        RequestStatus::Approved | RequestStatus::Refused
    ) {
        return Err(AppError::conflict(ErrorCode::AlreadyDecided));
    }
    if model.assignee_id != Some(user.id) {
        return Err(AppError::conflict(ErrorCode::AssignedToOther));
    }
    let detail = service(app, &model.service_code)?;
    check_draft(&detail, draft)?;
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
    let answers: shared::forms::Answers = serde_json::from_str(&model.answers).unwrap_or_default();
    let kind = match (
        draft.outcome,
        request_type_of(&model),
        detail.code == clinics::SERVICE,
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
        .filter(decisions::Column::Status.eq("draft"))
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
        status: Set("draft".to_owned()),
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
        activity: activity(&detail, &answers),
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
    let pdf = tokio::task::spawn_blocking(move || results::render(&font, &doc))
        .await?
        .map_err(AppError::internal)?;
    let sha = crate::pki::hex(&Sha256::digest(&pdf));
    app.storage
        .put(&key, Bytes::from(pdf))
        .await
        .map_err(|e| AppError::internal(format_args!("storing a result: {e}")))?;
    let mut active = row.into_active_model();
    active.license_number = Set(number);
    active.document_sha256 = Set(sha);
    let row = active.update(&app.db.write).await?;
    audit::record(
        app,
        Some(user.id),
        "decision_draft",
        Some(model.id),
        draft.outcome.code(),
    )
    .await?;
    Ok(decision_dto(&row, None))
}

/// A decision of the reviewer's provider.
async fn decision_of_provider(
    app: &App,
    user: &users::Model,
    id: i32,
) -> AppResult<(decisions::Model, requests::Model)> {
    let d = decisions::Entity::find_by_id(id)
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    let r = of_provider(app, user, d.request_id).await?;
    Ok((d, r))
}

/// The result PDF of a decision (draft or signed), for the provider.
pub async fn decision_pdf(app: &App, user: &users::Model, id: i32) -> AppResult<Bytes> {
    let (d, r) = decision_of_provider(app, user, id).await?;
    audit::record(
        app,
        Some(user.id),
        "download",
        Some(r.id),
        "result document",
    )
    .await?;
    app.storage
        .get(&d.document_key)
        .await
        .map_err(|e| AppError::internal(format_args!("reading a result: {e}")))
}

/// Verifies the reviewer's signature over the result PDF and makes the
/// result real: the license (or attachment), or the refusal.
pub async fn sign(app: &App, user: &users::Model, id: i32, cms: &str) -> AppResult<DecisionDto> {
    let (d, model) = decision_of_provider(app, user, id).await?;
    if d.status != "draft"
        || matches!(
            status_of(&model),
            RequestStatus::Approved | RequestStatus::Refused
        )
    {
        return Err(AppError::conflict(ErrorCode::AlreadyDecided));
    }
    if model.assignee_id != Some(user.id) || d.reviewer_id != user.id {
        return Err(AppError::conflict(ErrorCode::AssignedToOther));
    }
    let pdf = app
        .storage
        .get(&d.document_key)
        .await
        .map_err(|e| AppError::internal(format_args!("reading a result: {e}")))?;
    let der = eds_auth::decode(cms)?;
    let (iin, bin) = match user.kind() {
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
            crate::services::tokens::now_secs(),
        )
        .await?;
    let outcome = Outcome::parse(&d.outcome).unwrap_or(Outcome::Refuse);
    let detail = service(app, &model.service_code)?;
    let now = Utc::now();
    let txn = app.db.write.begin().await?;
    let signature = crate::services::signatures::store(
        &txn,
        crate::services::signatures::Accepted {
            user_id: user.id,
            purpose: "decision",
            subject: d.license_number.clone().or_else(|| model.number.clone()),
            content: &pdf,
            cms: &der,
            report: &report,
        },
    )
    .await?;
    let decision_id = d.id;
    let mut active = d.clone().into_active_model();
    active.status = Set("signed".to_owned());
    active.signature_id = Set(Some(signature.id));
    active.signed_at = Set(Some(now.into()));
    let d = active.update(&txn).await?;
    let reason;
    if outcome == Outcome::Approve {
        let number = d.license_number.clone().unwrap_or_default();
        if detail.code == clinics::SERVICE {
            if let Some(p) = &model.provider_code {
                clinics::attach(&txn, model.user_id, p, Some(model.id)).await?;
            }
            reason = format!("certificate {number}");
        } else {
            let answers: shared::forms::Answers =
                serde_json::from_str(&model.answers).unwrap_or_default();
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
            crate::services::registry::event(&txn, license.id, Some(user.id), "issued", None)
                .await?;
            if let Some(original) = model.license_id {
                match request_type_of(&model) {
                    RequestType::Reissuance => {
                        let o = licenses::Entity::find_by_id(original)
                            .one(&txn)
                            .await?
                            .ok_or_else(|| AppError::internal("a missing original license"))?;
                        let mut o = o.into_active_model();
                        o.status = Set(LicenseStatus::Reissued.code().to_owned());
                        o.update(&txn).await?;
                        crate::services::registry::event(
                            &txn,
                            original,
                            Some(user.id),
                            "reissued",
                            Some(number.clone()),
                        )
                        .await?;
                    }
                    RequestType::Duplicate => {
                        crate::services::registry::event(
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
            reason = format!("license {number}");
        }
    } else {
        reason = if d.reasons.is_empty() {
            "refused".to_owned()
        } else {
            d.reasons.clone()
        };
    }
    let status = if outcome == Outcome::Approve {
        RequestStatus::Approved
    } else {
        RequestStatus::Refused
    };
    let request_id = model.id;
    let decided = transition(&txn, model, status, Some(user.id), Some(reason), |a| {
        a.decided_at = Set(Some(now.into()));
    })
    .await?;
    txn.commit().await?;
    crate::services::notifications::email(app, &decided);
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
    Ok(decision_dto(&d, report.signer_name.clone()))
}

/// The signed result PDF and its CMS signature, for the applicant (or the
/// provider's staff).
pub async fn result_files(
    app: &App,
    user: &users::Model,
    request: i32,
) -> AppResult<(DecisionDto, Bytes, Vec<u8>)> {
    let model = requests::Entity::find_by_id(request)
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    let allowed = model.user_id == user.id
        || crate::services::desk::may_work_on(user, &model)
        || (user.role() == Role::Reviewer
            && user.provider_code.is_some()
            && user.provider_code == model.provider_code);
    if !allowed {
        return Err(AppError::not_found());
    }
    let d = decisions::Entity::find()
        .filter(decisions::Column::RequestId.eq(model.id))
        .filter(decisions::Column::Status.eq("signed"))
        .one(&app.db.read)
        .await?
        // The request is theirs to see; its result is not there yet.
        .ok_or_else(|| AppError::conflict(ErrorCode::NoResultYet))?;
    let sig = match d.signature_id {
        Some(s) => signatures::Entity::find_by_id(s).one(&app.db.read).await?,
        None => None,
    }
    .ok_or_else(|| AppError::internal("a signed decision without its signature"))?;
    let pdf = app
        .storage
        .get(&d.document_key)
        .await
        .map_err(|e| AppError::internal(format_args!("reading a result: {e}")))?;
    if model.user_id != user.id {
        audit::record(app, Some(user.id), "download", Some(model.id), "result").await?;
    }
    Ok((decision_dto(&d, sig.signer_name.clone()), pdf, sig.cms))
}

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
        .filter(decisions::Column::Status.eq("signed"))
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
        outcome: Outcome::parse(&d.outcome),
        number: d.license_number.clone(),
        request: request
            .and_then(|r| r.number)
            .as_deref()
            .and_then(RequestNumber::parse),
        signed_by: stored.as_ref().and_then(|s| s.signer_name.clone()),
        signed_at: d.signed_at.as_ref().map(rfc3339),
    })
}

/// The provider's readings of a request, for its applicant.
pub async fn views(app: &App, request: i32) -> AppResult<Vec<shared::request::ViewDto>> {
    let entries = audit::of_request(app, request, "view").await?;
    let readers = users_by_ids(app, entries.iter().filter_map(|e| e.actor_user_id)).await?;
    Ok(entries
        .iter()
        .filter_map(|e| {
            let w = readers.get(&e.actor_user_id?)?;
            Some(shared::request::ViewDto {
                at: rfc3339(&e.at),
                name: w.name.clone(),
                provider: w.provider_code.clone(),
            })
        })
        .collect())
}
