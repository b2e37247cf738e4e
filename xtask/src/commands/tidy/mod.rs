//! `cargo xtask tidy`, and the tidy tests `cargo test -p xtask` runs (as
//! rust-analyzer's tidy tests do): the house stays as built.
//!
//! - No import loop: in every crate of the repository, no module file
//!   imports itself through others. Files are the nodes (an inline
//!   `mod tests {}` belongs to its file); a file imports another when one
//!   of its `use` trees, or a path starting with `crate::`, `super::`,
//!   `self::` or a child module's name, names an item of the other file's
//!   module (the deepest module the path reaches). `mod x;` is no import;
//!   `pub use x::Y` is one. The generated SeaORM entities are excepted.
//! - No crowded folder: at most `FOLDER_LIMIT` Rust files directly in a
//!   folder, where `FOLDER_RULES` enforces it.

mod cycles;
mod folders;
mod modules;
mod refs;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::base::{Res, root};

/// The packages whose crates (library, binaries, tests, benches, fuzz
/// targets) are checked for import loops.
const PACKAGES: [&str; 7] = [
    "backend",
    "backend/migration",
    "backend/fuzz",
    "frontend",
    "frontend/signer",
    "shared",
    "xtask",
];

/// Folders whose files are neither nodes of the import graph nor counted
/// for the folder limit: the SeaORM entities `cargo xtask codegen` writes
/// (their relations import each other by design).
const EXCEPTED: [&str; 1] = ["backend/src/db/entities"];

/// The most Rust files one folder may hold directly.
const FOLDER_LIMIT: usize = 12;

/// Where the folder limit holds: (folder, enforced). An enforced folder
/// over the limit fails the tidy test; the others are only printed (set
/// one to `true` once its crate is laid out within the limit).
const FOLDER_RULES: [(&str, bool); 4] = [
    ("backend", true),
    ("frontend", true),
    ("shared", false),
    ("xtask", true),
];

/// `cargo xtask tidy`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Another checkout to check (a worktree, say); this one by default.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

/// `cargo xtask tidy`: prints every import loop and crowded folder; fails
/// when there is a loop or an enforced folder is crowded.
pub fn run(args: &Args) -> Res {
    let repo = args.root.clone().unwrap_or_else(root);
    let loops = import_loops(&repo)?;
    for found in &loops {
        println!("{}", found.report);
    }
    let folders = folder_sizes(&repo)?;
    for line in folders.failures.iter().chain(&folders.notes) {
        println!("{line}");
    }
    if !loops.is_empty() {
        println!("\nimport loops:");
    }
    for found in &loops {
        println!(
            "  {}: {} files: {}",
            found.crate_root,
            found.files.len(),
            found.files.join(", ")
        );
    }
    println!(
        "\ntidy: {} import loop(s), {} crowded folder(s) (+ {} not enforced)",
        loops.len(),
        folders.failures.len(),
        folders.notes.len()
    );
    if loops.is_empty() && folders.failures.is_empty() {
        Ok(())
    } else {
        Err("the house is not tidy (see above)".into())
    }
}

/// One import loop.
#[derive(Debug)]
pub struct Found {
    /// The crate's root file, relative to the repository.
    pub crate_root: String,
    /// Its files, relative to the crate root's folder, sorted.
    pub files: Vec<String>,
    /// The loop as a person reads it: its cycles and their imports.
    pub report: String,
}

/// The import loops of every crate in `PACKAGES` under `repo`.
pub fn import_loops(repo: &Path) -> Res<Vec<Found>> {
    let excepted: Vec<PathBuf> = EXCEPTED.iter().map(|e| repo.join(e)).collect();
    let mut found = Vec::new();
    for package in PACKAGES {
        for crate_root in crate_roots(&repo.join(package)) {
            found.extend(loops_in(&crate_root, repo, &excepted)?);
        }
    }
    Ok(found)
}

