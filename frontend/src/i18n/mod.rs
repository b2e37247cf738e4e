//! The i18n layer: flat key → text tables per language, in two parts.
//! `locales/<lang>.json` holds what the first paint needs (the shell, the
//! catalog, the common failures); `locales/pages/<lang>.json` everything
//! else. Trunk copies both to `/locales/`. The app fetches the current
//! language's first part before it mounts, and its pages part when a page
//! other than the catalog first opens (alongside that page's code), so a
//! visit downloads one language, and a visit to the catalog only its first
//! part. `t("key")` gives a reactive text that follows the current language
//! and the arrival of the pages part.

use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use shared::eds::EdsCode;
use shared::{ErrorCode, FieldCode, Lang};

/// One part of one language's texts: pairs sorted by key, looked up by
/// binary search. Not a `HashMap`: the app needs no hashing anywhere else,
/// and its code (SipHash, the table's probing) would sit in the main module
/// the first download carries.
#[derive(Debug, Default)]
struct Table(Vec<(String, String)>);

impl Table {
    fn get(&self, key: &str) -> Option<&String> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|at| &self.0[at].1)
    }

    #[cfg(test)]
    fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<'de> serde::Deserialize<'de> for Table {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> serde::de::Visitor<'de> for Pairs {
            type Value = Table;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of texts")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Table, A::Error> {
                let mut pairs = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some(pair) = map.next_entry::<String, String>()? {
                    pairs.push(pair);
                }
                pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                Ok(Table(pairs))
            }
        }
        deserializer.deserialize_map(Pairs)
    }
}

/// The two parts of a language's texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// The shell's and the catalog's texts: fetched before the app mounts.
    First,
    /// The other pages' texts: fetched when one of them first opens.
    Pages,
}

/// One slot per part and language, each filled once by [`fetch`].
static TABLES: [[OnceLock<Table>; 3]; 2] = [
    [OnceLock::new(), OnceLock::new(), OnceLock::new()],
    [OnceLock::new(), OnceLock::new(), OnceLock::new()],
];

/// Whether a page has asked for the pages part: from then on a language
/// switch fetches both parts before it shows the new language.
static PAGES_WANTED: AtomicBool = AtomicBool::new(false);

fn slot(part: Part, lang: Lang) -> &'static OnceLock<Table> {
    let by_lang = match part {
        Part::First => &TABLES[0],
        Part::Pages => &TABLES[1],
    };
    match lang {
        Lang::Kk => &by_lang[0],
        Lang::Ru => &by_lang[1],
        Lang::En => &by_lang[2],
    }
}

/// Why a language's table could not be loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadFailed;

/// Fetches one part of `lang`'s texts unless it is already here; one retry,
/// since a language switch on a flaky mobile network should not fail on the
/// first lost packet.
async fn fetch(part: Part, lang: Lang) -> Result<(), LoadFailed> {
    if slot(part, lang).get().is_some() {
        return Ok(());
    }
    let url = match part {
        Part::First => format!("/locales/{}.json", lang.code()),
        Part::Pages => format!("/locales/pages/{}.json", lang.code()),
    };
    for _ in 0..2 {
        let Ok(response) = gloo_net::http::Request::get(&url).send().await else {
            continue;
        };
        if !response.ok() {
            continue;
        }
        if let Ok(table) = response.json::<Table>().await {
            // A concurrent load of the same part may have won; same table.
            let _ = slot(part, lang).set(table);
            return Ok(());
        }
    }
    Err(LoadFailed)
}

/// Fetches what the first paint in `lang` needs (see `main`).
pub async fn load(lang: Lang) -> Result<(), LoadFailed> {
    fetch(Part::First, lang).await
}

/// The text of `key` in `lang`, if that part of the texts is here.
fn find(lang: Lang, key: &str) -> Option<String> {
    [Part::First, Part::Pages]
        .into_iter()
        .find_map(|part| slot(part, lang).get().and_then(|table| table.get(key)))
        .cloned()
}

/// The text of `key` in `lang`; the key itself when missing (a test forbids
/// that for loaded tables).
pub fn lookup(lang: Lang, key: &str) -> String {
    find(lang, key).unwrap_or_else(|| key.to_owned())
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
    /// The current language's pages part.
    pages: RwSignal<PagesPart>,
}

/// Where the current language's pages part is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PagesPart {
    /// Not asked for yet: only the shell and the catalog have been shown.
    NotWanted,
    Fetching,
    Here,
    /// Could not be fetched (twice); asking again retries.
    Failed,
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
    /// Starts in `lang`, whose first part [`load`] has fetched.
    pub fn new(lang: Lang) -> I18n {
        let i18n = I18n {
            lang: RwSignal::new(lang),
            switch_failed: RwSignal::new(None),
            pages: RwSignal::new(PagesPart::NotWanted),
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

    /// Switches to `lang` once its texts are here (both parts, if a page
    /// has needed the second), and remembers it.
    pub fn set(&self, lang: Lang) {
        let this = *self;
        leptos::task::spawn_local(async move {
            let mut fetched = fetch(Part::First, lang).await;
            if fetched.is_ok() && PAGES_WANTED.load(Ordering::Relaxed) {
                fetched = fetch(Part::Pages, lang).await;
            }
            match fetched {
                Ok(()) => {
                    this.switch_failed.set(None);
                    this.lang.set(lang);
                    this.pages.set(if slot(Part::Pages, lang).get().is_some() {
                        PagesPart::Here
                    } else {
                        PagesPart::NotWanted
                    });
                    if let Some(s) = storage() {
                        let _ = s.set_item(STORAGE_KEY, lang.code());
                    }
                }
                Err(LoadFailed) => this.switch_failed.set(Some(lang)),
            }
        });
    }

    /// Where the current language's pages part is.
    pub fn pages(&self) -> PagesPart {
        self.pages.get()
    }

    /// Starts fetching the current language's pages part unless it is here
    /// or on its way.
    pub fn want_pages(&self) {
        PAGES_WANTED.store(true, Ordering::Relaxed);
        let lang = self.lang.get_untracked();
        if slot(Part::Pages, lang).get().is_some() {
            if self.pages.get_untracked() != PagesPart::Here {
                self.pages.set(PagesPart::Here);
            }
            return;
        }
        if self.pages.get_untracked() == PagesPart::Fetching {
            return;
        }
        self.pages.set(PagesPart::Fetching);
        let this = *self;
        leptos::task::spawn_local(async move {
            let fetched = fetch(Part::Pages, lang).await;
            // A switch meanwhile has set the state for its own language.
            if this.lang.get_untracked() == lang {
                this.pages.set(match fetched {
                    Ok(()) => PagesPart::Here,
                    Err(LoadFailed) => PagesPart::Failed,
                });
            }
        });
    }

    /// The text of `key` in the current language. A key of the pages part
    /// asked for before that part is here (an error code on the catalog,
    /// say) fetches it, and the text follows when it arrives.
    pub fn t(&self, key: &str) -> String {
        let lang = self.lang.get();
        if let Some(text) = find(lang, key) {
            return text;
        }
        // Not after a failure: the page's own retry asks again, not every
        // text that re-renders.
        if self.pages.get() == PagesPart::NotWanted {
            self.want_pages();
        }
        key.to_owned()
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
mod tests;
