//! Licenses held by applicants: what re-issuance and duplicate requests
//! refer to. (Issuing them is the provider's side.)

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared::calendar::Date;
use shared::request::{LicenseDto, LicenseStatus};

use crate::app::App;
use crate::db::entities::{licenses, users};
use crate::db::stored;
use crate::error::AppResult;

fn to_dto(m: &licenses::Model) -> AppResult<LicenseDto> {
    Ok(LicenseDto {
        number: m.number.clone(),
        service: m.service_code.clone(),
        provider: m.provider_code.clone(),
        issued_on: stored::state("licenses.issued_on", &m.issued_on, |s| Date::parse(s).ok())?,
        status: stored::state("licenses.status", &m.status, LicenseStatus::parse)?,
    })
}

/// The user's licenses, newest first.
pub async fn list_own(app: &App, user: &users::Model) -> AppResult<Vec<LicenseDto>> {
    let rows = licenses::Entity::find()
        .filter(licenses::Column::HolderUserId.eq(user.id))
        .order_by_desc(licenses::Column::IssuedOn)
        .all(&app.db.read)
        .await?;
    rows.iter().map(to_dto).collect()
}

/// The user's own active license `number` of `service`.
pub async fn own_active(
    app: &App,
    user: &users::Model,
    service: &str,
    number: &str,
) -> AppResult<Option<licenses::Model>> {
    Ok(licenses::Entity::find()
        .filter(licenses::Column::HolderUserId.eq(user.id))
        .filter(licenses::Column::ServiceCode.eq(service))
        .filter(licenses::Column::Number.eq(number.trim()))
        .filter(licenses::Column::Status.eq(LicenseStatus::Active.code()))
        .one(&app.db.read)
        .await?)
}

pub async fn by_id(app: &App, id: i32) -> AppResult<Option<licenses::Model>> {
    Ok(licenses::Entity::find_by_id(id).one(&app.db.read).await?)
}

/// A license to record (demo data, tests; the review issues them).
#[derive(Debug)]
pub struct NewLicense<'a> {
    pub number: &'a str,
    pub holder: i32,
    pub service: &'a str,
    pub provider: Option<&'a str>,
    pub issued_on: Date,
    pub details: &'a str,
}

/// Records `l` unless its number exists; gives whether it was new.
pub async fn record(app: &App, l: NewLicense<'_>) -> AppResult<bool> {
    if licenses::Entity::find()
        .filter(licenses::Column::Number.eq(l.number))
        .one(&app.db.read)
        .await?
        .is_some()
    {
        return Ok(false);
    }
    licenses::ActiveModel {
        number: Set(l.number.to_owned()),
        holder_user_id: Set(l.holder),
        service_code: Set(l.service.to_owned()),
        provider_code: Set(l.provider.map(str::to_owned)),
        request_id: Set(None),
        status: Set(LicenseStatus::Active.code().to_owned()),
        issued_on: Set(l.issued_on.to_string()),
        details: Set(l.details.to_owned()),
        created_at: Set(Utc::now().into()),
        ..Default::default()
    }
    .insert(&app.db.write)
    .await?;
    Ok(true)
}
