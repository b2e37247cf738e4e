//! `cargo xtask fuzz`: the fuzz targets of `backend/fuzz`, each for a while.

use std::path::Path;

use crate::base::{Res, cache_dir, root};
use crate::process;
use crate::tools::{self, Tools, cmd};

/// The fuzz targets of `backend/fuzz`, and the kinds of interop file that
/// seed each one's corpus.
const FUZZ_TARGETS: [(&str, &[&str]); 6] = [
    ("ids", &[]),
    ("canonical", &["json"]),
    ("certificate", &["pem", "cer"]),
    ("crl", &["crl"]),
    ("cms", &["p7s", "bin"]),
    ("keystore", &["p12"]),
];

/// The longest one fuzz input may take before libFuzzer calls it a hang.
const FUZZ_INPUT_TIMEOUT_S: u32 = 10;

/// `cargo xtask fuzz [--seconds N] [target …]`: each target for N seconds
/// (180) with cargo-fuzz on the stable toolchain (`--sanitizer none`: a
/// panic is a finding). Corpora live in the cache, seeded from the national
/// center's interop files and a few hand-made inputs.
/// `cargo xtask fuzz`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How long each target runs.
    #[arg(long, value_name = "N", default_value_t = 180)]
    seconds: u64,
    /// The targets to run (ids, canonical, certificate, crl, cms,
    /// keystore); all when none is named.
    #[arg(value_name = "TARGET")]
    targets: Vec<String>,
}

pub fn run(args: &Args) -> Res {
    let seconds = args.seconds;
    let mut chosen: Vec<&str> = Vec::new();
    for a in &args.targets {
        if let Some((name, _)) = FUZZ_TARGETS.iter().find(|(n, _)| n == a) {
            chosen.push(name);
        } else {
            return Err(format!("unknown fuzz target {a}"));
        }
    }
    if chosen.is_empty() {
        chosen = FUZZ_TARGETS.iter().map(|(n, _)| *n).collect();
    }
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: false,
    })?;
    tools::ensure_cargo_tool(&tools, "cargo-fuzz", "0.13.1", &["--locked"])?;
    let corpus_root = cache_dir().join("fuzz-corpus");
    let interop = root().join("backend/tests/fixtures/nca-test-pki");
    let mut results = Vec::new();
    for name in chosen {
        let corpus = corpus_root.join(name);
        seed_corpus(&corpus, name, &interop)?;
        let mut c = cmd(
            &tools,
            "cargo",
            &[
                "fuzz",
                "run",
                "--fuzz-dir",
                "backend/fuzz",
                "--sanitizer",
                "none",
                name,
            ],
        );
        c.arg(&corpus)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            // One input that takes longer than this is a finding (a loop on
            // hostile input is a denial of service), kept as `timeout-*`.
            .arg(format!("-timeout={FUZZ_INPUT_TIMEOUT_S}"))
            .arg("-rss_limit_mb=2048")
            .arg(format!(
                "-artifact_prefix={}/",
                cache_dir().join("fuzz-artifacts").join(name).display()
            ))
            .env("CARGO_TARGET_DIR", cache_dir().join("fuzz-target"));
        std::fs::create_dir_all(cache_dir().join("fuzz-artifacts").join(name))
            .map_err(|e| format!("fuzz artifacts: {e}"))?;
        let r = process::run(c);
        results.push((name, r));
    }
    println!();
    let mut failed = 0;
    for (name, r) in &results {
        match r {
            Ok(()) => println!(
                "  ok      {name}: {seconds} s, no panic, no input over {FUZZ_INPUT_TIMEOUT_S} s"
            ),
            Err(e) => {
                failed += 1;
                println!("  FAILED  {name}: {e}");
            }
        }
    }
    if failed > 0 {
        return Err(format!(
            "{failed} fuzz target(s) found a panic, a hang or a memory blow-up; inputs in {}",
            cache_dir().join("fuzz-artifacts").display()
        ));
    }
    Ok(())
}

/// Puts the seeds of `target` into `corpus` (kept between runs).
fn seed_corpus(corpus: &Path, target: &str, interop: &Path) -> Res {
    std::fs::create_dir_all(corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
    let hand_made: &[&str] = match target {
        "ids" => &[
            "900101300007",
            "050440000002",
            "000101500000",
            "9001013000071",
            "99",
        ],
        "canonical" => &[
            r#"{"b":[1,true,null],"a":"\u00e9\n","c":{"z":-0,"é":1e2}}"#,
            r#"[9007199254740991,-9007199254740991,"\ud83d\ude00"]"#,
        ],
        _ => &[],
    };
    for (i, text) in hand_made.iter().enumerate() {
        let path = corpus.join(format!("seed-{i}"));
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let Some((_, kinds)) = FUZZ_TARGETS.iter().find(|(n, _)| *n == target) else {
        return Ok(());
    };
    // Inputs that once failed, kept in `backend/fuzz/regressions/<target>/`.
    if let Ok(entries) = std::fs::read_dir(root().join("backend/fuzz/regressions").join(target)) {
        for path in entries.flatten().map(|e| e.path()) {
            if let Some(file) = path.file_name() {
                let _ = std::fs::copy(&path, corpus.join(file));
            }
        }
    }
    let mut stack = vec![interop.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| kinds.contains(&e))
                && let Some(file) = path.file_name()
            {
                let _ = std::fs::copy(&path, corpus.join(file));
            }
        }
    }
    Ok(())
}
