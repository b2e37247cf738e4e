//! The tidy checks on tiny module trees written to a temporary folder, and
//! the tidy tests of the repository itself.

use std::path::PathBuf;

use super::{folder_sizes, folders, import_loops, loops_in};
use crate::base::{TempDir, root};

/// A crate of these `(path, text)` files under `src/`, in a fresh folder.
fn tree(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new("xtask-tidy").expect("temporary folder");
    for (path, text) in files {
        let path = dir.0.join("src").join(path);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        std::fs::write(&path, text).expect("a source file");
    }
    dir
}

/// The files of each loop found in the crate `src/lib.rs` of `dir`.
fn loops(dir: &TempDir, excepted: &[PathBuf]) -> Vec<Vec<String>> {
    loops_in(&dir.0.join("src/lib.rs"), &dir.0, excepted)
        .expect("the crate reads")
        .into_iter()
        .map(|f| f.files)
        .collect()
}

#[test]
fn a_loop_through_a_third_file_is_found_and_reported() {
    let dir = tree(&[
        ("lib.rs", "mod a; mod b; mod c;"),
        ("a.rs", "use crate::b::B; pub struct A;"),
        ("b.rs", "pub struct B; fn f() { crate::c::g(); }"),
        ("c.rs", "pub fn g() -> super::a::A { todo!() }"),
    ]);
    assert_eq!(loops(&dir, &[]), vec![vec!["a.rs", "b.rs", "c.rs"]]);
    let found = loops_in(&dir.0.join("src/lib.rs"), &dir.0, &[]).expect("the crate reads");
    let report = &found[0].report;
    assert!(report.contains("a.rs -> b.rs -> c.rs -> a.rs"), "{report}");
    assert!(report.contains("c.rs:1 `super::a::A` -> a.rs"), "{report}");
    assert!(report.contains("b.rs:1 `crate::c::g` -> c.rs"), "{report}");
}

#[test]
fn a_re_export_at_the_root_makes_a_loop() {
    let dir = tree(&[
        ("lib.rs", "mod a; pub use a::A; pub struct Root;"),
        ("a.rs", "pub struct A(crate::Root);"),
    ]);
    assert_eq!(loops(&dir, &[]), vec![vec!["a.rs", "lib.rs"]]);
}

#[test]
fn a_mod_declaration_alone_is_no_import() {
    let dir = tree(&[
        ("lib.rs", "pub mod x; pub struct Root;"),
        ("x.rs", "use crate::Root; pub mod y;"),
        ("x/y.rs", "use super::super::Root;"),
    ]);
    assert!(loops(&dir, &[]).is_empty());
}

#[test]
fn super_from_an_inline_test_module_stays_in_its_file() {
    let dir = tree(&[
        ("lib.rs", "mod a; pub struct Root;"),
        (
            "a.rs",
            "use crate::Root; fn f() {}\n#[cfg(test)] mod tests { use super::*; fn g() { super::f(); self::h(); } fn h() {} }",
        ),
    ]);
    assert!(loops(&dir, &[]).is_empty());
}

#[test]
fn an_inline_module_resolves_its_children_and_super() {
    // `super::` in lib.rs's inline `mod outer` is the crate root, and
    // `inner::` there is outer/inner.rs.
    let dir = tree(&[
        (
            "lib.rs",
            "mod outer { pub mod inner; fn f() { inner::g(); } }\npub struct Root;",
        ),
        ("outer/inner.rs", "pub fn g() {} fn h(_: crate::Root) {}"),
    ]);
    assert_eq!(loops(&dir, &[]), vec![vec!["lib.rs", "outer/inner.rs"]]);
}

#[test]
fn paths_reach_the_deepest_module_and_macro_input_counts() {
    // a/mod.rs -> a/b.rs only through the path's depth; a/b.rs -> a/mod.rs
    // only inside a macro.
    let dir = tree(&[
        ("lib.rs", "mod a;"),
        (
            "a/mod.rs",
            "mod b; pub struct A; fn f() { crate::a::b::B::new(); }",
        ),
        (
            "a/b.rs",
            "pub struct B; fn g() { println!(\"{:?}\", crate::a::A); }",
        ),
    ]);
    assert_eq!(loops(&dir, &[]), vec![vec!["a/b.rs", "a/mod.rs"]]);
}

#[test]
fn the_generated_entities_are_excepted() {
    let files = [
        ("lib.rs", "pub mod db;"),
        ("db/mod.rs", "pub mod entities;"),
        ("db/entities/mod.rs", "pub mod a; pub mod b;"),
        ("db/entities/a.rs", "use super::b::B; pub struct A;"),
        ("db/entities/b.rs", "use super::a::A; pub struct B;"),
    ];
    let dir = tree(&files);
    assert_eq!(
        loops(&dir, &[]),
        vec![vec!["db/entities/a.rs", "db/entities/b.rs"]]
    );
    assert!(loops(&dir, &[dir.0.join("src/db/entities")]).is_empty());
}

#[test]
fn a_folder_of_thirteen_files_is_crowded_and_twelve_is_not() {
    let names: Vec<String> = (0..13).map(|i| format!("m{i}.rs")).collect();
    let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "")).collect();
    let dir = tree(&files[..12]);
    assert!(folders::crowded(&dir.0, 12, &[]).expect("reads").is_empty());
    let dir = tree(&files);
    let crowded = folders::crowded(&dir.0, 12, &[]).expect("reads");
    assert_eq!(crowded.len(), 1);
    assert_eq!(
        (crowded[0].folder.clone(), crowded[0].files),
        (dir.0.join("src"), 13)
    );
    let src = dir.0.join("src");
    assert!(
        folders::crowded(&dir.0, 12, &[src])
            .expect("reads")
            .is_empty()
    );
}

/// The repository's own crates: no import loop.
#[test]
fn tidy_no_import_loops() {
    let loops = import_loops(&root()).expect("the crates read");
    let reports: Vec<&str> = loops.iter().map(|l| l.report.as_str()).collect();
    assert!(
        loops.is_empty(),
        "{} import loop(s) (`cargo xtask tidy` prints them too):\n{}",
        loops.len(),
        reports.join("\n")
    );
}

/// The repository's folders: none crowded where the limit is enforced.
#[test]
fn tidy_folder_sizes() {
    let report = folder_sizes(&root()).expect("the folders read");
    for note in &report.notes {
        println!("{note}");
    }
    assert!(
        report.failures.is_empty(),
        "crowded folders:\n{}",
        report.failures.join("\n")
    );
}
