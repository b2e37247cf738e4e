//! Builds the single-page app into `dist/`.
//!
//! Trunk builds the style sheet, the ЭЦП signing worker, `index.html` and
//! compiles the app, but it does not split wasm. So the app's compiled
//! module (linked with its relocations, `.cargo/config.toml`) is split
//! here: the splitter (`wasm_split_cli_support`) cuts it at every
//! `#[lazy_route]` into the main module (the shell and the catalog), one
//! file per page and the chunks pages share; wasm-bindgen makes the main
//! module's JavaScript, and wasm-opt shrinks every file. All of it lands in
//! `dist/pkg/`, where the splitter's loader fetches the pages next to
//! itself; Trunk's unsplit copy is removed and its start script in
//! `index.html` is pointed at `/pkg/`.

use std::path::{Path, PathBuf};

use crate::tools::Tools;
use crate::{Res, cmd, root, run, target_dir};

/// Where the split app lands inside `dist/`.
pub const PKG_DIR: &str = "pkg";

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
    run(cmd(
        tools,
        "trunk",
        &["build", "--release", "--cargo-profile", "wasm-release"],
    ))?;
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
    modules.push(pkg.join("frontend_bg.wasm"));
    modules.sort();
    modules.dedup();
    optimize_all(tools, &modules)?;
    point_index_at_pkg(&dist, &trunk_stem)
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
    std::fs::write(&index, html.replace(&from, &to))
        .map_err(|e| format!("{}: {e}", index.display()))
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
    crate::check(c.output().map(|o| o.status), &shown)
}
