//! An answer of a request's form as a person reads it: a choice by its
//! label in the current language, a ticked box as "yes", never the code
//! the form stores.

use leptos::prelude::Get;
use shared::catalog::{FieldKind, FieldSpec};

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