/// The root files of a package's crates, as cargo finds them.
fn crate_roots(package: &Path) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = ["src/lib.rs", "src/main.rs"]
        .iter()
        .map(|f| package.join(f))
        .filter(|p| p.is_file())
        .collect();
    for dir in ["src/bin", "tests", "benches", "fuzz_targets"] {
        let Ok(entries) = std::fs::read_dir(package.join(dir)) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter_map(|p| {
                if p.is_dir() {
                    Some(p.join("main.rs")).filter(|m| m.is_file())
                } else {
                    p.extension().is_some_and(|e| e == "rs").then_some(p)
                }
            })
            .collect();
        found.sort();
        roots.extend(found);
    }
    roots
}

/// The import loops of the crate whose root file is `crate_root`; files
/// under `excepted` are left out of the graph.
pub fn loops_in(crate_root: &Path, repo: &Path, excepted: &[PathBuf]) -> Res<Vec<Found>> {
    let krate = modules::Crate::load(crate_root)?;
    let base = crate_root.parent().unwrap_or(repo);
    let name = |file: usize| -> String {
        let path = &krate.files[file].path;
        path.strip_prefix(base)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let counted = |file: usize| {
        !excepted
            .iter()
            .any(|e| krate.files[file].path.starts_with(e))
    };
    let mut first: BTreeMap<(usize, usize), refs::Ref> = BTreeMap::new();
    for r in refs::collect(&krate) {
        if counted(r.from) && counted(r.to) {
            first.entry((r.from, r.to)).or_insert(r);
        }
    }
    let edges: BTreeSet<(usize, usize)> = first.keys().copied().collect();
    let shown_root = crate_root
        .strip_prefix(repo)
        .unwrap_or(crate_root)
        .display();
    let mut found = Vec::new();
    for l in cycles::find(krate.files.len(), &edges) {
        let mut report = format!(
            "\nimport loop among {} files of the crate {shown_root} (paths from {}/):\n  cycles (every import inside the loop is on one):",
            l.files.len(),
            base.strip_prefix(repo).unwrap_or(base).display()
        );
        for cycle in &l.cycles {
            let names: Vec<String> = cycle
                .iter()
                .chain(cycle.first())
                .map(|&f| name(f))
                .collect();
            report.push_str(&format!("\n    {}", names.join(" -> ")));
        }
        report.push_str("\n  the imports (the first of each file to each):");
        for edge in &l.edges {
            let r = &first[edge];
            report.push_str(&format!(
                "\n    {}:{} `{}` -> {}",
                name(r.from),
                r.line,
                r.text,
                name(r.to)
            ));
        }
        let mut files: Vec<String> = l.files.iter().map(|&f| name(f)).collect();
        files.sort();
        found.push(Found {
            crate_root: shown_root.to_string(),
            files,
            report,
        });
    }
    Ok(found)
}

/// The crowded folders: those that fail, and those only noted.
#[derive(Debug, Default)]
pub struct FolderReport {
    pub failures: Vec<String>,
    pub notes: Vec<String>,
}

/// The folders of `FOLDER_RULES` under `repo` over `FOLDER_LIMIT`.
pub fn folder_sizes(repo: &Path) -> Res<FolderReport> {
    let excepted: Vec<PathBuf> = EXCEPTED.iter().map(|e| repo.join(e)).collect();
    let mut report = FolderReport::default();
    for (top, enforced) in FOLDER_RULES {
        for c in folders::crowded(&repo.join(top), FOLDER_LIMIT, &excepted)? {
            let shown = c.folder.strip_prefix(repo).unwrap_or(&c.folder).display();
            let line = format!(
                "{shown}/ holds {} Rust files directly, over the limit of {FOLDER_LIMIT}{}",
                c.files,
                if enforced { "" } else { " (not enforced yet)" }
            );
            if enforced {
                report.failures.push(line);
            } else {
                report.notes.push(line);
            }
        }
    }
    Ok(report)
}
