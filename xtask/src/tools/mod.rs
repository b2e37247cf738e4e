//! Installs what the build and the tests need, from the package registries
//! only: Rust tools with `cargo install`, wasm-opt from npm, the browser and
//! PostgreSQL from Debian, moto's S3 server from PyPI. Each is skipped when
//! the right version is there.

pub mod postgres;
pub mod python;
pub mod system;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::base::{Res, cache_dir, root, target_dir};
use crate::process::run;
use system::{apt_install, output, pg_bin_dir};

const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// What a command needs beyond the build tools.
#[derive(Debug, Clone, Copy)]
pub struct Need {
    pub browser: bool,
    pub postgres: bool,
    /// The OpenSSL command line: the signature tests check interoperability with it.
    pub openssl: bool,
}

/// The installed tools, and the PATH that finds them.
#[derive(Debug)]
pub struct Tools {
    extra_path: Vec<PathBuf>,
}

impl Tools {
    pub fn ensure(need: Need) -> Res<Tools> {
        let npm_tools = cache_dir().join("tools").join("npm");
        let tools = Tools {
            extra_path: vec![cargo_bin(), npm_tools.join("node_modules").join(".bin")],
        };
        ensure_wasm_target()?;
        // Without its default features: no update check against crates.io
        // and no TLS stack, since it downloads nothing here (wasm-bindgen
        // and wasm-opt are ours): a minute and more less to compile.
        ensure_cargo_tool(
            &tools,
            "trunk",
            TRUNK_VERSION,
            &["--locked", "--no-default-features"],
        )?;
        // wasm-bindgen's own lockfile pins a crate the registry lacks: no --locked.
        ensure_cargo_tool(&tools, "wasm-bindgen-cli", &wasm_bindgen_version()?, &[])?;
        ensure_npm_dir(&root().join("xtask").join("tools"), &npm_tools, &[])?;
        if need.browser {
            if !Path::new("/usr/bin/chromium").exists() {
                apt_install(&["chromium", "fonts-dejavu-core"])?;
            }
            // Playwright uses Debian's Chromium; it downloads no browser.
            let e2e = root().join("e2e");
            ensure_npm_dir(&e2e, &e2e, &[("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")])?;
        }
        // The portal's result documents need a font with every Kazakh letter.
        if !Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists() {
            apt_install(&["fonts-dejavu-core"])?;
        }
        // The test tools: OpenSSL for signature interop, pdftotext to read
        // result documents back.
        if need.openssl && !Path::new("/usr/bin/openssl").exists() {
            apt_install(&["openssl"])?;
        }
        if need.openssl && !Path::new("/usr/bin/pdftotext").exists() {
            apt_install(&["poppler-utils"])?;
        }
        if need.postgres && pg_bin_dir().is_none() {
            apt_install(&["postgresql"])?;
        }
        Ok(tools)
    }

    pub fn path_env(&self) -> OsString {
        let mut paths = self.extra_path.clone();
        if let Some(p) = std::env::var_os("PATH") {
            paths.extend(std::env::split_paths(&p));
        }
        std::env::join_paths(paths).unwrap_or_default()
    }
}

fn cargo_bin() -> PathBuf {
    cargo_home().join("bin")
}

/// Cargo's home: `CARGO_HOME`, or `~/.cargo`.
pub fn cargo_home() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .unwrap_or_default()
                .join(".cargo")
        })
}

fn ensure_wasm_target() -> Res {
    let installed = output(
        "rustup",
        &["target", "list", "--installed"],
        &std::env::var_os("PATH").unwrap_or_default(),
    )
    .unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    let mut c = Command::new("rustup");
    c.args(["target", "add", WASM_TARGET]);
    run(c)
}

/// The exact wasm-bindgen version in Cargo.lock: the CLI must match it.
fn wasm_bindgen_version() -> Res<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
        {
            return Ok(v.trim_end_matches('"').to_owned());
        }
    }
    Err("wasm-bindgen is not in Cargo.lock".into())
}

/// `cargo install` a tool unless its binary already reports `version`.
pub fn ensure_cargo_tool(tools: &Tools, krate: &str, version: &str, extra: &[&str]) -> Res {
    let binary = match krate {
        "wasm-bindgen-cli" => "wasm-bindgen",
        other => other,
    };
    let have = output(binary, &["--version"], &tools.path_env()).unwrap_or_default();
    if have
        .split_whitespace()
        .any(|w| w.trim_start_matches('v') == version)
    {
        return Ok(());
    }
    println!(
        "Installing {krate} {version} (once; it is cached in {})",
        cargo_bin().display()
    );
    let mut c = Command::new("cargo");
    c.args(["install", krate, "--version", version])
        .args(extra)
        // A tool's own release profile may ask for fat LTO in one codegen
        // unit (Trunk does: ten minutes on two cores); our tools run for
        // seconds, so a quicker build of them serves as well (Trunk:
        // 7 min 19 s with LTO off, 4 min 27 s also at opt-level 1 and
        // without its default features).
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "1");
    run(c)
}

/// `npm ci` in `dest` with the manifest and lockfile of `src`, unless done for this lockfile.
pub fn ensure_npm_dir(src: &Path, dest: &Path, env: &[(&str, &str)]) -> Res {
    let lock = std::fs::read(src.join("package-lock.json"))
        .map_err(|e| format!("{}: {e}", src.display()))?;
    let stamp = dest.join("node_modules").join(".egov-lock");
    if std::fs::read(&stamp).ok().as_deref() == Some(lock.as_slice()) {
        return Ok(());
    }
    if src != dest {
        std::fs::create_dir_all(dest).map_err(|e| e.to_string())?;
        for f in ["package.json", "package-lock.json"] {
            std::fs::copy(src.join(f), dest.join(f)).map_err(|e| format!("{f}: {e}"))?;
        }
    }
    let mut c = Command::new("npm");
    c.args(["ci", "--no-audit", "--no-fund"]).current_dir(dest);
    for (k, v) in env {
        c.env(k, v);
    }
    run(c)?;
    std::fs::write(&stamp, &lock).map_err(|e| e.to_string())
}

/// A command in the repository root with the shared target dir and the tools on PATH.
pub fn cmd(tools: &Tools, program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args)
        .current_dir(root())
        .env("CARGO_TARGET_DIR", target_dir())
        .env("PATH", tools.path_env());
    c
}
