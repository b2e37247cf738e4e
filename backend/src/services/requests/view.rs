//! A request as its applicant (and those working on it) see it, and
//! «История получения услуг»: the user's requests, newest first.

use crate::app::App;
use crate::clock::rfc3339;
use crate::db::entities::{licenses, request_events, requests, surveys, users};
use crate::db::stored;
use crate::error::AppResult;
use crate::services::core::model::answers_of;
use crate::services::core::model::event_dto;
use crate::services::core::model::fee;
use crate::services::core::model::request_type_in;
use crate::services::core::model::request_type_of;
use crate::services::core::model::service;
use crate::services::core::model::status_in;
use crate::services::core::model::status_of;
use crate::services::core::reach::reach;
use crate::services::desk::info;
use crate::services::payments::status;
use crate::services::requests::files;
use crate::services::requests::problems::problems;
use chrono::{DateTime, FixedOffset};
use sea_orm::{
    ColumnTrait, DerivePartialModel, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
};
use shared::calendar::Date;
use shared::catalog::ServiceDetail;
use shared::request::{
    ApplicantDto, RequestDto, RequestNumber, RequestQuery, RequestStatus, RequestSummary,
};

/// The request as its owner sees it; `detail` is its service's.
pub async fn dto(
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
    let status = status_of(model)?;
    let survey_open = matches!(status, RequestStatus::Approved | RequestStatus::Refused)
        && surveys::Entity::find()
            .filter(surveys::Column::RequestId.eq(model.id))
            .one(&app.db.read)
            .await?
            .is_none();
    Ok(RequestDto {
        id: i64::from(model.id),
        service: model.service_code.clone(),
        request_type: request_type_of(model)?,
        status,
        provider: model.provider_code.clone(),
        answers: answers_of(model)?,
        problems: problems(detail, model, &file_rows)?,
        number: stored::optional(
            "requests.number",
            model.number.as_deref(),
            RequestNumber::parse,
        )?,
        applicant: ApplicantDto {
            tax_id: owner.id_number.clone(),
            name: owner.name.clone(),
        },
        license,
        files: file_rows
            .iter()
            .map(files::to_dto)
            .collect::<AppResult<_>>()?,
        fee: fee(detail, model)?,
        payment: status::of_request(app, model.id).await?,
        submitted_at: model.submitted_at.as_ref().map(rfc3339),
        due_date: model.due_date.as_deref().and_then(|d| Date::parse(d).ok()),
        survey_open,
        result: crate::services::review::decisions::result_of(app, model.id).await?,
        views: crate::services::review::decisions::views(app, model.id).await?,
        desk: info::info(app, model).await?,
        inquiries: crate::services::inquiries::dtos(app, model.id, &file_rows).await?,
        created_at: rfc3339(&model.created_at),
        updated_at: rfc3339(&model.updated_at),
        history: events.iter().map(event_dto).collect::<AppResult<_>>()?,
    })
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

/// «История получения услуг»: the user's requests, newest first.
/// The columns of a request that «История получения услуг» shows: not the
/// answers nor the paper documents.
#[derive(Debug, DerivePartialModel, FromQueryResult)]
#[sea_orm(entity = "requests::Entity")]
pub struct SummaryRow {
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
    rows.into_iter()
        .map(|m| {
            Ok(RequestSummary {
                id: i64::from(m.id),
                request_type: request_type_in(&m.request_type)?,
                status: status_in(&m.status)?,
                service: m.service_code,
                number: stored::optional(
                    "requests.number",
                    m.number.as_deref(),
                    RequestNumber::parse,
                )?,
                due_date: m.due_date.as_deref().and_then(|d| Date::parse(d).ok()),
                updated_at: rfc3339(&m.updated_at),
            })
        })
        .collect()
}
