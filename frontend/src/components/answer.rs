//! Codes of the catalog as a person reads them: an answer of a request's
//! form (a choice by its label, a ticked box as "yes") and a request type
//! by the service's own name for it where it has one («Прикрепление» for a
//! clinic's issuance), never the code that is stored.

use leptos::prelude::Get;
use shared::Text;
use shared::catalog::{FieldKind, FieldSpec, RequestType};

use crate::format::request_type_key;
use crate::i18n::I18n;

/// The answer `raw` to `field`, in `i18n`'s language.
pub fn answer_text(i18n: I18n, field: &FieldSpec, raw: &str) -> String {
    match &field.kind {
        FieldKind::Select { options } => options.iter().find(|o| o.code == raw).map_or_else(
            || raw.to_owned(),
            |o| o.label.get(i18n.lang.get()).to_owned(),
        ),
        FieldKind::Checkbox if raw == "true" => i18n.t("check.yes"),
        _ => raw.to_owned(),
    }
}

/// The request type `kind` by the service's `label` for it, else by its
/// generic name.
pub fn request_type_name(i18n: I18n, kind: RequestType, label: Option<&Text>) -> String {
    label.map_or_else(
        || i18n.t(request_type_key(kind)),
        |l| l.get(i18n.lang.get()).to_owned(),
    )
}
