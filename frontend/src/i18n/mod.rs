//! The i18n layer: flat key → text tables per language in `locales/*.json`.
//! Trunk copies them to `/locales/`; the app fetches only the language it
//! shows (before it mounts, and again when the user switches), so a visit
//! downloads one table, not three. `t("key")` gives a reactive text that
//! follows the current language.

use std::collections::HashMap;
use std::sync::OnceLock;

use leptos::prelude::*;
use shared::eds::EdsCode;
use shared::{ErrorCode, FieldCode, Lang};

type Table = HashMap<String, String>;

/// One slot per language, filled once by [`load`].
static TABLES: [OnceLock<Table>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];

fn slot(lang: Lang) -> &'static OnceLock<Table> {
    match lang {
        Lang::Kk => &TABLES[0],
        Lang::Ru => &TABLES[1],
        Lang::En => &TABLES[2],
    }
}

/// Why a language's table could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadFailed;

/// Fetches `lang`'s table from `/locales/` unless it is already here; one
/// retry, since a language switch on a flaky mobile network should not fail
/// on the first lost packet.
pub async fn load(lang: Lang) -> Result<(), LoadFailed> {
    if slot(lang).get().is_some() {
        return Ok(());
    }
    let url = format!("/locales/{}.json", lang.code());
    for _ in 0..2 {
        let Ok(response) = gloo_net::http::Request::get(&url).send().await else {
            continue;
        };
        if !response.ok() {
            continue;
        }
        if let Ok(table) = response.json::<Table>().await {
            // A concurrent load of the same language may have won; same table.
            let _ = slot(lang).set(table);
            return Ok(());
        }
    }
    Err(LoadFailed)
}

/// The text of `key` in `lang`; the key itself when missing (a test forbids that).
pub fn lookup(lang: Lang, key: &str) -> String {
    slot(lang)
        .get()
        .and_then(|table| table.get(key))
        .cloned()
        .unwrap_or_else(|| key.to_owned())
}

/// Replaces `{name}` placeholders.
pub fn fill(mut text: String, args: &[(&str, String)]) -> String {
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// The current language, shared through the context.
#[derive(Clone, Copy, Debug)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
    /// The language the user asked for whose table could not be fetched;
    /// the page stays in the current one and says so.
    pub switch_failed: RwSignal<Option<Lang>>,
}

const STORAGE_KEY: &str = "lang";

/// The remembered language, else the browser's, else Russian.
pub fn initial_lang() -> Lang {
    let stored = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|c| Lang::parse(&c));
    let browser = web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|l| Lang::parse(l.split('-').next().unwrap_or_default()));
    stored.or(browser).unwrap_or_default()
}

