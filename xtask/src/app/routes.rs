//! Which files each page needs: read from the splitter's loader, written to
//! `dist/pkg/routes.json` (`{"service": ["split___service_….wasm",
//! "chunk_3.wasm", …], …}`), from which the server names them in the page
//! it serves for a path, so the browser fetches them with the main module
//! instead of after it has run.

use std::collections::{BTreeMap, BTreeSet};

use crate::base::Res;

/// What the loader says a page is: its file and its dependencies.
const FETCHER: &str = "__wasm_split_fetcher(\"./";
/// A page's loader export: `__wasm_split_load___<page>_route_view_<n>`.
const PAGE_EXPORT: &str = "__wasm_split_load___";

/// One `const NAME = …makeLoad(__wasm_split_fetcher("./FILE"), [DEPS])…`.
struct Loader {
    name: String,
    file: String,
    deps: Vec<String>,
}

/// The loaders of `js` (after [`super::loader::one_fetcher`]).
fn loaders(js: &str) -> Res<Vec<Loader>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = js[from..].find(FETCHER).map(|i| from + i) {
        let line_start = js[..at]
            .rfind("const ")
            .ok_or("a fetcher outside a const")?;
        let name = js[line_start + "const ".len()..]
            .split([' ', '='])
            .next()
            .unwrap_or_default()
            .to_owned();
        let after = &js[at + FETCHER.len()..];
        let file_end = after.find('"').ok_or("a fetcher without its file")?;
        let file = after[..file_end].to_owned();
        let rest = &after[file_end..];
        let open = rest.find('[').ok_or("a loader without its dependencies")?;
        let close = rest[open..].find(']').ok_or("unclosed dependencies")? + open;
        let deps = rest[open + 1..close]
            .split(',')
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned)
            .collect();
        out.push(Loader { name, file, deps });
        from = at + FETCHER.len();
    }
    Ok(out)
}

/// Every page of `js` with the files it needs, its own first.
pub fn pages(js: &str) -> Res<BTreeMap<String, Vec<String>>> {
    let all = loaders(js)?;
    let by_name: BTreeMap<&str, &Loader> = all.iter().map(|l| (l.name.as_str(), l)).collect();
    let mut pages = BTreeMap::new();
    for page in all.iter().filter(|l| l.name.starts_with(PAGE_EXPORT)) {
        let key = page.name[PAGE_EXPORT.len()..]
            .rsplit_once("_route_view_")
            .map_or(&page.name[PAGE_EXPORT.len()..], |(k, _)| k)
            .to_owned();
        let mut files = vec![page.file.clone()];
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&str> = page.deps.iter().map(String::as_str).collect();
        while let Some(dep) = todo.pop() {
            if !seen.insert(dep) {
                continue;
            }
            let loader = by_name
                .get(dep)
                .ok_or_else(|| format!("the loader names {dep}, which it does not define"))?;
            files.push(loader.file.clone());
            todo.extend(loader.deps.iter().map(String::as_str));
        }
        files[1..].sort();
        pages.insert(key, files);
    }
    if pages.is_empty() {
        return Err("the wasm-split loader has no pages: its shape changed".into());
    }
    Ok(pages)
}

/// `pages` as the JSON the server reads.
pub fn manifest(pages: &BTreeMap<String, Vec<String>>) -> String {
    let entries: Vec<String> = pages
        .iter()
        .map(|(page, files)| {
            let files: Vec<String> = files.iter().map(|f| format!("\"{f}\"")).collect();
            format!("\"{page}\":[{}]", files.join(","))
        })
        .collect();
    format!("{{{}}}\n", entries.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOADER: &str = r#"
const __chunk_1 = makeLoad(__wasm_split_fetcher("./chunk_1.wasm"), []);
const __chunk_2 = makeLoad(__wasm_split_fetcher("./chunk_2.wasm"), [__chunk_1]);
const __chunk_3 = makeLoad(__wasm_split_fetcher("./chunk_3.wasm"), []);
export const __wasm_split_load___service_route_view_42 = wrapAsyncCb(makeLoad(__wasm_split_fetcher("./split___service_route_view_42.wasm"), [__chunk_2, __chunk_3]));
export const __wasm_split_load___register_eds_route_view_42 = wrapAsyncCb(makeLoad(__wasm_split_fetcher("./split___register_eds_route_view_42.wasm"), [__chunk_3]));
"#;

    #[test]
    fn each_page_needs_its_file_and_every_chunk_below_it() {
        let pages = pages(LOADER).expect("pages");
        assert_eq!(
            pages["service"],
            [
                "split___service_route_view_42.wasm",
                "chunk_1.wasm",
                "chunk_2.wasm",
                "chunk_3.wasm"
            ]
        );
        assert_eq!(
            pages["register_eds"],
            ["split___register_eds_route_view_42.wasm", "chunk_3.wasm"]
        );
        assert_eq!(
            manifest(&pages),
            "{\"register_eds\":[\"split___register_eds_route_view_42.wasm\",\"chunk_3.wasm\"],\"service\":[\"split___service_route_view_42.wasm\",\"chunk_1.wasm\",\"chunk_2.wasm\",\"chunk_3.wasm\"]}\n"
        );
    }

    #[test]
    fn a_loader_of_another_shape_is_an_error() {
        assert!(pages("const x = 1;").is_err());
        assert!(
            pages(r#"export const __wasm_split_load___a_route_view_1 = makeLoad(__wasm_split_fetcher("./a.wasm"), [__chunk_9]);"#)
                .is_err()
        );
    }
}
