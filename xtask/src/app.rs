//! Builds the single-page app into `dist/`.
//!
//! Trunk builds the style sheet, the ЭЦП signing worker, `index.html` and
//! compiles the app, but it does not split wasm. So the app's compiled
//! module (linked with its relocations, `.cargo/config.toml`) is split
//! here: the splitter (`wasm_split_cli_support`) cuts it at every
//! `#[lazy_route]` into the main module (the shell and the catalog), one
//! file per page and the chunks pages share; wasm-bindgen makes the main
//! module's JavaScript, wasm-opt shrinks the main module and the larger split files, terser the
//! two scripts. All of it lands in
//! `dist/pkg/`, where the splitter's loader fetches the pages next to
//! itself; Trunk's unsplit copy is removed and its start script in
//! `index.html` is pointed at `/pkg/`.

use std::path::{Path, PathBuf};

use crate::base::{Res, root, target_dir};
use crate::process::run;
use crate::tools::Tools;
use crate::tools::cmd;

/// Where the split app lands inside `dist/`.
pub const PKG_DIR: &str = "pkg";

/// Split files smaller than this (bytes) are not run through wasm-opt, only
/// stripped of their custom sections.
const MIN_OPTIMIZED: u64 = 4096;

/// The features of the wasm rustc 1.95 emits, which wasm-opt must accept.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// `dist/` with everything a browser loads.
pub fn build(tools: &Tools) -> Res {
    run(cmd(tools, "cargo", &["fetch", "--locked"]))?;
    let mut trunk = cmd(
        tools,
        "trunk",
        &["build", "--release", "--cargo-profile", "wasm-release"],
    );
    trunk.env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
        wasm_rustflags(),
    );
    run(trunk)?;
    let dist = root().join("dist");
    let trunk_stem = trunk_app_stem(&dist)?;
    let raw = target_dir()
        .join("wasm32-unknown-unknown")
        .join("wasm-release")
        .join("frontend.wasm");
    let pkg = dist.join(PKG_DIR);
    let work = target_dir().join("wasm-split");
    for dir in [&pkg, &work] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let main = work.join("frontend.wasm");
    let mut modules = split(&raw, &pkg, &main)?;
    // The pages import the main module's table, stack pointer and memory:
    // wasm-bindgen must keep the linker's exports.
    let mut bindgen = cmd(
        tools,
        "wasm-bindgen",
        &["--target", "web", "--keep-lld-exports", "--no-typescript"],
    );
    bindgen
        .args(["--out-name", "frontend", "--out-dir"])
        .arg(&pkg)
        .arg(&main);
    run(bindgen)?;
    // Most chunks are a few hundred bytes of code, where wasm-opt (node
    // running binaryen compiled to wasm, over a second a file) has little to
    // win but their names: those are dropped here instead.
    let mut small = Vec::new();
    modules.retain(|m| {
        let big = std::fs::metadata(m).is_ok_and(|m| m.len() >= MIN_OPTIMIZED);
        if !big {
            small.push(m.clone());
        }
        big
    });
    for m in &small {
        strip_custom_sections(m)?;
    }
    modules.push(pkg.join("frontend_bg.wasm"));
    modules.sort();
    modules.dedup();
    optimize_all(tools, &modules)?;
    let loader = pkg.join("__wasm_split.js");
    let js = std::fs::read_to_string(&loader).map_err(|e| format!("{}: {e}", loader.display()))?;
    std::fs::write(&loader, one_fetcher(&js)?).map_err(|e| format!("{}: {e}", loader.display()))?;
    for script in ["frontend.js", "__wasm_split.js"] {
        minify(tools, &pkg.join(script))?;
    }
    point_index_at_pkg(&dist, &trunk_stem)
}

/// The browser build's compiler flags: `.cargo/config.toml`'s, and the
/// source paths in panic locations made relative (`leptos-0.8.23/src/…`,
/// `frontend/src/…`): the build machine's folders are nobody's business,
/// and each location string is in the first download.
fn wasm_rustflags() -> String {
    let mut flags = vec!["--cfg".to_owned(), "erase_components".to_owned()];
    let registry = crate::tools::cargo_home().join("registry").join("src");
    let mut prefixes: Vec<PathBuf> = std::fs::read_dir(&registry)
        .map(|dirs| dirs.filter_map(Result::ok).map(|d| d.path()).collect())
        .unwrap_or_default();
    prefixes.push(root());
    for prefix in prefixes {
        // Split on whitespace by Cargo: a path with a space keeps its length.
        let prefix = prefix.display().to_string();
        if !prefix.contains(char::is_whitespace) {
            flags.push(format!("--remap-path-prefix={prefix}/="));
        }
    }
    flags.join(" ")
}

