//! The page the portal serves for an app path (`/services/med-license`,
//! `/login`, …): the built `index.html`, with the files the path's page
//! needs named in its head, so the browser fetches them beside the main
//! module rather than after it has started and asked for them: the page's
//! split files, and the texts in the language the app will start in (for
//! a first visit, the browser's: `Accept-Language`, as the app reads
//! `navigator.language`; a visitor who chose another language fetches
//! that one besides). Which files
//! each page needs is the build's `dist/pkg/routes.json` (written by
//! `cargo xtask` from the splitter's loader); which page a path shows is the
//! frontend's router (`frontend/src/app/mod.rs`, checked by a test below).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use shared::Lang;

/// The pages a path shows: (path pattern, page). A `:name` segment matches
/// any one segment. The catalog (`/`) is in the main module.
const PAGES: [(&str, &str); 18] = [
    ("/services/:code", "service"),
    ("/login", "login"),
    ("/register", "register"),
    ("/register/eds", "register_eds"),
    ("/recover", "recover"),
    ("/cabinet", "cabinet"),
    ("/requests", "history"),
    ("/requests/:id", "request"),
    ("/requests/:id/check", "check"),
    ("/notifications", "notifications"),
    ("/review", "review_queue"),
    ("/review/:id", "review_request"),
    ("/desk", "desk"),
    ("/desk/receipt/:id", "receipt"),
    ("/registry", "registry"),
    ("/stats", "stats"),
    ("/verify/:number", "verify"),
    ("/validate", "validate"),
];

/// The page of `path`, if it is one of [`PAGES`].
fn page_of(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    PAGES.iter().find_map(|(pattern, page)| {
        let wanted: Vec<&str> = pattern.split('/').collect();
        (wanted.len() == segments.len()
            && wanted
                .iter()
                .zip(&segments)
                .all(|(w, s)| (w.starts_with(':') && !s.is_empty()) || w == s))
        .then_some(*page)
    })
}

/// `index.html` as served for each page, and as it is for the others.
#[derive(Debug, Clone)]
pub struct Index {
    plain: Bytes,
    /// Where the hints go: before `</head>` (the end when there is none).
    head_end: usize,
    /// Each page's hints for its split files.
    pages: Arc<HashMap<&'static str, String>>,
}

impl Index {
    /// Reads `dist`'s `index.html` and `pkg/routes.json`; without the
    /// manifest (a build without split pages) every path gets the plain page.
    pub fn load(dist: &Path) -> Result<Index, String> {
        let path = dist.join("index.html");
        let html =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let manifest = dist.join("pkg").join("routes.json");
        let files: HashMap<String, Vec<String>> = match std::fs::read(&manifest) {
            Ok(json) => {
                serde_json::from_slice(&json).map_err(|e| format!("{}: {e}", manifest.display()))?
            }
            Err(_) => HashMap::new(),
        };
        let mut pages = HashMap::new();
        for (_, page) in PAGES {
            if let Some(files) = files.get(page) {
                pages.insert(page, split_hints(files));
            }
        }
        Ok(Index {
            head_end: html.find("</head>").unwrap_or(html.len()),
            plain: Bytes::from(html),
            pages: Arc::new(pages),
        })
    }

    /// The page for `uri`, asked for with `headers`.
    pub fn serve(&self, uri: &Uri, headers: &HeaderMap) -> Response {
        let page = page_of(uri.path());
        let lang = first_lang(headers);
        // The catalog needs only the first part of the texts; any other
        // page the pages' part too.
        let mut hints = text_hint(&format!("/locales/{}.json", lang.code()));
        if uri.path() != "/" {
            hints.push_str(&text_hint(&format!("/locales/pages/{}.json", lang.code())));
        }
        if let Some(split) = page.and_then(|p| self.pages.get(p)) {
            hints.push_str(split);
        }
        let html = &self.plain[..];
        let mut body = Vec::with_capacity(html.len() + hints.len());
        body.extend_from_slice(&html[..self.head_end]);
        body.extend_from_slice(hints.as_bytes());
        body.extend_from_slice(&html[self.head_end..]);
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            )],
            body,
        )
            .into_response()
    }
}

