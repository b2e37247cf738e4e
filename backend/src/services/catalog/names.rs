//! The localized names of the catalog's codes, for the views that carry
//! codes (the registry, the indicators): a code is never shown, only its
//! name. A code the catalog no longer knows is named by itself.

use shared::Text;
use shared::catalog::FieldKind;

use super::lookup::Catalog;

/// `code` as the name in every language (a code the catalog lost).
fn itself(code: &str) -> Text {
    Text {
        kk: code.to_owned(),
        ru: code.to_owned(),
        en: code.to_owned(),
    }
}

impl Catalog {
    /// The service `code`'s name.
    pub fn name_of_service(&self, code: &str) -> Text {
        self.service_name(code)
            .cloned()
            .unwrap_or_else(|| itself(code))
    }

    /// The provider `code`'s name.
    pub fn name_of_provider(&self, code: &str) -> Text {
        self.provider(code)
            .map_or_else(|| itself(code), |p| p.name.clone())
    }

    /// The label of the choice `code` of the field `field` of `service`.
    pub fn name_of_choice(&self, service: &str, field: &str, code: &str) -> Text {
        self.def(service)
            .and_then(|s| s.fields.iter().find(|f| f.key == field))
            .and_then(|f| match &f.kind {
                FieldKind::Select { options } => options.iter().find(|o| o.code == code),
                _ => None,
            })
            .map_or_else(|| itself(code), |o| o.label.clone())
    }

    /// The text of the requirement `code` of `service`'s checklist.
    pub fn name_of_requirement(&self, service: &str, code: &str) -> Text {
        self.def(service)
            .and_then(|s| s.checklist.iter().find(|c| c.code == code))
            .map_or_else(|| itself(code), |c| c.text.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_code_is_named_by_itself() {
        let t = itself("gone");
        assert_eq!(
            (t.kk.as_str(), t.ru.as_str(), t.en.as_str()),
            ("gone", "gone", "gone")
        );
    }
}