impl I18n {
    /// Starts in `lang`, whose table [`load`] has fetched.
    pub fn new(lang: Lang) -> I18n {
        let i18n = I18n {
            lang: RwSignal::new(lang),
            switch_failed: RwSignal::new(None),
        };
        Effect::new(move |_| {
            let lang = i18n.lang.get();
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                let _ = root.set_attribute("lang", lang.code());
            }
            if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                doc.set_title(&lookup(lang, "app.title"));
            }
        });
        i18n
    }

    /// Switches to `lang` once its table is here, and remembers it.
    pub fn set(&self, lang: Lang) {
        let this = *self;
        leptos::task::spawn_local(async move {
            match load(lang).await {
                Ok(()) => {
                    this.switch_failed.set(None);
                    this.lang.set(lang);
                    if let Some(s) = storage() {
                        let _ = s.set_item(STORAGE_KEY, lang.code());
                    }
                }
                Err(LoadFailed) => this.switch_failed.set(Some(lang)),
            }
        });
    }

    pub fn t(&self, key: &str) -> String {
        lookup(self.lang.get(), key)
    }

    pub fn tf(&self, key: &str, args: &[(&str, String)]) -> String {
        fill(self.t(key), args)
    }

    /// A localized message for an API error code.
    pub fn error(&self, code: &ErrorCode) -> String {
        let args = match code {
            ErrorCode::TooManyAttempts { retry_after_secs } => {
                vec![("minutes", retry_after_secs.div_ceil(60).to_string())]
            }
            ErrorCode::FileTooLarge { max } | ErrorCode::RequestFilesTooLarge { max } => {
                vec![("mb", (max / (1024 * 1024)).to_string())]
            }
            ErrorCode::TooManyFiles { max } | ErrorCode::FileNameTooLong { max } => {
                vec![("max", max.to_string())]
            }
            _ => vec![],
        };
        if let ErrorCode::SignatureRejected { reason } = code {
            return self.eds(reason);
        }
        self.tf(&format!("error.{}", code.code()), &args)
    }

    /// Why a keystore or a signature was refused.
    pub fn eds(&self, code: &EdsCode) -> String {
        self.t(&format!("eds.{}", code.code()))
    }

    /// A localized message for a field error code.
    pub fn field(&self, code: &FieldCode) -> String {
        let args = match code {
            FieldCode::Length { expected } => vec![("expected", expected.to_string())],
            FieldCode::TooShort { min } => vec![("min", min.to_string())],
            FieldCode::TooLong { max } => vec![("max", max.to_string())],
            FieldCode::Range { min, max } => {
                vec![("min", min.to_string()), ("max", max.to_string())]
            }
            _ => vec![],
        };
        self.tf(&format!("field.{}", code.code()), &args)
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A reactive text for `key`, for use in views and attributes.
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let i18n = use_i18n();
    move || i18n.t(key)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    const KK: &str = include_str!("../../locales/kk.json");
    const RU: &str = include_str!("../../locales/ru.json");
    const EN: &str = include_str!("../../locales/en.json");

    fn table(lang: Lang) -> &'static Table {
        let src = match lang {
            Lang::Kk => KK,
            Lang::Ru => RU,
            Lang::En => EN,
        };
        slot(lang).get_or_init(|| serde_json::from_str(src).expect("valid JSON"))
    }

    fn keys(src: &str) -> BTreeSet<String> {
        serde_json::from_str::<Table>(src)
            .expect("valid JSON")
            .into_keys()
            .collect()
    }

    #[test]
    fn every_language_has_every_key_and_no_empty_text() {
        let ru = keys(RU);
        for (name, src) in [("kk", KK), ("en", EN)] {
            let other = keys(src);
            let missing: Vec<_> = ru.difference(&other).collect();
            let extra: Vec<_> = other.difference(&ru).collect();
            assert!(missing.is_empty(), "{name} lacks {missing:?}");
            assert!(extra.is_empty(), "{name} has keys ru lacks: {extra:?}");
        }
        for lang in Lang::ALL {
            for (k, v) in table(lang) {
                assert!(!v.trim().is_empty(), "{}: {k} is empty", lang.code());
            }
        }
    }

    #[test]
    fn every_error_and_field_code_is_translated() {
        for lang in Lang::ALL {
            for code in ErrorCode::ALL_CODES {
                assert!(
                    table(lang).contains_key(&format!("error.{code}")),
                    "{}: error.{code}",
                    lang.code()
                );
            }
            for code in EdsCode::ALL_CODES {
                assert!(
                    table(lang).contains_key(&format!("eds.{code}")),
                    "{}: eds.{code}",
                    lang.code()
                );
            }
            for code in FieldCode::ALL_CODES {
                assert!(
                    table(lang).contains_key(&format!("field.{code}")),
                    "{}: field.{code}",
                    lang.code()
                );
            }
        }
    }

    /// Every `t("…")`, `.t("…")` and `.tf("…"` key used in the source exists.
    #[test]
    fn every_key_used_in_the_source_exists() {
        let mut used = BTreeSet::new();
        // Cargo's directory at run time: a test binary reused from another
        // checkout of the same sources (a shared target folder) still reads
        // this one.
        let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(
            || env!("CARGO_MANIFEST_DIR").into(),
            std::path::PathBuf::from,
        );
        let mut stack = vec![manifest.join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("src").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let src = std::fs::read_to_string(&path).expect("read");
                    for marker in ["t(\"", "tf(\"", "label=\"", "hint=\""] {
                        for piece in src.split(marker).skip(1) {
                            if let Some(end) = piece.find('"') {
                                let key = &piece[..end];
                                if key.contains('.') && !key.contains(' ') && !key.ends_with('.') {
                                    used.insert(key.to_owned());
                                }
                            }
                        }
                    }
                }
            }
        }
        assert!(
            used.len() > 50,
            "the scan found too few keys: {}",
            used.len()
        );
        let ru = keys(RU);
        let missing: Vec<_> = used.iter().filter(|k| !ru.contains(*k)).collect();
        assert!(
            missing.is_empty(),
            "keys used but not translated: {missing:?}"
        );
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill("at least {min} characters".into(), &[("min", "8".into())]),
            "at least 8 characters"
        );
    }
}