/// The language the app starts in on a first visit: the first of
/// `Accept-Language` it has, else its default.
fn first_lang(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .and_then(|tag| Lang::parse(tag.split([';', '-']).next().unwrap_or_default()))
        .unwrap_or_default()
}

/// A preload of a texts file, fetched as the app fetches it.
fn text_hint(path: &str) -> String {
    format!("<link as=fetch crossorigin href={path} rel=preload type=application/json>")
}

/// A preload of each of `files` (in `/pkg/`), fetched as the splitter's
/// loader fetches them (`fetch`, same origin).
fn split_hints(files: &[String]) -> String {
    let mut hints = String::from("<link crossorigin href=/pkg/__wasm_split.js rel=modulepreload>");
    for file in files {
        hints.push_str(&format!(
            "<link as=fetch crossorigin href=/pkg/{file} rel=preload type=application/wasm>"
        ));
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_shows_the_page_of_its_pattern() {
        assert_eq!(page_of("/services/med-license"), Some("service"));
        assert_eq!(page_of("/requests/12/check"), Some("check"));
        assert_eq!(page_of("/requests/12"), Some("request"));
        assert_eq!(page_of("/requests/"), Some("history"));
        assert_eq!(page_of("/register/eds"), Some("register_eds"));
        assert_eq!(page_of("/"), None);
        assert_eq!(page_of("/services"), None);
        assert_eq!(page_of("/services//x"), None);
    }

    /// The table is the frontend router's: every lazy route there, with its
    /// path, is here with the page the splitter names after it.
    #[test]
    fn the_pages_are_the_frontend_routers() {
        let router = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../frontend/src/app/mod.rs"
        ))
        .expect("the frontend's router");
        let mut found = Vec::new();
        for line in router.lines().filter(|l| l.contains("Lazy::<")) {
            let path = line
                .split("path!(\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .expect("a path");
            let route = line
                .split("Lazy::<")
                .nth(1)
                .and_then(|r| r.split("Route>").next())
                .expect("a route");
            let mut page = String::new();
            for (i, c) in route.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    page.push('_');
                }
                page.extend(c.to_lowercase());
            }
            found.push((path.to_owned(), page));
        }
        let ours: Vec<(String, String)> = PAGES
            .iter()
            .map(|(p, n)| ((*p).to_owned(), (*n).to_owned()))
            .collect();
        assert_eq!(found, ours);
    }

    #[test]
    fn the_first_language_the_app_has_is_the_browsers() {
        let asked = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(
                header::ACCEPT_LANGUAGE,
                HeaderValue::from_str(v).expect("ascii"),
            );
            first_lang(&h)
        };
        assert_eq!(asked("kk-KZ,kk;q=0.9,ru;q=0.8"), Lang::Kk);
        assert_eq!(asked("en-US,en;q=0.9"), Lang::En);
        assert_eq!(asked("ru"), Lang::Ru);
        assert_eq!(asked("de-DE,de;q=0.9"), Lang::Ru);
        assert_eq!(first_lang(&HeaderMap::new()), Lang::Ru);
    }

    #[test]
    fn each_split_file_is_preloaded_as_the_loader_fetches_it() {
        assert_eq!(
            split_hints(&["split___a.wasm".to_owned(), "chunk_1.wasm".to_owned()]),
            "<link crossorigin href=/pkg/__wasm_split.js rel=modulepreload>\
             <link as=fetch crossorigin href=/pkg/split___a.wasm rel=preload type=application/wasm>\
             <link as=fetch crossorigin href=/pkg/chunk_1.wasm rel=preload type=application/wasm>"
        );
    }
}
