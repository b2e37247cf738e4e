//! Requests: the applicant's drafts, saved as they are filled and resumed on
//! any device; the signing and registration of a finished request (number,
//! due date); «История получения услуг»; the quality survey. A request
//! belongs to its author alone; another account gets "not found", never a
//! hint that it exists.

use axum::http::StatusCode;
use chrono::{DateTime, FixedOffset, Timelike, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DerivePartialModel, EntityTrait,
    FromQueryResult, IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use shared::account::AccountKind;
use shared::calendar::Date;
use shared::catalog::{Channel, DocumentSource, RequestType, ServiceDetail};
use shared::forms::{self, Answers};
use shared::money::Tiyn;
use shared::request::{
    ApplicantDto, Application, CreateDraft, RequestDto, RequestEventDto, RequestNumber,
    RequestQuery, RequestStatus, RequestSummary, SaveDraft, SignedFile, SignedPayment,
    SurveyAnswers,
};
use shared::{ErrorCode, FieldCode, FieldErrors};

use crate::app::App;
use crate::db::entities::{files as file_rows, licenses, request_events, requests, surveys, users};
use crate::error::{AppError, AppResult};
use crate::pki::cert::KeyPurpose;
use crate::pki::verify::Expected;
use crate::services::{
    clinics, desk, eds_auth, files, licenses as license_service, notifications, payments,
    signatures,
};

/// The longest answer stored, whatever its field allows (the field's own
/// limit is reported as a problem; beyond this the save is refused).
const MAX_ANSWER_CHARS: usize = 10_000;
/// Kazakhstan's time zone (UTC+5 since 2024-03-01): what "today" means.
const KZ_OFFSET_SECS: i64 = 5 * 3600;
/// Requests arriving from 18:30 on count as received the next working day.
const END_OF_WORKING_DAY_MINUTES: u32 = 18 * 60 + 30;
/// The form answers a chosen license fills.
const LICENSE_NUMBER_FIELD: &str = "original_license_number";
const LICENSE_DATE_FIELD: &str = "original_license_date";

/// Now in Kazakhstan.
fn kz_now() -> DateTime<FixedOffset> {
    match FixedOffset::east_opt(i32::try_from(KZ_OFFSET_SECS).unwrap_or(0)) {
        Some(offset) => Utc::now().with_timezone(&offset),
        None => Utc::now().fixed_offset(),
    }
}

/// The day in Kazakhstan at the instant `t`.
pub fn kz_day<Tz: chrono::TimeZone>(t: &DateTime<Tz>) -> Date {
    let secs = t.timestamp() + KZ_OFFSET_SECS;
    Date::from_unix_days(i32::try_from(secs.div_euclid(86_400)).unwrap_or(0))
}

/// Today in Kazakhstan.
pub fn today() -> Date {
    kz_day(&Utc::now())
}

pub fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub fn service(app: &App, code: &str) -> AppResult<ServiceDetail> {
    app.catalog
        .detail(code, today().ymd().0)
        .ok_or_else(|| AppError::field("service", FieldCode::UnknownChoice))
}

pub fn status_of(model: &requests::Model) -> RequestStatus {
    status_in(&model.status)
}

/// The status stored as `code`, written only from `RequestStatus::code`.
fn status_in(code: &str) -> RequestStatus {
    RequestStatus::parse(code).unwrap_or(RequestStatus::Draft)
}

fn answers_of(model: &requests::Model) -> Answers {
    serde_json::from_str(&model.answers).unwrap_or_default()
}

pub fn request_type_of(model: &requests::Model) -> RequestType {
    request_type_in(&model.request_type)
}

/// The request type stored as `code`, written only from `RequestType::code`.
fn request_type_in(code: &str) -> RequestType {
    RequestType::parse(code).unwrap_or(RequestType::Issuance)
}

/// The fee of `model`'s request type this year.
pub fn fee(detail: &ServiceDetail, model: &requests::Model) -> Tiyn {
    let kind = request_type_of(model);
    detail
        .request_types
        .iter()
        .find(|t| t.spec.kind == kind)
        .map_or(Tiyn(0), |t| t.fee)
}

fn needs_license(kind: RequestType) -> bool {
    matches!(kind, RequestType::Reissuance | RequestType::Duplicate)
}

/// The problems left before `model` can be sent: the form's, a provider to
/// choose, the license it refers to, and the required documents.
fn problems(
    detail: &ServiceDetail,
    model: &requests::Model,
    files: &[file_rows::Model],
) -> FieldErrors {
    let kind = request_type_of(model);
    let mut errors = forms::check_complete(&detail.fields, kind, &answers_of(model), today())
        .err()
        .unwrap_or_default();
    let mut add = |key: String, code: FieldCode| errors.entry(key).or_default().push(code);
    if detail.providers.len() > 1 && model.provider_code.is_none() {
        add("provider".into(), FieldCode::Required);
    }
    if needs_license(kind) && model.license_id.is_none() {
        add("license".into(), FieldCode::Required);
    }
    let paper = desk::paper_of(model);
    let at_desk = desk::channel_of(model) != Channel::Portal;
    for doc in &detail.documents {
        if !(doc.required && doc.source == DocumentSource::Upload && doc.applies_to(kind)) {
            continue;
        }
        if !files.iter().any(|f| f.document_code == doc.code) {
            add(format!("doc.{}", doc.code), FieldCode::Required);
        }
        // At a desk the original is shown on paper, and ticked, as well.
        if at_desk && !paper.contains(&doc.code) {
            add(format!("paper.{}", doc.code), FieldCode::Required);
        }
    }
    errors
}

/// The request as its owner sees it; `detail` is its service's.
async fn dto(
    app: &App,
    detail: &ServiceDetail,
    owner: &users::Model,
    model: &requests::Model,
) -> AppResult<RequestDto> {
    let events = request_events::Entity::find()
        .filter(request_events::Column::RequestId.eq(model.id))
        .order_by_asc(request_events::Column::Id)
        .all(&app.db.read)
        .await?;
    let file_rows = files::of_request(app, model.id).await?;
    let license = match model.license_id {
        Some(id) => licenses::Entity::find_by_id(id)
            .one(&app.db.read)
            .await?
            .map(|l| l.number),
        None => None,
    };
    let status = status_of(model);
    let survey_open = matches!(status, RequestStatus::Approved | RequestStatus::Refused)
        && surveys::Entity::find()
            .filter(surveys::Column::RequestId.eq(model.id))
            .one(&app.db.read)
            .await?
            .is_none();
    Ok(RequestDto {
        id: i64::from(model.id),
        service: model.service_code.clone(),
        request_type: request_type_of(model),
        status,
        provider: model.provider_code.clone(),
        answers: answers_of(model),
        problems: problems(detail, model, &file_rows),
        number: model.number.as_deref().and_then(RequestNumber::parse),
        applicant: ApplicantDto {
            tax_id: owner.id_number.clone(),
            name: owner.name.clone(),
        },
        license,
        files: file_rows.iter().map(files::to_dto).collect(),
        fee: fee(detail, model),
        payment: payments::of_request(app, model.id).await?,
        submitted_at: model.submitted_at.as_ref().map(rfc3339),
        due_date: model.due_date.as_deref().and_then(|d| Date::parse(d).ok()),
        survey_open,
        result: crate::services::review::result_of(app, model.id).await?,
        views: crate::services::review::views(app, model.id).await?,
        desk: desk::info(app, model).await?,
        created_at: rfc3339(&model.created_at),
        updated_at: rfc3339(&model.updated_at),
        history: events
            .iter()
            .map(|e| RequestEventDto {
                at: rfc3339(&e.at),
                status: RequestStatus::parse(&e.status).unwrap_or(RequestStatus::Draft),
                reason: e.reason.clone(),
            })
            .collect(),
    })
}

/// A request as someone working on it reached it.
#[derive(Debug)]
pub struct Reached {
    pub model: requests::Model,
    /// The applicant the request is for.
    pub owner: users::Model,
    /// Reached through a desk (by who entered it), not by its applicant.
    pub desk: bool,
}

/// The request `id` for `user`: their own, or one they work on at a desk
/// (`desk::may_work_on`); "not found" for anyone else.
pub async fn reach(app: &App, user: &users::Model, id: i32) -> AppResult<Reached> {
    let model = requests::Entity::find_by_id(id)
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    if model.user_id == user.id {
        return Ok(Reached {
            model,
            owner: user.clone(),
            desk: false,
        });
    }
    if !desk::may_work_on(user, &model) {
        return Err(AppError::not_found());
    }
    let owner = users::Entity::find_by_id(model.user_id)
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Reached {
        model,
        owner,
        desk: true,
    })
}

