//! How values are shown: dates in the browser's time zone and the i18n keys
//! of the statuses, request types and other enums the pages name.

use shared::catalog::{Eligibility, RequestType};
use shared::request::{LicenseStatus, RequestStatus};

/// `2026-11-23T12:30:00Z` in the browser's time zone: `23.11.2026 17:30`.
pub fn local_time(rfc3339: &str) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if d.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    shown(&d)
}

/// Unix seconds in the browser's time zone, as [`local_time`].
pub fn local_secs(secs: u64) -> String {
    shown(&js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        secs as f64 * 1000.0,
    )))
}

fn shown(d: &js_sys::Date) -> String {
    format!(
        "{:02}.{:02}.{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// `2026-12-14` as `14.12.2026`.
pub fn day(date: &shared::calendar::Date) -> String {
    date.dotted()
}

/// The i18n key of a request's status.
pub fn status_key(s: RequestStatus) -> &'static str {
    match s {
        RequestStatus::Draft => "status.draft",
        RequestStatus::AwaitingPayment => "status.awaiting_payment",
        RequestStatus::AwaitingSignature => "status.awaiting_signature",
        RequestStatus::Submitted => "status.submitted",
        RequestStatus::InReview => "status.in_review",
        RequestStatus::Hearing => "status.hearing",
        RequestStatus::AwaitingDocuments => "status.awaiting_documents",
        RequestStatus::Approved => "status.approved",
        RequestStatus::Refused => "status.refused",
    }
}

/// The i18n key of why the system left a request to a person.
pub fn manual_reason_key(r: shared::review::ManualReason) -> &'static str {
    use shared::review::ManualReason;
    match r {
        ManualReason::NotInRegistry => "review.manual.not_in_registry",
        ManualReason::RegistryUnavailable => "review.manual.registry_unavailable",
        ManualReason::OutsideServiceArea => "review.manual.outside_service_area",
        ManualReason::ClinicFull => "review.manual.clinic_full",
        ManualReason::ChangedThisYear => "review.manual.changed_this_year",
        ManualReason::SystemUnavailable => "review.manual.system_unavailable",
    }
}

/// The i18n key of a request type.
pub fn request_type_key(r: RequestType) -> &'static str {
    match r {
        RequestType::Issuance => "request_type.issuance",
        RequestType::Reissuance => "request_type.reissuance",
        RequestType::Duplicate => "request_type.duplicate",
    }
}

/// The i18n key of who may apply.
pub fn eligibility_key(e: Eligibility) -> &'static str {
    match e {
        Eligibility::IinOnly => "eligibility.iin_only",
        Eligibility::BinOnly => "eligibility.bin_only",
        Eligibility::IinOrBin => "eligibility.iin_or_bin",
    }
}

/// The i18n key of a license's status.
pub fn license_status_key(s: LicenseStatus) -> &'static str {
    match s {
        LicenseStatus::Active => "license.active",
        LicenseStatus::Reissued => "license.reissued",
        LicenseStatus::Suspended => "license.suspended",
        LicenseStatus::Terminated => "license.terminated",
    }
}
