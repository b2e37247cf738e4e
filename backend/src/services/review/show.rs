//! A request as the reviewer works on it; the reading is audited.

use crate::app::App;
use crate::clock::rfc3339;
use crate::clock::today;
use crate::db::entities::{licenses, signatures, users};
use crate::db::stored;
use crate::error::{AppError, AppResult};
use crate::services::core::audit;
use crate::services::core::model::event_dto;
use crate::services::core::model::request_type_of;
use crate::services::core::model::service;
use crate::services::core::model::status_of;
use crate::services::core::reach::provider_of;
use crate::services::desk::info as desk_info;
use crate::services::payments::status;
use crate::services::requests::files;
use crate::services::review::access::colleague;
use crate::services::review::access::colleagues;
use crate::services::review::access::days_left;
use crate::services::review::access::of_provider;
use crate::services::review::access::user_by_id;
use crate::services::review::decisions::latest_decision;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::calendar::Date;
use shared::request::RequestNumber;
use shared::review::{ApplicantDetails, ReviewDto, SignatureReport};

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
    let due_date = model.due_date.as_deref().and_then(|d| Date::parse(d).ok());
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
        number: stored::optional(
            "requests.number",
            model.number.as_deref(),
            RequestNumber::parse,
        )?,
        service: model.service_code.clone(),
        request_type: request_type_of(&model)?,
        status: status_of(&model)?,
        applicant: ApplicantDetails {
            tax_id: applicant.id_number.clone(),
            name: applicant.name.clone(),
            kind: applicant.kind()?,
            phone: applicant.phone.clone(),
            email: applicant.email.clone(),
        },
        license,
        answers: stored::json("requests.answers", &model.answers)?,
        files: file_rows
            .iter()
            .map(files::to_dto)
            .collect::<AppResult<_>>()?,
        desk: desk_info::info(app, &model).await?,
        inquiries: crate::services::inquiries::dtos(app, model.id, &file_rows).await?,
        payment: status::of_request(app, model.id).await?,
        signature: signature
            .map(|s| -> AppResult<SignatureReport> {
                Ok(SignatureReport {
                    path: stored::json("signatures.path", &s.path)?,
                    serial: s.signer_serial,
                    iin: s.signer_iin,
                    bin: s.signer_bin,
                    name: s.signer_name,
                    signing_time: rfc3339(&s.signing_time),
                    validated_at: rfc3339(&s.validated_at),
                })
            })
            .transpose()?,
        due_date,
        due_unconfirmed: due_date.is_some_and(|d| !app.calendar.confirmed_between(today(), d)),
        days_left: days_left(app, today(), &model)?,
        assignee,
        manual_reason: stored::optional(
            "requests.manual_reason",
            model.manual_reason.as_deref(),
            shared::review::ManualReason::parse,
        )?,
        colleagues: colleagues(app, &provider)
            .await?
            .iter()
            .map(colleague)
            .collect(),
        checklist: detail.checklist.clone(),
        decision: latest_decision(app, model.id).await?,
        history: events.iter().map(event_dto).collect::<AppResult<_>>()?,
    })
}