/// The request `id` if `user` owns it; "not found" otherwise.
pub async fn owned(app: &App, user: &users::Model, id: i32) -> AppResult<requests::Model> {
    requests::Entity::find_by_id(id)
        .filter(requests::Column::UserId.eq(user.id))
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Refuses a change to a request that was already sent.
pub fn require_editable(model: &requests::Model) -> AppResult<()> {
    if status_of(model).is_editable() {
        Ok(())
    } else {
        Err(AppError::conflict(ErrorCode::NotEditable))
    }
}

/// Marks the request changed now (history lists by the last change).
pub async fn touch(app: &App, model: requests::Model) -> AppResult<requests::Model> {
    let mut active = model.into_active_model();
    active.updated_at = Set(Utc::now().into());
    Ok(active.update(&app.db.write).await?)
}

/// Moves `model` to `status` inside `db` (a transaction): the row, a history
/// event with its actor and reason, and the owner's notification.
pub async fn transition(
    db: &impl ConnectionTrait,
    model: requests::Model,
    status: RequestStatus,
    actor: Option<i32>,
    reason: Option<String>,
    change: impl FnOnce(&mut requests::ActiveModel),
) -> AppResult<requests::Model> {
    let now = Utc::now();
    let owner = model.user_id;
    let mut active = model.into_active_model();
    active.status = Set(status.code().to_owned());
    active.updated_at = Set(now.into());
    change(&mut active);
    let model = active.update(db).await?;
    request_events::ActiveModel {
        request_id: Set(model.id),
        at: Set(now.into()),
        actor_user_id: Set(actor),
        status: Set(status.code().to_owned()),
        reason: Set(reason),
        ..Default::default()
    }
    .insert(db)
    .await?;
    notifications::record(db, owner, model.id, status).await?;
    Ok(model)
}

/// Starts a draft of `req.service` for the signed-in applicant.
pub async fn create(app: &App, user: &users::Model, req: &CreateDraft) -> AppResult<RequestDto> {
    let detail = service(app, &req.service)?;
    if !detail.eligibility.allows(user.kind()) {
        return Err(AppError::new(StatusCode::FORBIDDEN, ErrorCode::NotEligible));
    }
    if !detail
        .request_types
        .iter()
        .any(|t| t.spec.kind == req.request_type)
    {
        return Err(AppError::field("request_type", FieldCode::UnknownChoice));
    }
    let only_provider = match detail.providers.as_slice() {
        [one] => Some(one.code.clone()),
        _ => None,
    };
    let model = insert_draft(
        app,
        NewDraft {
            owner: user.id,
            service: &detail.code,
            kind: req.request_type,
            provider: only_provider,
            channel: Channel::Portal,
            entered_by: None,
        },
    )
    .await?;
    dto(app, &detail, user, &model).await
}

/// A draft to insert: whose, of what, and how it came in.
pub struct NewDraft<'a> {
    pub owner: i32,
    pub service: &'a str,
    pub kind: RequestType,
    pub provider: Option<String>,
    pub channel: Channel,
    /// The desk user who entered it.
    pub entered_by: Option<i32>,
}