/// Minifies an ES module in place with terser (from npm). Only local names
/// are mangled: the exports and the import object's property names, which
/// the wasm modules bind to, stay as they are.
fn minify(tools: &Tools, script: &Path) -> Res {
    let mut c = cmd(tools, "terser", &[]);
    c.arg(script)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(script);
    run(c)
}

/// The name Trunk gave the app's files (`frontend-<hash>`), from `dist/`.
fn trunk_app_stem(dist: &Path) -> Res<String> {
    let entries = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .find_map(|name| {
            name.strip_suffix("_bg.wasm")
                .filter(|stem| stem.starts_with("frontend-"))
                .map(str::to_owned)
        })
        .ok_or_else(|| format!("Trunk wrote no frontend-*_bg.wasm into {}", dist.display()))
}

/// Removes Trunk's unsplit copy of the app and makes `index.html` start
/// (and preload) the split one.
fn point_index_at_pkg(dist: &Path, stem: &str) -> Res {
    for file in [format!("{stem}.js"), format!("{stem}_bg.wasm")] {
        let path = dist.join(&file);
        std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let from = format!("/{stem}");
    if !html.contains(&from) {
        return Err(format!("{} does not load {from}.js", index.display()));
    }
    let to = format!("/{PKG_DIR}/frontend");
    std::fs::write(&index, without_comments(&html.replace(&from, &to)))
        .map_err(|e| format!("{}: {e}", index.display()))
}

/// `html` without its comments (the notes for us in `frontend/index.html`
/// are not for every visitor to download) and without the blank lines
/// they and Trunk's removed tags leave.
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |end| &rest[start + end + 3..]);
    }
    out.push_str(rest);
    out.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| format!("{line}\n"))
        .collect()
}

/// The splitter's fetcher, which its loader writes out once per file (some
/// 200 of them, in the first download): `(FETCH_HEAD "./x.wasm" FETCH_TAIL)`.
const FETCH_HEAD: &str = "() => {\n    const src = fetch(new URL(";
const FETCH_TAIL: &str = ", import.meta.url));\n    src.catch(() => {});\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}\n";

/// The loader `js` with every copy of the fetcher replaced by a call of one
/// function that does the same. An error if there was none: the splitter
/// then writes its loader differently and this needs a look.
fn one_fetcher(js: &str) -> Res<String> {
    let mut out = String::with_capacity(js.len());
    let (mut rest, mut copies) = (js, 0);
    while let Some(start) = rest.find(FETCH_HEAD) {
        let after = &rest[start + FETCH_HEAD.len()..];
        let end = after
            .find(FETCH_TAIL)
            .ok_or("the wasm-split loader has a fetcher of an unknown shape")?;
        let path = &after[..end];
        if !(path.starts_with('"') && path.ends_with('"') && !path[1..path.len() - 1].contains('"'))
        {
            return Err(format!(
                "the wasm-split loader fetches {path}, not a string literal"
            ));
        }
        out.push_str(&rest[..start]);
        out.push_str(&format!("__wasm_split_fetcher({path})"));
        rest = &after[end + FETCH_TAIL.len()..];
        copies += 1;
    }
    if copies == 0 {
        return Err("the wasm-split loader has no fetcher of the known shape".into());
    }
    out.push_str(rest);
    // A declaration: hoisted, so the loaders above may call it.
    out.push_str(&format!(
        "function __wasm_split_fetcher(path) {{\n    return {}path{}}}\n",
        FETCH_HEAD, FETCH_TAIL
    ));
    Ok(out)
}

/// `wasm-opt -Oz` in place on every module, on both cores.
fn optimize_all(tools: &Tools, modules: &[PathBuf]) -> Res {
    let halves = modules.split_at(modules.len() / 2);
    std::thread::scope(|s| {
        let other = s.spawn(|| halves.1.iter().try_for_each(|m| optimize(tools, m)));
        let mine = halves.0.iter().try_for_each(|m| optimize(tools, m));
        mine.and(
            other
                .join()
                .unwrap_or_else(|_| Err("wasm-opt thread panicked".into())),
        )
    })
}

/// Cuts `raw` at its split points: the main module to `main`, the pages,
/// the chunks and the loader `__wasm_split.js` into `pkg`. Gives the page
/// and chunk files.
fn split(raw: &Path, pkg: &Path, main: &Path) -> Res<Vec<PathBuf>> {
    let input = std::fs::read(raw).map_err(|e| format!("{}: {e}", raw.display()))?;
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = pkg;
    options.main_out_path = main;
    options.link_name = "./__wasm_split.js";
    // The loader imports wasm-bindgen's `initSync` from the very module
    // `index.html` loads, so both share one instance.
    options.main_module = "./frontend.js";
    let out = wasm_split_cli_support::transform(options)
        .map_err(|e| format!("splitting the app's wasm: {e:#}"))?;
    Ok(out.split_modules)
}

