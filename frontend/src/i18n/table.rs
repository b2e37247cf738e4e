//! The texts themselves: each part of each language a sorted table, fetched
//! once into its slot, and the lookup over the parts that are here.

use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

use shared::Lang;

/// One part of one language's texts: pairs sorted by key, looked up by
/// binary search. Not a `HashMap`: the app needs no hashing anywhere else,
/// and its code (SipHash, the table's probing) would sit in the main module
/// the first download carries.
#[derive(Debug, Default)]
pub(super) struct Table(Vec<(String, String)>);

impl Table {
    pub(super) fn get(&self, key: &str) -> Option<&String> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|at| &self.0[at].1)
    }

    #[cfg(test)]
    pub(super) fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
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
pub(super) enum Part {
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
pub(super) static PAGES_WANTED: AtomicBool = AtomicBool::new(false);

pub(super) fn slot(part: Part, lang: Lang) -> &'static OnceLock<Table> {
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
pub(super) async fn fetch(part: Part, lang: Lang) -> Result<(), LoadFailed> {
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
pub(super) fn find(lang: Lang, key: &str) -> Option<String> {
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
