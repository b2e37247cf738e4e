//! The request form's values: one signal per answer, the provider and the
//! license.

use leptos::prelude::*;
use shared::catalog::FieldSpec;
use shared::forms::Answers;
use shared::request::RequestDto;
use std::collections::BTreeMap;

/// The form answers a chosen license fills (shown, not typed).
pub const LICENSE_FIELDS: [&str; 2] = ["original_license_number", "original_license_date"];

/// The form's values: one signal per field, the provider and the license.
#[derive(Clone, Copy)]
pub struct Form {
    pub(super) values: StoredValue<BTreeMap<String, RwSignal<String>>>,
    pub(super) provider: RwSignal<String>,
    pub(super) license: RwSignal<String>,
}

impl Form {
    /// The values of `request` for its form's `fields`.
    pub(super) fn new(fields: &[FieldSpec], request: &RequestDto) -> Form {
        Form {
            values: StoredValue::new(
                fields
                    .iter()
                    .map(|f| {
                        let v = request.answers.get(&f.key).cloned().unwrap_or_default();
                        (f.key.clone(), RwSignal::new(v))
                    })
                    .collect(),
            ),
            provider: RwSignal::new(request.provider.clone().unwrap_or_default()),
            license: RwSignal::new(request.license.clone().unwrap_or_default()),
        }
    }

    /// The signal of field `key`'s answer.
    pub(super) fn value_of(&self, key: &str) -> RwSignal<String> {
        self.values
            .with_value(|v| v.get(key).copied())
            .unwrap_or_else(|| RwSignal::new(String::new()))
    }

    pub(super) fn answers(&self) -> Answers {
        self.values.with_value(|v| {
            v.iter()
                .map(|(k, s)| (k.clone(), s.get_untracked()))
                .filter(|(_, v)| !v.trim().is_empty())
                .collect()
        })
    }
}