/// `wasm-opt -Oz` in place.
fn optimize(tools: &Tools, module: &Path) -> Res {
    let mut c = cmd(
        tools,
        "wasm-opt",
        &["-Oz", "--quiet", "--strip-debug", "--strip-producers"],
    );
    c.args(WASM_FEATURES).arg(module).arg("-o").arg(module);
    let shown = format!("wasm-opt -Oz {}", module.display());
    crate::process::check(c.output().map(|o| o.status), &shown)
}

/// Drops the custom sections (names, producers, target features) of a wasm
/// module in place: browsers ignore them.
fn strip_custom_sections(module: &Path) -> Res {
    let bytes = std::fs::read(module).map_err(|e| format!("{}: {e}", module.display()))?;
    let stripped = without_custom_sections(&bytes)
        .ok_or_else(|| format!("{}: not a well-formed wasm module", module.display()))?;
    std::fs::write(module, stripped).map_err(|e| format!("{}: {e}", module.display()))
}

/// `wasm` without its custom sections (id 0); `None` if it is cut short.
fn without_custom_sections(wasm: &[u8]) -> Option<Vec<u8>> {
    let (header, mut rest) = (wasm.get(..8)?, wasm.get(8..)?);
    if !header.starts_with(b"\0asm") {
        return None;
    }
    let mut out = header.to_vec();
    while let Some((&id, after_id)) = rest.split_first() {
        let (len, body_and_rest) = leb128_u32(after_id)?;
        // The size field and the body.
        let section_len = after_id.len() - body_and_rest.len() + usize::try_from(len).ok()?;
        let section = after_id.get(..section_len)?;
        if id != 0 {
            out.push(id);
            out.extend_from_slice(section);
        }
        rest = after_id.get(section_len..)?;
    }
    Some(out)
}

/// An unsigned LEB128 number and what follows it.
fn leb128_u32(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let mut value = 0u32;
    for (i, &b) in bytes.iter().enumerate().take(5) {
        value |= u32::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some((value, bytes.get(i + 1..)?));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{FETCH_HEAD, FETCH_TAIL, one_fetcher, without_comments, without_custom_sections};

    #[test]
    fn the_loaders_fetchers_become_calls_of_one() {
        let fetcher = |file: &str| format!("{FETCH_HEAD}\"./{file}.wasm\"{FETCH_TAIL}");
        let js = format!(
            "const __chunk_1 = makeLoad({}, []);\nexport const load_a = wrapAsyncCb(makeLoad({}, [__chunk_1]));\n",
            fetcher("chunk_1"),
            fetcher("split_a")
        );
        let out = one_fetcher(&js).expect("known shape");
        assert!(out.starts_with(
            "const __chunk_1 = makeLoad(__wasm_split_fetcher(\"./chunk_1.wasm\"), []);\n\
             export const load_a = wrapAsyncCb(makeLoad(__wasm_split_fetcher(\"./split_a.wasm\"), [__chunk_1]));\n\
             function __wasm_split_fetcher(path) {\n    return () => {\n    const src = fetch(new URL(path, import.meta.url));"
        ), "{out}");
        assert_eq!(out.matches("fetch(new URL(").count(), 1);
        assert!(one_fetcher("const nothing = 1;").is_err());
        let odd = format!("{FETCH_HEAD}someVariable{FETCH_TAIL}");
        assert!(one_fetcher(&odd).is_err());
    }

    #[test]
    fn comments_and_the_blank_lines_they_leave_go() {
        let html = "<head>\n  <!-- a note\n  on two lines -->\n  \n<script>a <!b</script><!-- x --></head>\n<!-- cut";
        assert_eq!(
            without_comments(html),
            "<head>\n<script>a <!b</script></head>\n"
        );
    }

    #[test]
    fn custom_sections_are_dropped_and_the_rest_kept() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // type section: one `() -> ()` function type
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        // custom section "name" with two bytes of payload
        wasm.extend_from_slice(&[0, 7, 4, b'n', b'a', b'm', b'e', 1, 2]);
        // function section: one function of type 0
        wasm.extend_from_slice(&[3, 2, 1, 0]);
        let out = without_custom_sections(&wasm).expect("well-formed");
        let mut expected = b"\0asm\x01\0\0\0".to_vec();
        expected.extend_from_slice(&[1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0]);
        assert_eq!(out, expected);
    }

    #[test]
    fn a_module_cut_short_is_refused() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend_from_slice(&[1, 9, 1, 0x60]);
        assert_eq!(without_custom_sections(&wasm), None);
        assert_eq!(without_custom_sections(b"\0as"), None);
    }
}
