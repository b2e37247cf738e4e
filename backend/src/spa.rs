//! The page the portal serves for an app path (`/services/med-license`,
//! `/login`, …): the built `index.html`, with the files the path's page
//! needs named in its head, so the browser fetches them beside the main
//! module rather than after it has started and asked for them. Which files
//! each page needs is the build's `dist/pkg/routes.json` (written by
//! `cargo xtask` from the splitter's loader); which page a path shows is the
//! frontend's router (`frontend/src/app/mod.rs`, checked by a test below).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

/// The pages a path shows: (path pattern, page). A `:name` segment matches
/// any one segment. The catalog (`/`) is in the main module.
const PAGES: [(&str, &str); 17] = [
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
    pages: Arc<HashMap<&'static str, Bytes>>,
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
                pages.insert(page, Bytes::from(with_hints(&html, files)));
            }
        }
        Ok(Index {
            plain: Bytes::from(html),
            pages: Arc::new(pages),
        })
    }

    /// The page for `uri`.
    pub fn serve(&self, uri: &Uri) -> Response {
        let body = page_of(uri.path())
            .and_then(|p| self.pages.get(p))
            .unwrap_or(&self.plain)
            .clone();
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

/// `html` with a preload of each of `files` (in `/pkg/`) before `</head>`,
/// fetched as the splitter's loader fetches them (`fetch`, same origin).
fn with_hints(html: &str, files: &[String]) -> String {
    let mut hints = String::from("<link crossorigin href=/pkg/__wasm_split.js rel=modulepreload>");
    for file in files {
        hints.push_str(&format!(
            "<link as=fetch crossorigin href=/pkg/{file} rel=preload type=application/wasm>"
        ));
    }
    match html.find("</head>") {
        Some(at) => format!("{}{hints}{}", &html[..at], &html[at..]),
        None => format!("{hints}{html}"),
    }
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
    fn the_hints_go_in_the_head() {
        let html = with_hints(
            "<html><title>x</title></head><body></body></html>",
            &["split___a.wasm".to_owned(), "chunk_1.wasm".to_owned()],
        );
        assert_eq!(
            html,
            "<html><title>x</title><link crossorigin href=/pkg/__wasm_split.js rel=modulepreload>\
             <link as=fetch crossorigin href=/pkg/split___a.wasm rel=preload type=application/wasm>\
             <link as=fetch crossorigin href=/pkg/chunk_1.wasm rel=preload type=application/wasm>\
             </head><body></body></html>"
        );
    }
}
