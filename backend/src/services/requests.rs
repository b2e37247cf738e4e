//! Requests: the applicant's drafts, saved as they are filled and resumed on
//! any device, and «История получения услуг». A draft belongs to its author
//! alone; another account gets "not found", never a hint that it exists.

use chrono::{DateTime, FixedOffset, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use shared::calendar::Date;
use shared::catalog::ServiceDetail;
use shared::forms::{self, Answers};
use shared::request::{
    CreateDraft, RequestDto, RequestEventDto, RequestQuery, RequestStatus, RequestSummary,
    SaveDraft,
};
use shared::{ErrorCode, FieldCode};

use crate::app::App;
use crate::db::entities::{request_events, requests, users};
use crate::error::{AppError, AppResult};

/// The longest answer stored, whatever its field allows (the field's own
/// limit is reported as a problem; beyond this the save is refused).
const MAX_ANSWER_CHARS: usize = 10_000;
/// Kazakhstan's time zone (UTC+5 since 2024-03-01): what "today" means.
const KZ_OFFSET_SECS: i64 = 5 * 3600;

/// Today in Kazakhstan.
pub fn today() -> Date {
    let secs = Utc::now().timestamp() + KZ_OFFSET_SECS;
    Date::from_unix_days(i32::try_from(secs.div_euclid(86_400)).unwrap_or(0))
}

fn rfc3339(t: &DateTime<FixedOffset>) -> String {
    t.with_timezone(&Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn service(app: &App, code: &str) -> AppResult<ServiceDetail> {
    app.catalog
        .detail(code, today().ymd().0)
        .ok_or_else(|| AppError::field("service", FieldCode::UnknownChoice))
}

fn status_of(model: &requests::Model) -> RequestStatus {
    // Written only from `RequestStatus::code`.
    RequestStatus::parse(&model.status).unwrap_or(RequestStatus::Draft)
}

fn answers_of(model: &requests::Model) -> Answers {
    serde_json::from_str(&model.answers).unwrap_or_default()
}

fn request_type_of(model: &requests::Model) -> shared::catalog::RequestType {
    // Written only from `RequestType::code`.
    shared::catalog::RequestType::parse(&model.request_type)
        .unwrap_or(shared::catalog::RequestType::Issuance)
}

/// The problems left before `model` can be sent.
fn problems(detail: &ServiceDetail, model: &requests::Model) -> shared::FieldErrors {
    let mut errors = forms::check_complete(
        &detail.fields,
        request_type_of(model),
        &answers_of(model),
        today(),
    )
    .err()
    .unwrap_or_default();
    if detail.providers.len() > 1 && model.provider_code.is_none() {
        errors
            .entry("provider".into())
            .or_default()
            .push(FieldCode::Required);
    }
    errors
}

/// The request as its owner sees it; `detail` is its service's.
async fn dto(app: &App, detail: &ServiceDetail, model: &requests::Model) -> AppResult<RequestDto> {
    let events = request_events::Entity::find()
        .filter(request_events::Column::RequestId.eq(model.id))
        .order_by_asc(request_events::Column::Id)
        .all(&app.db.read)
        .await?;
    Ok(RequestDto {
        id: i64::from(model.id),
        service: model.service_code.clone(),
        request_type: request_type_of(model),
        status: status_of(model),
        provider: model.provider_code.clone(),
        answers: answers_of(model),
        problems: problems(detail, model),
        number: model.number.clone(),
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

/// The request `id` if `user` owns it; "not found" otherwise.
async fn owned(app: &App, user: &users::Model, id: i32) -> AppResult<requests::Model> {
    requests::Entity::find_by_id(id)
        .filter(requests::Column::UserId.eq(user.id))
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Starts a draft of `req.service` for the signed-in applicant.
pub async fn create(app: &App, user: &users::Model, req: &CreateDraft) -> AppResult<RequestDto> {
    let detail = service(app, &req.service)?;
    if !detail.eligibility.allows(user.kind()) {
        return Err(AppError::new(
            axum::http::StatusCode::FORBIDDEN,
            ErrorCode::NotEligible,
        ));
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
    let now = Utc::now();
    let txn = app.db.write.begin().await?;
    let model = requests::ActiveModel {
        user_id: Set(user.id),
        service_code: Set(detail.code.clone()),
        request_type: Set(req.request_type.code().to_owned()),
        provider_code: Set(only_provider),
        status: Set(RequestStatus::Draft.code().to_owned()),
        answers: Set("{}".to_owned()),
        number: Set(None),
        created_at: Set(now.into()),
        updated_at: Set(now.into()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    request_events::ActiveModel {
        request_id: Set(model.id),
        at: Set(now.into()),
        actor_user_id: Set(Some(user.id)),
        status: Set(RequestStatus::Draft.code().to_owned()),
        reason: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    tracing::info!(request_id = model.id, service = %model.service_code, "draft started");
    dto(app, &detail, &model).await
}

pub async fn show(app: &App, user: &users::Model, id: i32) -> AppResult<RequestDto> {
    let model = owned(app, user, id).await?;
    let detail = service(app, &model.service_code)?;
    dto(app, &detail, &model).await
}

/// Saves the draft as the user has it. Answers that break their field's
/// rule are kept and reported as problems; an answer for a field the form
/// does not have, an unknown provider or an answer beyond any sane length
/// is refused, and nothing is changed.
pub async fn save(
    app: &App,
    user: &users::Model,
    id: i32,
    req: &SaveDraft,
) -> AppResult<RequestDto> {
    let model = owned(app, user, id).await?;
    if !status_of(&model).is_editable() {
        return Err(AppError::new(
            axum::http::StatusCode::CONFLICT,
            ErrorCode::NotEditable,
        ));
    }
    let detail = service(app, &model.service_code)?;
    let shown = forms::fields_for(&detail.fields, request_type_of(&model));
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
        && !detail.providers.iter().any(|d| d.code == *p)
    {
        refused.add("provider", FieldCode::UnknownChoice);
    }
    refused.finish().map_err(AppError::validation)?;

    let answers: Answers = req
        .answers
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut active = model.into_active_model();
    active.answers = Set(serde_json::to_string(&answers).map_err(AppError::internal)?);
    if req.provider.is_some() {
        active.provider_code = Set(req.provider.clone());
    }
    active.updated_at = Set(Utc::now().into());
    let model = active.update(&app.db.write).await?;
    dto(app, &detail, &model).await
}

/// Discards a draft that was never sent.
pub async fn discard(app: &App, user: &users::Model, id: i32) -> AppResult<()> {
    let model = owned(app, user, id).await?;
    if status_of(&model) != RequestStatus::Draft {
        return Err(AppError::new(
            axum::http::StatusCode::CONFLICT,
            ErrorCode::NotEditable,
        ));
    }
    requests::Entity::delete_by_id(model.id)
        .exec(&app.db.write)
        .await?;
    Ok(())
}

/// «История получения услуг»: the user's requests, newest first.
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
        .all(&app.db.read)
        .await?;
    Ok(rows
        .iter()
        .map(|m| RequestSummary {
            id: i64::from(m.id),
            service: m.service_code.clone(),
            request_type: request_type_of(m),
            status: status_of(m),
            number: m.number.clone(),
            updated_at: rfc3339(&m.updated_at),
        })
        .collect())
}
