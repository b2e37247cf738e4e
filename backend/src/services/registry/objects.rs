//! The licensee's branches, representative offices and sites in the
//! registry (seed 000 §1, item 2): added, changed and closed by the
//! licensor's staff, each an event in the license's history with its
//! actor and reason.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set, TransactionTrait,
};
use shared::request::LicenseStatus;
use shared::review::RegistryEntry;
use shared::review::objects::{MAX_OBJECT_TEXT_CHARS, ObjectChange};
use shared::{Bin, ErrorCode, FieldCode};

use crate::app::App;
use crate::db::entities::{license_objects, licenses, users};
use crate::db::stored;
use crate::error::{AppError, AppResult};
use crate::services::registry::entries;

/// A text field: required, trimmed, not too long.
fn text(errors: &mut shared::error::Collector, field: &str, value: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, FieldCode::Required);
    } else if value.chars().count() > MAX_OBJECT_TEXT_CHARS {
        errors.add(
            field,
            FieldCode::TooLong {
                max: u32::try_from(MAX_OBJECT_TEXT_CHARS).unwrap_or(u32::MAX),
            },
        );
    }
    value.to_owned()
}

/// `change` checked: its texts, and a БИН of the kind's unit when the kind
/// has one (a site has none).
fn checked(change: &ObjectChange) -> AppResult<(String, String, Option<String>, String)> {
    let mut errors = shared::error::Collector::new();
    let name = text(&mut errors, "name", &change.name);
    let address = text(&mut errors, "address", &change.address);
    let reason = text(&mut errors, "reason", &change.reason);
    let bin = match (change.kind.bin_unit(), change.bin.trim()) {
        (None, "") => None,
        (None, _) => {
            errors.add("bin", FieldCode::UnknownField);
            None
        }
        (Some(unit), given) => match Bin::parse(given) {
            Ok(b) if b.unit() == unit => Some(b.as_string()),
            Ok(_) => {
                errors.add("bin", FieldCode::BinUnit);
                None
            }
            Err(code) => {
                errors.add("bin", code);
                None
            }
        },
    };
    errors.finish().map_err(AppError::validation)?;
    Ok((name, address, bin, reason))
}

/// The license `number` of the staff member's own provider, still in force
/// (active or suspended), with its holder.
async fn licensed(
    app: &App,
    user: &users::Model,
    number: &str,
) -> AppResult<(licenses::Model, users::Model)> {
    let (l, holder) = entries::of_licensor(app, user, number).await?;
    let status = stored::state("licenses.status", &l.status, LicenseStatus::parse)?;
    if !matches!(status, LicenseStatus::Active | LicenseStatus::Suspended) {
        return Err(AppError::conflict(ErrorCode::LicenseStatusConflict));
    }
    Ok((l, holder))
}

/// Adds a unit to license `number`, or (with `id`) changes one still open.
pub async fn save(
    app: &App,
    user: &users::Model,
    number: &str,
    id: Option<i32>,
    change: &ObjectChange,
) -> AppResult<RegistryEntry> {
    let (l, holder) = licensed(app, user, number).await?;
    let (name, address, bin, reason) = checked(change)?;
    let txn = app.db.write.begin().await?;
    let event = match id {
        None => {
            license_objects::ActiveModel {
                license_id: Set(l.id),
                kind: Set(change.kind.code().to_owned()),
                name: Set(name.clone()),
                address: Set(address),
                bin: Set(bin),
                opened_at: Set(Utc::now().into()),
                closed_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            "object_added"
        }
        Some(id) => {
            let row = open_object(&txn, l.id, id).await?;
            let mut active = row.into_active_model();
            active.kind = Set(change.kind.code().to_owned());
            active.name = Set(name.clone());
            active.address = Set(address);
            active.bin = Set(bin);
            active.update(&txn).await?;
            "object_changed"
        }
    };
    finish(
        app,
        user,
        txn,
        (&l, &holder),
        event,
        &format!("{name}: {reason}"),
    )
    .await
}

/// The change `event` of license `l` recorded with its reason, committed
/// and audited; gives the license as the registry shows it now.
async fn finish(
    app: &App,
    user: &users::Model,
    txn: sea_orm::DatabaseTransaction,
    (l, holder): (&licenses::Model, &users::Model),
    event: &str,
    reason: &str,
) -> AppResult<RegistryEntry> {
    entries::event(&txn, l.id, Some(user.id), event, Some(reason.to_owned())).await?;
    txn.commit().await?;
    crate::services::core::audit::record(
        app,
        Some(user.id),
        "registry",
        l.request_id,
        &format!("{} {event}", l.number),
    )
    .await?;
    entries::entry(app, l, holder).await
}

async fn open_object(
    db: &impl sea_orm::ConnectionTrait,
    license: i32,
    id: i32,
) -> AppResult<license_objects::Model> {
    license_objects::Entity::find_by_id(id)
        .filter(license_objects::Column::LicenseId.eq(license))
        .filter(license_objects::Column::ClosedAt.is_null())
        .one(db)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Closes unit `id` of license `number`, with the reason.
pub async fn close(
    app: &App,
    user: &users::Model,
    number: &str,
    id: i32,
    reason: &str,
) -> AppResult<RegistryEntry> {
    let (l, holder) = licensed(app, user, number).await?;
    let mut errors = shared::error::Collector::new();
    let reason = text(&mut errors, "reason", reason);
    errors.finish().map_err(AppError::validation)?;
    let txn = app.db.write.begin().await?;
    let row = open_object(&txn, l.id, id).await?;
    let name = row.name.clone();
    let mut active = row.into_active_model();
    active.closed_at = Set(Some(Utc::now().into()));
    active.update(&txn).await?;
    finish(
        app,
        user,
        txn,
        (&l, &holder),
        "object_closed",
        &format!("{name}: {reason}"),
    )
    .await
}
