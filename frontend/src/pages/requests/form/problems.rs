//! The problems the server finds in a request form: each field's, and the
//! summary over them at the top of the form.

use crate::i18n::{t, use_i18n};
use leptos::prelude::*;
use shared::{FieldCode, Text};

/// The form's problems, by field key (`doc.…` a document, `paper.…` a paper
/// original at a desk).
#[derive(Clone, Copy)]
pub struct Problems {
    pub(super) all: RwSignal<shared::FieldErrors>,
    /// Until the user asks to check the form, only answers given are judged.
    pub(super) show_missing: RwSignal<bool>,
}

impl Problems {
    /// The problems of `codes` shown now: a missing answer only once the
    /// user asked to check the form.
    pub fn visible(self, codes: &[FieldCode]) -> Vec<FieldCode> {
        codes
            .iter()
            .filter(|c| self.show_missing.get() || **c != FieldCode::Required)
            .cloned()
            .collect()
    }

    /// The codes (without `doc.`) of the documents still missing, once the
    /// user asked to check the form.
    pub fn missing_docs(self) -> Signal<Vec<String>> {
        Signal::derive(move || {
            if !self.show_missing.get() {
                return Vec::new();
            }
            self.all.with(|p| {
                p.keys()
                    .filter_map(|k| k.strip_prefix("doc.").map(str::to_owned))
                    .collect()
            })
        })
    }

    /// The problems shown for field `key`.
    pub fn errors_of(self, key: String) -> Signal<Vec<FieldCode>> {
        Signal::derive(move || {
            self.all
                .with(|p| p.get(&key).map(|c| self.visible(c)).unwrap_or_default())
        })
    }
}

/// The list of problems at the top of the form, each a link to its field:
/// the license and provider, then the answers and documents (`labels`),
/// then at a desk the paper originals (`paper_docs`).
#[component]
pub fn ProblemSummary(
    problems: Problems,
    labels: StoredValue<Vec<(String, Text)>>,
    paper_docs: StoredValue<Vec<(String, Text)>>,
    at_desk: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang.get();
    let summary = move || {
        let p = problems.all.get();
        let mut items = Vec::new();
        for (key, label) in [
            ("provider", "request.provider"),
            ("license", "request.license"),
        ] {
            if let Some(codes) = p.get(key) {
                let codes = problems.visible(codes);
                if !codes.is_empty() {
                    items.push((key.to_owned(), i18n.t(label), codes));
                }
            }
        }
        labels.with_value(|labels| {
            for (key, label) in labels {
                if let Some(codes) = p.get(key) {
                    let codes = problems.visible(codes);
                    if !codes.is_empty() {
                        items.push((key.clone(), label.get(lang()).to_owned(), codes));
                    }
                }
            }
        });
        if at_desk {
            paper_docs.with_value(|docs| {
                for (code, name) in docs {
                    let key = format!("paper.{code}");
                    if let Some(codes) = p.get(&key) {
                        let codes = problems.visible(codes);
                        if !codes.is_empty() {
                            let label =
                                format!("{} — {}", i18n.t("desk.paper_title"), name.get(lang()));
                            items.push((key, label, codes));
                        }
                    }
                }
            });
        }
        items
    };
    view! {
        <Show when=move || !summary().is_empty()>
            <div class="alert alert--error error-summary" role="alert" data-test="error-summary">
                <h2>{t("form.summary")}</h2>
                <ul>
                    {move || summary().into_iter().map(|(key, label, codes)| {
                        let text = format!("{label}: {}", codes.iter().map(|c| i18n.field(c)).collect::<Vec<_>>().join("; "));
                        view! { <li><a href=format!("#{key}")>{text}</a></li> }
                    }).collect_view()}
                </ul>
            </div>
        </Show>
    }
}
