//! Attachment to a primary health-care organization: a person holds one
//! active attachment at a time; each organization has a capacity.

use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};
use shared::ErrorCode;
use shared::request::{ClinicDto, ClinicsDto, CurrentClinic};

use crate::app::App;
use crate::clock::rfc3339;
use crate::db::entities::{clinic_attachments, users};
use crate::error::{AppError, AppResult};
use crate::services::catalog::data::Issues;
use crate::services::core::model::service;
use shared::FieldCode;
use shared::catalog::ServiceDetail;

/// The service whose approval attaches to a clinic (the catalog says which).
fn attachment_service(app: &App) -> AppResult<ServiceDetail> {
    let code = app
        .catalog
        .attachment_service()
        .ok_or_else(|| AppError::field("service", FieldCode::UnknownChoice))?;
    service(app, code)
}

/// Whether an approval of `code` attaches to a clinic (not a license).
pub fn attaches(app: &App, code: &str) -> bool {
    app.catalog.issues(code) == Issues::ClinicAttachment
}

pub async fn current_row(
    db: &impl ConnectionTrait,
    user: i32,
) -> AppResult<Option<clinic_attachments::Model>> {
    Ok(clinic_attachments::Entity::find()
        .filter(clinic_attachments::Column::UserId.eq(user))
        .filter(clinic_attachments::Column::EndedAt.is_null())
        .one(db)
        .await?)
}

pub async fn attached(db: &impl ConnectionTrait, provider: &str) -> AppResult<u32> {
    let n = clinic_attachments::Entity::find()
        .filter(clinic_attachments::Column::ProviderCode.eq(provider))
        .filter(clinic_attachments::Column::EndedAt.is_null())
        .count(db)
        .await?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// The organizations of the service with their places, and `user`'s
/// current attachment.
pub async fn overview(app: &App, user: &users::Model) -> AppResult<ClinicsDto> {
    let detail = attachment_service(app)?;
    let mut clinics = Vec::with_capacity(detail.providers.len());
    for p in &detail.providers {
        clinics.push(ClinicDto {
            provider: p.code.clone(),
            capacity: p.capacity.unwrap_or(0),
            attached: attached(&app.db.read, &p.code).await?,
        });
    }
    let current = current_row(&app.db.read, user.id)
        .await?
        .map(|c| CurrentClinic {
            provider: c.provider_code,
            since: rfc3339(&c.since),
        });
    Ok(ClinicsDto { current, clinics })
}

/// Refuses the choice of the organization the person is attached to
/// already, or of one with no free places.
pub async fn check_choice(app: &App, user: &users::Model, provider: Option<&str>) -> AppResult<()> {
    let Some(provider) = provider else {
        return Ok(());
    };
    if current_row(&app.db.read, user.id)
        .await?
        .is_some_and(|c| c.provider_code == provider)
    {
        return Err(AppError::conflict(ErrorCode::AlreadyAttached));
    }
    let detail = attachment_service(app)?;
    let capacity = detail
        .providers
        .iter()
        .find(|p| p.code == provider)
        .and_then(|p| p.capacity)
        .unwrap_or(0);
    if attached(&app.db.read, provider).await? >= capacity {
        return Err(AppError::new(StatusCode::CONFLICT, ErrorCode::ClinicFull));
    }
    Ok(())
}

/// Attaches `user` to `provider` inside `db` (a transaction), ending the
/// current attachment: one active attachment per person.
pub async fn attach(
    db: &impl ConnectionTrait,
    user: i32,
    provider: &str,
    request: Option<i32>,
) -> AppResult<()> {
    let now = Utc::now();
    clinic_attachments::Entity::update_many()
        .col_expr(
            clinic_attachments::Column::EndedAt,
            Expr::value(sea_orm::Value::ChronoDateTimeWithTimeZone(Some(Box::new(
                now.into(),
            )))),
        )
        .filter(clinic_attachments::Column::UserId.eq(user))
        .filter(clinic_attachments::Column::EndedAt.is_null())
        .exec(db)
        .await?;
    clinic_attachments::ActiveModel {
        user_id: Set(user),
        provider_code: Set(provider.to_owned()),
        request_id: Set(request),
        since: Set(now.into()),
        ended_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