/// Inserts a draft with its first history event, in one transaction.
pub async fn insert_draft(app: &App, new: NewDraft<'_>) -> AppResult<requests::Model> {
    let now = Utc::now();
    let txn = app.db.write.begin().await?;
    let model = requests::ActiveModel {
        user_id: Set(new.owner),
        service_code: Set(new.service.to_owned()),
        request_type: Set(new.kind.code().to_owned()),
        provider_code: Set(new.provider),
        status: Set(RequestStatus::Draft.code().to_owned()),
        answers: Set("{}".to_owned()),
        number: Set(None),
        created_at: Set(now.into()),
        updated_at: Set(now.into()),
        channel: Set(new.channel.code().to_owned()),
        entered_by_id: Set(new.entered_by),
        paper_documents: Set("[]".to_owned()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    request_events::ActiveModel {
        request_id: Set(model.id),
        at: Set(now.into()),
        actor_user_id: Set(Some(new.entered_by.unwrap_or(new.owner))),
        status: Set(RequestStatus::Draft.code().to_owned()),
        reason: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    tracing::info!(request_id = model.id, service = %model.service_code, channel = new.channel.code(), "draft started");
    Ok(model)
}

/// The request as `owner` (its applicant) and those working on it see it.
pub async fn dto_of(
    app: &App,
    owner: &users::Model,
    model: &requests::Model,
) -> AppResult<RequestDto> {
    let detail = service(app, &model.service_code)?;
    dto(app, &detail, owner, model).await
}

pub async fn show(app: &App, user: &users::Model, id: i32) -> AppResult<RequestDto> {
    let r = reach(app, user, id).await?;
    dto_of(app, &r.owner, &r.model).await
}

/// Saves the draft as the user has it. Answers that break their field's
/// rule are kept and reported as problems; an answer for a field the form
/// does not have, an unknown provider, a license that is not the
/// applicant's own, or an answer beyond any sane length is refused, and
/// nothing is changed.
pub async fn save(
    app: &App,
    user: &users::Model,
    id: i32,
    req: &SaveDraft,
) -> AppResult<RequestDto> {
    let Reached { model, owner, .. } = reach(app, user, id).await?;
    let user = &owner;
    require_editable(&model)?;
    let detail = service(app, &model.service_code)?;
    let kind = request_type_of(&model);
    let shown = forms::fields_for(&detail.fields, kind);
    let mut refused = shared::error::Collector::new();
    for (key, value) in &req.answers {
        if !shown.iter().any(|f| f.key == *key) {
            refused.add(key, FieldCode::UnknownField);
        } else if value.chars().count() > MAX_ANSWER_CHARS {
            refused.add(
                key,
                FieldCode::TooLong {
                    max: u32::try_from(MAX_ANSWER_CHARS).unwrap_or(u32::MAX),
                },
            );
        }
    }
    if let Some(p) = &req.provider
        && (!detail.providers.iter().any(|d| d.code == *p)
            // Entered at a provider's office: that provider's, for good.
            || (desk::channel_of(&model) == Channel::Provider
                && model.provider_code.as_ref() != Some(p)))
    {
        refused.add("provider", FieldCode::UnknownChoice);
    }
    let license = match &req.license {
        Some(number) if needs_license(kind) => {
            let found = license_service::own_active(app, user, &detail.code, number).await?;
            if found.is_none() {
                refused.add("license", FieldCode::UnknownChoice);
            }
            found
        }
        Some(_) => {
            refused.add("license", FieldCode::UnknownField);
            None
        }
        None => None,
    };
    refused.finish().map_err(AppError::validation)?;

    let mut answers: Answers = req
        .answers
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    // The chosen license, not the typing, says which license it is.
    let license = match (license, model.license_id) {
        (Some(l), _) => Some(l),
        (None, Some(id)) => license_service::by_id(app, id).await?,
        (None, None) => None,
    };
    if let Some(l) = &license {
        answers.insert(LICENSE_NUMBER_FIELD.into(), l.number.clone());
        answers.insert(LICENSE_DATE_FIELD.into(), l.issued_on.clone());
    }
    let mut active = model.into_active_model();
    if let Some(l) = &license {
        active.license_id = Set(Some(l.id));
    }
    active.answers = Set(serde_json::to_string(&answers).map_err(AppError::internal)?);
    if req.provider.is_some() {
        active.provider_code = Set(req.provider.clone());
    }
    active.updated_at = Set(Utc::now().into());
    let model = active.update(&app.db.write).await?;
    dto(app, &detail, user, &model).await
}

/// Discards a draft that was never sent (with its files).
pub async fn discard(app: &App, user: &users::Model, id: i32) -> AppResult<()> {
    let model = reach(app, user, id).await?.model;
    if !matches!(
        status_of(&model),
        RequestStatus::Draft | RequestStatus::AwaitingPayment
    ) || payments::is_paid(app, model.id).await?
    {
        return Err(AppError::conflict(ErrorCode::NotEditable));
    }
    let stored = files::of_request(app, model.id).await?;
    requests::Entity::delete_by_id(model.id)
        .exec(&app.db.write)
        .await?;
    files::forget_all(app, &stored).await;
    Ok(())
}

/// «История получения услуг»: the user's requests, newest first.
/// The columns of a request that «История получения услуг» shows: not the
/// answers nor the paper documents.
#[derive(Debug, DerivePartialModel, FromQueryResult)]
#[sea_orm(entity = "requests::Entity")]
struct SummaryRow {
    id: i32,
    service_code: String,
    request_type: String,
    status: String,
    number: Option<String>,
    due_date: Option<String>,
    updated_at: DateTime<FixedOffset>,
}

pub async fn list(
    app: &App,
    user: &users::Model,
    q: &RequestQuery,
) -> AppResult<Vec<RequestSummary>> {
    let mut find = requests::Entity::find().filter(requests::Column::UserId.eq(user.id));
    if let Some(status) = q.status {
        find = find.filter(requests::Column::Status.eq(status.code()));
    }
    if let Some(service) = &q.service {
        find = find.filter(requests::Column::ServiceCode.eq(service.as_str()));
    }
    let rows = find
        .order_by_desc(requests::Column::UpdatedAt)
        .order_by_desc(requests::Column::Id)
        .into_partial_model::<SummaryRow>()
        .all(&app.db.read)
        .await?;
    Ok(rows
        .into_iter()
        .map(|m| RequestSummary {
            id: i64::from(m.id),
            request_type: request_type_in(&m.request_type),
            status: status_in(&m.status),
            service: m.service_code,
            number: m.number.as_deref().and_then(RequestNumber::parse),
            due_date: m.due_date.as_deref().and_then(|d| Date::parse(d).ok()),
            updated_at: rfc3339(&m.updated_at),
        })
        .collect())
}

/// Refuses to go on while the form has problems (with them, by field).
pub fn require_complete(
    detail: &ServiceDetail,
    model: &requests::Model,
    stored: &[file_rows::Model],
) -> AppResult<()> {
    let problems = problems(detail, model, stored);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation_as(
            ErrorCode::RequestIncomplete,
            problems,
        ))
    }
}

/// The application as it stands: what the applicant signs.
async fn build_application(
    app: &App,
    user: &users::Model,
    model: &requests::Model,
    stored: &[file_rows::Model],
) -> AppResult<Application> {
    let license = match model.license_id {
        Some(id) => license_service::by_id(app, id).await?.map(|l| l.number),
        None => None,
    };
    let payment = payments::paid(app, model.id).await?;
    Ok(Application {
        request: i64::from(model.id),
        service: model.service_code.clone(),
        request_type: request_type_of(model),
        provider: model.provider_code.clone(),
        applicant: user.id_number.clone(),
        applicant_name: user.name.clone(),
        license,
        answers: answers_of(model),
        files: stored
            .iter()
            .map(|f| SignedFile {
                document: f.document_code.clone(),
                name: f.file_name.clone(),
                sha256: f.sha256.clone(),
                size: u64::try_from(f.size_bytes).unwrap_or(0),
            })
            .collect(),
        payment: payment.map(|p| SignedPayment {
            transaction: p.transaction_id.unwrap_or_default(),
            amount_tiyn: u64::try_from(p.amount_tiyn).unwrap_or(0),
        }),
    })
}

/// Checks what must hold before signing: a complete form, a paid fee
/// (condition 2), a medical organization with room.
/// Shared by signing on the portal or at a ЦОН and registering at the
/// provider's desk.
pub async fn ready_to_sign(
    app: &App,
    user: &users::Model,
    detail: &ServiceDetail,
    model: &requests::Model,
    stored: &[file_rows::Model],
) -> AppResult<()> {
    require_editable(model)?;
    require_complete(detail, model, stored)?;
    if !fee(detail, model).is_zero() && !payments::is_paid(app, model.id).await? {
        return Err(AppError::new(
            StatusCode::PAYMENT_REQUIRED,
            ErrorCode::PaymentRequired,
        ));
    }
    if detail.code == clinics::SERVICE {
        clinics::check_choice(app, user, model.provider_code.as_deref()).await?;
    }
    Ok(())
}

/// `GET /api/requests/{id}/application`: what «Подписать» signs.
pub async fn application(app: &App, user: &users::Model, id: i32) -> AppResult<Application> {
    let Reached { model, owner, .. } = reach(app, user, id).await?;
    let detail = service(app, &model.service_code)?;
    let stored = files::of_request(app, model.id).await?;
    ready_to_sign(app, &owner, &detail, &model, &stored).await?;
    build_application(app, &owner, &model, &stored).await
}

/// Verifies the applicant's signature over the application as stored
/// (condition 3) and registers the request (process 9): a number, the due
/// date in working days, status `submitted`. A refusal changes nothing.
///
/// At a ЦОН the operator signs with their own ЭЦП (SPEC §5, step 4): the
/// signature is checked against the operator's ИИН, the application still
/// names the applicant. Provider staff register without a signature
/// (`desk::register`).
pub async fn submit(app: &App, user: &users::Model, id: i32, cms: &str) -> AppResult<RequestDto> {
    let Reached { model, owner, desk } = reach(app, user, id).await?;
    if desk && user.role() != shared::account::Role::Operator {
        return Err(AppError::forbidden());
    }
    let detail = service(app, &model.service_code)?;
    let stored = files::of_request(app, model.id).await?;
    ready_to_sign(app, &owner, &detail, &model, &stored).await?;
    let content = build_application(app, &owner, &model, &stored)
        .await?
        .to_signed_bytes();
    let der = eds_auth::decode(cms)?;
    // The signer: the applicant, or the ЦОН operator (a person).
    let (iin, bin) = match user.kind() {
        AccountKind::Individual => (Some(user.id_number.as_str()), None),
        AccountKind::LegalEntity => (None, Some(user.id_number.as_str())),
    };
    let now_secs = crate::services::tokens::now_secs();
    let report = app
        .trust
        .verify(
            &der,
            Expected {
                content: &content,
                iin,
                bin,
                purpose: KeyPurpose::Signing,
            },
            now_secs,
        )
        .await?;
    let model = register(
        app,
        &detail,
        model,
        user.id,
        Some(signatures::Accepted {
            user_id: user.id,
            purpose: "request",
            subject: None,
            content: &content,
            cms: &der,
            report: &report,
        }),
    )
    .await?;
    dto(app, &detail, &owner, &model).await
}

/// Registers a request ready to be registered (process 9): the number, the
/// due date in working days, status `submitted`; with the signature that
/// made it so, stored beside it. Refused when the request changed since
/// it was read.
pub async fn register(
    app: &App,
    detail: &ServiceDetail,
    model: requests::Model,
    actor: i32,
    signed: Option<signatures::Accepted<'_>>,
) -> AppResult<requests::Model> {
    let kind = request_type_of(&model);
    let days = detail
        .request_types
        .iter()
        .find(|t| t.spec.kind == kind)
        .map_or(0, |t| t.spec.deadline_working_days);
    let now = kz_now();
    let minutes = now.hour() * 60 + now.minute();
    let due = app
        .calendar
        .due_date(today(), minutes >= END_OF_WORKING_DAY_MINUTES, days);
    let number = RequestNumber::new(today().ymd().0, i64::from(model.id));
    // The writer task needs the number and the signature's parts by value.
    let subject = number.to_string();
    let signed = signed.map(|a| {
        (
            a.user_id,
            a.purpose.to_owned(),
            a.content.to_vec(),
            a.cms.to_vec(),
            a.report.clone(),
        )
    });
    let model = app
        .db
        .writes
        .run(move |txn| {
            Box::pin(async move {
                // Only a request still editable is registered: a second
                // submit of the same request (another tab) finds it sent.
                let fresh = requests::Entity::find_by_id(model.id)
                    .one(txn)
                    .await?
                    .ok_or_else(AppError::not_found)?;
                if fresh.updated_at != model.updated_at || !status_of(&fresh).is_editable() {
                    return Err(AppError::conflict(ErrorCode::RequestChanged));
                }
                let signature = match signed {
                    Some((user_id, purpose, content, cms, report)) => {
                        let stored = signatures::store(
                            txn,
                            signatures::Accepted {
                                user_id,
                                purpose: &purpose,
                                subject: Some(subject.clone()),
                                content: &content,
                                cms: &cms,
                                report: &report,
                            },
                        )
                        .await?;
                        Some(stored.id)
                    }
                    None => None,
                };
                let submitted_at = Utc::now();
                transition(
                    txn,
                    fresh,
                    RequestStatus::Submitted,
                    Some(actor),
                    None,
                    |a| {
                        a.number = Set(Some(subject));
                        a.submitted_at = Set(Some(submitted_at.into()));
                        a.due_date = Set(Some(due.to_string()));
                        a.signature_id = Set(signature);
                    },
                )
                .await
            })
        })
        .await?;
    notifications::email(app, &model);
    tracing::info!(request_id = model.id, number = %number, due = %due, "request registered");
    Ok(model)
}

/// The quality survey (SPEC §7): once per request, after its result.
pub async fn answer_survey(
    app: &App,
    user: &users::Model,
    id: i32,
    answers: SurveyAnswers,
    lang: shared::Lang,
) -> AppResult<()> {
    let model = owned(app, user, id).await?;
    if !matches!(
        status_of(&model),
        RequestStatus::Approved | RequestStatus::Refused
    ) {
        return Err(AppError::conflict(ErrorCode::SurveyClosed));
    }
    let code = |s: Option<shared::request::Satisfaction>| s.map_or("", |s| s.code()).to_owned();
    let inserted = surveys::ActiveModel {
        request_id: Set(model.id),
        user_id: Set(user.id),
        process_quality: Set(code(answers.process)),
        information_quality: Set(code(answers.information)),
        lang: Set(lang.code().to_owned()),
        answered_at: Set(Utc::now().into()),
        ..Default::default()
    }
    .insert(&app.db.write)
    .await;
    match inserted {
        Ok(_) => Ok(()),
        // The unique request id: answered already.
        Err(e) if is_unique_violation(&e) => Err(AppError::conflict(ErrorCode::SurveyClosed)),
        Err(e) => Err(e.into()),
    }
}

/// A unique-constraint failure, on SQLite and on PostgreSQL.
pub fn is_unique_violation(e: &sea_orm::DbErr) -> bool {
    matches!(
        e.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
