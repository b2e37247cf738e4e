//! The compiled module split at the lazy routes, and the split files
//! shrunk: wasm-opt on the larger ones, custom sections dropped from the rest.

use std::path::{Path, PathBuf};

use crate::base::Res;
use crate::tools::{Tools, cmd};

/// Split files smaller than this (bytes) are not run through wasm-opt, only
/// stripped of their custom sections.
pub const MIN_OPTIMIZED: u64 = 4096;

/// The features of the wasm rustc 1.95 emits, which wasm-opt must accept.
const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// `wasm-opt -Oz` in place on every module, on both cores.
pub fn optimize_all(tools: &Tools, modules: &[PathBuf]) -> Res {
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
pub fn split(raw: &Path, pkg: &Path, main: &Path) -> Res<Vec<PathBuf>> {
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
pub fn strip_custom_sections(module: &Path) -> Res {
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
    use super::without_custom_sections;

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
