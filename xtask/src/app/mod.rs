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
//! itself, with `routes.json` saying which files each page needs ([`routes`]); Trunk's unsplit copy is removed and its start script in
//! `index.html` is pointed at `/pkg/`.

use std::path::{Path, PathBuf};

use crate::base::{Res, dist_dir, root, target_dir};
use crate::process::run;
use crate::tools::Tools;
use crate::tools::cmd;

use html::{point_index_at_pkg, trunk_app_stem};
use loader::one_fetcher;
use wasm::{MIN_OPTIMIZED, optimize_all, split, strip_custom_sections};

mod html;
mod loader;
mod routes;
mod wasm;

pub use html::PKG_DIR;

/// Which files each page needs (`routes.json` in `dist/pkg/`, read by the
/// server: `backend/src/spa.rs`).
pub const ROUTES_FILE: &str = "routes.json";

/// `dist/` with everything a browser loads.
pub fn build(tools: &Tools) -> Res {
    run(cmd(tools, "cargo", &["fetch", "--locked"]))?;
    let mut trunk = cmd(
        tools,
        "trunk",
        &["build", "--release", "--cargo-profile", "wasm-release"],
    );
    trunk.arg("--dist").arg(dist_dir());
    trunk.env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
        wasm_rustflags(),
    );
    run(trunk)?;
    let dist = dist_dir();
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
    let js = one_fetcher(
        &std::fs::read_to_string(&loader).map_err(|e| format!("{}: {e}", loader.display()))?,
    )?;
    std::fs::write(&loader, &js).map_err(|e| format!("{}: {e}", loader.display()))?;
    let manifest = pkg.join(ROUTES_FILE);
    std::fs::write(&manifest, routes::manifest(&routes::pages(&js)?))
        .map_err(|e| format!("{}: {e}", manifest.display()))?;
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
