//! The texts' tests: every key in all three languages, every code translated.

use std::collections::{BTreeSet, HashMap};

use super::*;

const FIRST: [(&str, &str); 3] = [
    ("kk", include_str!("../../locales/kk.json")),
    ("ru", include_str!("../../locales/ru.json")),
    ("en", include_str!("../../locales/en.json")),
];
const PAGES: [(&str, &str); 3] = [
    ("kk", include_str!("../../locales/pages/kk.json")),
    ("ru", include_str!("../../locales/pages/ru.json")),
    ("en", include_str!("../../locales/pages/en.json")),
];

/// Both parts of `lang`'s texts, parsed once into the app's own slots.
fn table(lang: Lang) -> HashMap<String, String> {
    let index = match lang {
        Lang::Kk => 0,
        Lang::Ru => 1,
        Lang::En => 2,
    };
    let mut both = HashMap::new();
    for (part, files) in [(Part::First, FIRST), (Part::Pages, PAGES)] {
        let parsed = slot(part, lang)
            .get_or_init(|| serde_json::from_str(files[index].1).expect("valid JSON"));
        both.extend(parsed.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    both
}

fn keys(src: &str) -> BTreeSet<String> {
    serde_json::from_str::<Table>(src)
        .expect("valid JSON")
        .iter()
        .map(|(k, _)| k.clone())
        .collect()
}

#[test]
fn every_language_has_every_key_of_each_part_and_no_empty_text() {
    for files in [FIRST, PAGES] {
        let ru = keys(files[1].1);
        for (name, src) in files {
            let other = keys(src);
            let missing: Vec<_> = ru.difference(&other).collect();
            let extra: Vec<_> = other.difference(&ru).collect();
            assert!(missing.is_empty(), "{name} lacks {missing:?}");
            assert!(extra.is_empty(), "{name} has keys ru lacks: {extra:?}");
        }
    }
    for lang in Lang::ALL {
        for (k, v) in table(lang) {
            assert!(!v.trim().is_empty(), "{}: {k} is empty", lang.code());
        }
    }
}

#[test]
fn no_key_is_in_both_parts() {
    let (first, pages) = (keys(FIRST[1].1), keys(PAGES[1].1));
    let both: Vec<_> = first.intersection(&pages).collect();
    assert!(both.is_empty(), "in both parts: {both:?}");
    assert!(
        first.len() > 20 && pages.len() > 100,
        "{} and {}",
        first.len(),
        pages.len()
    );
}

/// The app's main module (the shell, the catalog, the failures and the
/// not-found page) shows only texts of the first part: those are the
/// ones here before it mounts.
#[test]
fn the_first_paint_needs_only_the_first_part() {
    let first = keys(FIRST[1].1);
    let all: BTreeSet<String> = table(Lang::Ru).into_keys().collect();
    let format = std::fs::read_to_string(source_dir().join("format.rs")).expect("read");
    let mut helper_keys = 0;
    for file in [
        "app/mod.rs",
        "app/texts.rs",
        "app/routes.rs",
        "components/header/mod.rs",
        "components/header/account.rs",
        "components/header/lang.rs",
        "components/footer.rs",
        "components/status.rs",
        "pages/catalog.rs",
        "pages/not_found.rs",
    ] {
        let src = std::fs::read_to_string(source_dir().join(file)).expect("read");
        let outside: Vec<_> = quoted(&src)
            .filter(|k| all.contains(*k) && !first.contains(*k))
            .collect();
        assert!(
            outside.is_empty(),
            "{file} shows {outside:?}, not in the first part"
        );
        // The keys it takes from `format.rs` (e.g. the catalog's
        // eligibility): each of them in the first part.
        for (helper, body) in format_helpers(&src, &format) {
            let keys: Vec<_> = quoted(body)
                .filter(|k| k.contains('.') && !k.contains(' '))
                .collect();
            helper_keys += keys.len();
            let missing: Vec<_> = keys.into_iter().filter(|k| !first.contains(*k)).collect();
            assert!(
                missing.is_empty(),
                "{file} shows format::{helper}'s {missing:?}, not in the first part"
            );
        }
    }
    // The catalog names who may apply through `format::eligibility_key`.
    assert!(
        helper_keys >= 3,
        "the scan found {helper_keys} format.rs keys"
    );
    for code in ["network", "request_id", "internal", "unavailable"] {
        assert!(first.contains(&format!("error.{code}")), "error.{code}");
    }
}

/// (name, body) of each `format.rs` function that `src` names through
/// `crate::format::` (a `use` of one or of a `{…}` list, or a call).
fn format_helpers<'a>(src: &str, format: &'a str) -> Vec<(String, &'a str)> {
    let ident = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = BTreeSet::new();
    for piece in src.split("crate::format::").skip(1) {
        match piece.strip_prefix('{') {
            Some(list) => {
                let list = list.split('}').next().unwrap_or_default();
                names.extend(list.split(',').map(ident));
            }
            None => {
                names.insert(ident(piece));
            }
        }
    }
    names.remove("");
    names
        .into_iter()
        .map(|name| {
            let start = format
                .find(&format!("pub fn {name}("))
                .unwrap_or_else(|| panic!("format.rs has no `pub fn {name}(`"));
            let len = format[start..]
                .find("\n}\n")
                .map_or(format.len() - start, |e| e + 3);
            (name, &format[start..start + len])
        })
        .collect()
}

/// Every `"…"` string literal in `src`.
fn quoted(src: &str) -> impl Iterator<Item = &str> {
    src.split('"').skip(1).step_by(2)
}

/// `src/` of this checkout: Cargo's directory at run time, so a test
/// binary reused from another checkout of the same sources (a shared
/// target folder) still reads this one.
fn source_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(
            || env!("CARGO_MANIFEST_DIR").into(),
            std::path::PathBuf::from,
        )
        .join("src")
}

