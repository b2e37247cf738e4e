//! The license registry (E-licensing): every license with its status and
//! history and its branches, representative offices and sites (changed in
//! `objects`); public lookup by number or БИН; suspension, resumption and
//! termination by the licensor's staff.

use axum::http::StatusCode;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use shared::account::AccountKind;
use shared::calendar::Date;
use shared::request::LicenseStatus;
use shared::review::objects::{ObjectDto, ObjectKind};
use shared::review::{LicenseEventDto, RegistryAction, RegistryChange, RegistryEntry, mask_iin};
use shared::{ErrorCode, FieldCode};

use crate::app::App;
use crate::clock::rfc3339;
use crate::db::entities::{license_events, license_objects, licenses, users};
use crate::db::stored;
use crate::error::{AppError, AppResult};
use crate::services::core::reach::provider_of;

/// The longest reason kept for a status change.
const MAX_REASON_CHARS: usize = 2000;

/// Records a change in a license's life inside `db`.
pub async fn event(
    db: &impl ConnectionTrait,
    license: i32,
    actor: Option<i32>,
    status: &str,
    reason: Option<String>,
) -> AppResult<()> {
    license_events::ActiveModel {
        license_id: Set(license),
        at: Set(Utc::now().into()),
        actor_user_id: Set(actor),
        status: Set(status.to_owned()),
        reason: Set(reason),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The units of license `license`, the first opened first.
pub async fn of_license(app: &App, license: i32) -> AppResult<Vec<ObjectDto>> {
    license_objects::Entity::find()
        .filter(license_objects::Column::LicenseId.eq(license))
        .order_by_asc(license_objects::Column::Id)
        .all(&app.db.read)
        .await?
        .iter()
        .map(|o| {
            Ok(ObjectDto {
                id: i64::from(o.id),
                kind: stored::state("license_objects.kind", &o.kind, ObjectKind::parse)?,
                name: o.name.clone(),
                address: o.address.clone(),
                bin: o.bin.clone(),
                opened_at: rfc3339(&o.opened_at),
                closed_at: o.closed_at.as_ref().map(rfc3339),
            })
        })
        .collect()
}

/// A license with its holder, read in one query.
type WithHolder = (licenses::Model, Option<users::Model>);

/// The form's field a license's activity is chosen in.
const ACTIVITY: &str = "activity_subtype";

/// The registry's view of `l`, held by `holder`.
pub async fn entry(
    app: &App,
    l: &licenses::Model,
    holder: &users::Model,
) -> AppResult<RegistryEntry> {
    let holder_id = match holder.kind()? {
        AccountKind::Individual => mask_iin(&holder.id_number),
        AccountKind::LegalEntity => holder.id_number.clone(),
    };
    let original = match l.original_id {
        Some(o) => licenses::Entity::find_by_id(o)
            .one(&app.db.read)
            .await?
            .map(|o| o.number),
        None => None,
    };
    let history = license_events::Entity::find()
        .filter(license_events::Column::LicenseId.eq(l.id))
        .order_by_asc(license_events::Column::Id)
        .all(&app.db.read)
        .await?
        .into_iter()
        .map(|e| LicenseEventDto {
            at: rfc3339(&e.at),
            event: e.status,
            reason: e.reason,
        })
        .collect();
    let details: serde_json::Value = stored::json("licenses.details", &l.details)?;
    let activity = details[ACTIVITY].as_str().map(str::to_owned);
    Ok(RegistryEntry {
        number: l.number.clone(),
        status: stored::state("licenses.status", &l.status, LicenseStatus::parse)?,
        holder: holder.name.clone(),
        holder_id,
        service: l.service_code.clone(),
        service_name: app.catalog.name_of_service(&l.service_code),
        activity_name: activity
            .as_deref()
            .map(|a| app.catalog.name_of_choice(&l.service_code, ACTIVITY, a)),
        activity,
        provider_name: l
            .provider_code
            .as_deref()
            .map(|p| app.catalog.name_of_provider(p)),
        provider: l.provider_code.clone(),
        issued_on: stored::state("licenses.issued_on", &l.issued_on, |s| Date::parse(s).ok())?,
        original,
        objects: of_license(app, l.id).await?,
        history,
    })
}

/// One license, for anyone.
pub async fn show(app: &App, number: &str) -> AppResult<RegistryEntry> {
    let (l, holder) = licenses::Entity::find()
        .filter(licenses::Column::Number.eq(number.trim()))
        .find_also_related(users::Entity)
        .one(&app.db.read)
        .await?
        .ok_or_else(|| AppError::new(StatusCode::NOT_FOUND, ErrorCode::LicenseNotFound))?;
    entry(app, &l, &holder_of(holder)?).await
}

fn holder_of(holder: Option<users::Model>) -> AppResult<users::Model> {
    holder.ok_or_else(|| AppError::internal("a license without its holder"))
}

/// Licenses by number, or every license of a БИН (an individual's ИИН is
/// not searchable by the public).
pub async fn search(app: &App, q: &str) -> AppResult<Vec<RegistryEntry>> {
    let q = q.trim();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<WithHolder> = if shared::Bin::parse(q).is_ok() {
        match crate::services::accounts::account::find_by_number(app, q).await? {
            Some(holder) if holder.kind()? == AccountKind::LegalEntity => licenses::Entity::find()
                .filter(licenses::Column::HolderUserId.eq(holder.id))
                .order_by_desc(licenses::Column::IssuedOn)
                .all(&app.db.read)
                .await?
                .into_iter()
                .map(|l| (l, Some(holder.clone())))
                .collect(),
            _ => Vec::new(),
        }
    } else {
        licenses::Entity::find()
            .filter(licenses::Column::Number.eq(q))
            .find_also_related(users::Entity)
            .all(&app.db.read)
            .await?
    };
    let mut out = Vec::with_capacity(rows.len());
    for (l, holder) in rows {
        out.push(entry(app, &l, &holder_of(holder)?).await?);
    }
    Ok(out)
}

/// License `number` of the staff member's own provider, with its holder;
/// "not found" for another provider's.
pub async fn of_licensor(
    app: &App,
    user: &users::Model,
    number: &str,
) -> AppResult<(licenses::Model, users::Model)> {
    let provider = provider_of(user)?;
    let (l, holder) = licenses::Entity::find()
        .filter(licenses::Column::Number.eq(number.trim()))
        .filter(licenses::Column::ProviderCode.eq(provider))
        .find_also_related(users::Entity)
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((l, holder_of(holder)?))
}

/// Suspends, resumes or terminates a license of the reviewer's provider.
pub async fn change(
    app: &App,
    user: &users::Model,
    number: &str,
    req: &RegistryChange,
) -> AppResult<RegistryEntry> {
    let (l, holder) = of_licensor(app, user, number).await?;
    let reason = req.reason.trim();
    if reason.is_empty() {
        return Err(AppError::field("reason", FieldCode::Required));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::field(
            "reason",
            FieldCode::TooLong {
                max: u32::try_from(MAX_REASON_CHARS).unwrap_or(u32::MAX),
            },
        ));
    }
    let current = stored::state("licenses.status", &l.status, LicenseStatus::parse)?;
    let (to, event_name) = match (req.action, current) {
        (RegistryAction::Suspend, LicenseStatus::Active) => (LicenseStatus::Suspended, "suspended"),
        (RegistryAction::Resume, LicenseStatus::Suspended) => (LicenseStatus::Active, "resumed"),
        (RegistryAction::Terminate, LicenseStatus::Active | LicenseStatus::Suspended) => {
            (LicenseStatus::Terminated, "terminated")
        }
        _ => return Err(AppError::conflict(ErrorCode::LicenseStatusConflict)),
    };
    let txn = app.db.write.begin().await?;
    let id = l.id;
    let request = l.request_id;
    let mut active = l.into_active_model();
    active.status = Set(to.code().to_owned());
    let l = active.update(&txn).await?;
    event(&txn, id, Some(user.id), event_name, Some(reason.to_owned())).await?;
    txn.commit().await?;
    crate::services::core::audit::record(
        app,
        Some(user.id),
        "registry",
        request,
        &format!("{number} {event_name}"),
    )
    .await?;
    entry(app, &l, &holder).await
}
