//! A visitor looked up in the state registries (ГБД ФЛ, ГБД ЮЛ).

use crate::adapters::state_registries::RegistryError;
use crate::app::App;
use crate::db::entities::users;
use crate::error::{AppError, AppResult};
use crate::services::core::audit;
use crate::services::desk::access::channel_for;
use axum::http::StatusCode;
use shared::account::AccountKind;
use shared::desk::{LookupQuery, RegistryRecord};
use shared::{ErrorCode, TaxId};

pub fn registry_failure(e: RegistryError) -> AppError {
    match e {
        RegistryError::NotFound => {
            AppError::new(StatusCode::NOT_FOUND, ErrorCode::RegistryNotFound)
        }
        RegistryError::Timeout => {
            AppError::new(StatusCode::GATEWAY_TIMEOUT, ErrorCode::RegistryUnavailable).with_cause(e)
        }
        RegistryError::Failed(_) => {
            AppError::new(StatusCode::BAD_GATEWAY, ErrorCode::RegistryUnavailable).with_cause(e)
        }
    }
}

pub fn parse_id(kind: AccountKind, number: &str) -> AppResult<TaxId> {
    kind.parse_id(number)
        .map_err(|code| AppError::field("id_number", code))
}

/// Looks the visitor up in ГБД ФЛ or ГБД ЮЛ (process 5: "the data cannot be
/// obtained" when the registry does not know them). Each lookup is in the
/// audit log: it reads a person's data.
pub async fn lookup(app: &App, user: &users::Model, q: &LookupQuery) -> AppResult<RegistryRecord> {
    channel_for(user)?;
    let id = parse_id(q.kind, &q.id_number)?;
    let found = app.registries.lookup(&id).await;
    let outcome = match &found {
        Ok(_) => "found",
        Err(RegistryError::NotFound) => "not found",
        Err(_) => "unavailable",
    };
    audit::record(
        app,
        Some(user.id),
        "registry_lookup",
        None,
        &format!("{} {outcome}", masked(&id)),
    )
    .await?;
    found.map_err(registry_failure)
}

/// A number with its middle hidden, for the log.
pub fn masked(id: &TaxId) -> String {
    match id {
        TaxId::Iin(i) => i.masked(),
        TaxId::Bin(b) => b.as_string(),
    }
}
