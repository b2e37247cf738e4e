//! The request form's values: one signal per answer, the provider and the
//! license.

use leptos::prelude::*;
use shared::forms::Answers;
use std::collections::BTreeMap;

/// The form's values: one signal per field, the provider and the license.
#[derive(Clone, Copy)]
pub struct Form {
    pub(super) values: StoredValue<BTreeMap<String, RwSignal<String>>>,
    pub(super) provider: RwSignal<String>,
    pub(super) license: RwSignal<String>,
}

impl Form {
    pub(super) fn answers(&self) -> Answers {
        self.values.with_value(|v| {
            v.iter()
                .map(|(k, s)| (k.clone(), s.get_untracked()))
                .filter(|(_, v)| !v.trim().is_empty())
                .collect()
        })
    }
}
