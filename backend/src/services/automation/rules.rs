//! The rules under which the system decides a PHC attachment itself, one
//! per item of the service's checklist, each confirmed from a source the
//! system holds or asks:
//!
//! - `identity`: the applicant's ИИН is in ГБД ФЛ;
//! - `service_area`: by the place of residence, the address ГБД ФЛ has
//!   registered names the organization's town or district; by the place of
//!   work or study, by free choice or after a move, the choice is the
//!   person's (the rules of attachment allow it);
//! - `capacity`: the organization has a free place;
//! - `single_attachment`: the person has not chosen another organization
//!   within the last year, unless after a move (free choice is once a
//!   year).
//!
//! A rule the system cannot confirm leaves the request to a person, with
//! the reason ([`ManualReason`]); the system never refuses.

use chrono::{Duration, Utc};
use shared::catalog::{ProviderDto, ServiceDetail};
use shared::review::{ChecklistMark, ManualReason};
use shared::{Iin, Lang, TaxId};

use crate::adapters::state_registries::RegistryError;
use crate::app::App;
use crate::db::entities::{requests, users};
use crate::error::AppResult;
use crate::services::core::model::answers_of;
use crate::services::registry::clinics;

/// Attaching by the place of residence: the address is checked.
const REASON_RESIDENCE: &str = "residence";
/// After a move, the once-a-year limit does not apply.
const REASON_MOVED: &str = "moved";

/// The town or district a provider's district names, without its kind
/// («Ақтау қаласы» → «Ақтау», «Бейнеу ауданы» → «Бейнеу»).
pub fn settlement(provider: &ProviderDto) -> &str {
    let district = provider.district.get(Lang::Kk).trim();
    ["қаласы", "ауданы", "ауылы", "кенті"]
        .iter()
        .find_map(|kind| district.strip_suffix(kind))
        .map_or(district, str::trim_end)
}

/// Whether a registered `address` lies in `provider`'s town or district.
pub fn in_service_area(address: &str, provider: &ProviderDto) -> bool {
    let place = settlement(provider).to_lowercase();
    !place.is_empty() && address.to_lowercase().contains(&place)
}

fn mark(code: &str, comment: String) -> ChecklistMark {
    ChecklistMark {
        code: code.to_owned(),
        met: true,
        comment,
    }
}

/// Every checklist item met, with what confirmed it; or why a person has
/// to decide.
pub async fn judge(
    app: &App,
    detail: &ServiceDetail,
    owner: &users::Model,
    model: &requests::Model,
) -> AppResult<Result<Vec<ChecklistMark>, ManualReason>> {
    let Some(provider) = detail
        .providers
        .iter()
        .find(|p| Some(&p.code) == model.provider_code.as_ref())
    else {
        return Ok(Err(ManualReason::SystemUnavailable));
    };
    let Ok(iin) = Iin::parse(&owner.id_number) else {
        return Ok(Err(ManualReason::NotInRegistry));
    };
    let person = match app.registries.lookup(&TaxId::Iin(iin)).await {
        Ok(shared::desk::RegistryRecord::Person(p)) => p,
        Ok(_) | Err(RegistryError::NotFound) => return Ok(Err(ManualReason::NotInRegistry)),
        Err(e) => {
            tracing::warn!(error = %e, request_id = model.id, "ГБД ФЛ unanswered: left to a person");
            return Ok(Err(ManualReason::RegistryUnavailable));
        }
    };
    let answers = answers_of(model)?;
    let reason = answers.get("reason").map(String::as_str);
    if reason == Some(REASON_RESIDENCE) && !in_service_area(&person.address, provider) {
        return Ok(Err(ManualReason::OutsideServiceArea));
    }
    let attached = clinics::attached(&app.db.read, &provider.code).await?;
    let capacity = provider.capacity.unwrap_or(0);
    if attached >= capacity {
        return Ok(Err(ManualReason::ClinicFull));
    }
    let current = clinics::current_row(&app.db.read, owner.id).await?;
    let year_ago = Utc::now() - Duration::days(365);
    if reason != Some(REASON_MOVED)
        && current
            .as_ref()
            .is_some_and(|c| c.since.with_timezone(&Utc) > year_ago)
    {
        return Ok(Err(ManualReason::ChangedThisYear));
    }
    let mut marks = Vec::with_capacity(detail.checklist.len());
    for item in &detail.checklist {
        let comment = match item.code.as_str() {
            "identity" => format!("ЖТ ММБ / ГБД ФЛ: {}", person.full_name()),
            "service_area" if reason == Some(REASON_RESIDENCE) => person.address.clone(),
            "service_area" => String::new(),
            "capacity" => format!("{} / {capacity}", attached + 1),
            "single_attachment" => current
                .as_ref()
                .map(|c| c.provider_code.clone())
                .unwrap_or_default(),
            // An item these rules do not know: a person checks it.
            _ => return Ok(Err(ManualReason::SystemUnavailable)),
        };
        marks.push(mark(&item.code, comment));
    }
    Ok(Ok(marks))
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::i18n::Text;

    fn provider(district: &str) -> ProviderDto {
        ProviderDto {
            code: "p".into(),
            name: Text::default(),
            region: "mangistau".into(),
            district: Text {
                kk: district.into(),
                ..Text::default()
            },
            address: Text::default(),
            phone: String::new(),
            hours: Text::default(),
            capacity: Some(1),
        }
    }

    #[test]
    fn the_settlement_is_the_district_without_its_kind() {
        assert_eq!(settlement(&provider("Ақтау қаласы")), "Ақтау");
        assert_eq!(settlement(&provider("Бейнеу ауданы")), "Бейнеу");
        assert_eq!(settlement(&provider("Ақтау")), "Ақтау");
        let aktau = provider("Ақтау қаласы");
        assert!(in_service_area(
            "Маңғыстау облысы, Ақтау қ., 12 ш/а, 5 үй",
            &aktau
        ));
        assert!(!in_service_area(
            "Маңғыстау облысы, Жаңаөзен қ., Самал ш/а",
            &aktau
        ));
        assert!(!in_service_area("Ақтау", &provider(" ")));
    }
}