#[test]
fn every_error_and_field_code_is_translated() {
    for lang in Lang::ALL {
        let table = table(lang);
        for code in ErrorCode::ALL_CODES {
            assert!(
                table.contains_key(&format!("error.{code}")),
                "{}: error.{code}",
                lang.code()
            );
        }
        for code in EdsCode::ALL_CODES {
            assert!(
                table.contains_key(&format!("eds.{code}")),
                "{}: eds.{code}",
                lang.code()
            );
        }
        for code in FieldCode::ALL_CODES {
            assert!(
                table.contains_key(&format!("field.{code}")),
                "{}: field.{code}",
                lang.code()
            );
        }
        // The validation report's indications, each in words.
        use shared::eds::validation::{Indication, RevocationSource, SignerRole, SubIndication};
        let roles = [
            SignerRole::Individual,
            SignerRole::LegalEntity,
            SignerRole::Head,
            SignerRole::SigningRight,
            SignerRole::Employee,
            SignerRole::InformationSystem,
        ];
        let sources = [RevocationSource::Ocsp, RevocationSource::Crl];
        let indications = [
            Indication::TotalPassed,
            Indication::TotalFailed,
            Indication::Indeterminate,
        ];
        let keys = indications
            .iter()
            .map(|i| format!("validate.indication.{}", i.code()))
            .chain(
                SubIndication::ALL
                    .iter()
                    .map(|s| format!("validate.sub.{}", s.code())),
            )
            .chain(roles.iter().map(|r| format!("validate.role.{}", r.code())))
            .chain(
                sources
                    .iter()
                    .map(|s| format!("validate.source.{}", s.code())),
            );
        for key in keys {
            assert!(table.contains_key(&key), "{}: {key}", lang.code());
        }
    }
}

/// Every `t("…")`, `.t("…")` and `.tf("…"` key used in the source exists.
#[test]
fn every_key_used_in_the_source_exists() {
    let mut used = BTreeSet::new();
    let mut stack = vec![source_dir()];
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
    let ru = table(Lang::Ru);
    let missing: Vec<_> = used.iter().filter(|k| !ru.contains_key(*k)).collect();
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
