//! The app's first download: what it weighs in gzip, against its budget.

use std::path::PathBuf;

use crate::app;
use crate::base::{Res, dist_dir};

/// The first download of the app must stay under this (gzip).
pub const SIZE_BUDGET: u64 = 200 * 1024;

/// The gzip size of what a first visit downloads: `index.html`, the style
/// sheet, the app's main module with its JavaScript, and the first part of
/// one language's texts (the largest is counted). The pages split off the
/// main module, the texts' pages part and the ЭЦП signing worker are listed
/// as on demand. Writes each file's
/// `.gz` beside it (Zopfli, the smallest standard gzip), which the server
/// sends as it is.
pub fn size_report() -> Res<u64> {
    let dist = dist_dir();
    let mut files = Vec::new();
    let page_texts = dist.join("locales").join("pages");
    for dir in [
        dist.clone(),
        dist.join(app::PKG_DIR),
        dist.join("locales"),
        page_texts.clone(),
    ] {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| format!("no {} ({e}): build the app first", dir.display()))?;
        files.extend(
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| {
                    p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| ["wasm", "js", "css", "html", "json"].contains(&e))
                })
                // Read by the server, never sent.
                .filter(|p| !p.ends_with(app::ROUTES_FILE)),
        );
    }
    files.sort();
    let sizes = precompress(&files)?;
    let (mut total, mut signer, mut pages, mut page_files) = (0u64, 0u64, 0u64, 0usize);
    let (mut texts, mut later_texts) = (0u64, 0u64);
    println!("\nFirst download of the app (gzip):");
    for (p, (raw, n)) in files.iter().zip(sizes) {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let name = p.strip_prefix(&dist).unwrap_or(p).display().to_string();
        let file = p.file_name().and_then(|f| f.to_str()).unwrap_or("?");
        if file.starts_with("signer-worker") {
            // Fetched only when the user signs.
            signer += n;
        } else if p.starts_with(&page_texts) {
            // The pages' texts, fetched when a page other than the catalog opens.
            later_texts = later_texts.max(n);
            continue;
        } else if ext == "json" {
            // One language's texts per visit: the largest table counts.
            texts = texts.max(n);
        } else if file.starts_with("split_") || file.starts_with("chunk_") {
            // A page (or code pages share), fetched when its route opens.
            pages += n;
            page_files += 1;
            continue;
        } else {
            total += n;
        }
        println!(
            "  {raw:>9} B  {n:>9} B gzip  {name}{}",
            if file.starts_with("signer-worker") {
                "  (on demand)"
            } else if ext == "json" {
                "  (one language per visit; its first part)"
            } else {
                ""
            }
        );
    }
    total += texts;
    println!(
        "  pages split off the main module, each loaded when its route opens: \
         {page_files} files, {:.1} KB gzip together",
        pages as f64 / 1024.0
    );
    println!(
        "  the texts' pages part, loaded with the first page after the catalog: \
         {:.1} KB gzip (the largest language)",
        later_texts as f64 / 1024.0
    );
    println!(
        "  signing module, loaded when the user signs: {:.1} KB gzip",
        signer as f64 / 1024.0
    );
    println!(
        "  total {:.1} KB gzip (budget {} KB)",
        total as f64 / 1024.0,
        SIZE_BUDGET / 1024
    );
    if total > SIZE_BUDGET {
        println!("  over the budget: `cargo xtask bench` fails on this");
    }
    Ok(total)
}

/// Writes `<file>.gz` beside each file, on both cores; gives each file's
/// size and its compressed size.
pub fn precompress(files: &[PathBuf]) -> Res<Vec<(u64, u64)>> {
    let one = |p: &PathBuf| -> Res<(u64, u64)> {
        let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
        let mut gz = Vec::new();
        zopfli::compress(
            zopfli::Options::default(),
            zopfli::Format::Gzip,
            bytes.as_slice(),
            &mut gz,
        )
        .map_err(|e| format!("{}: {e}", p.display()))?;
        let mut name = p.as_os_str().to_owned();
        name.push(".gz");
        std::fs::write(PathBuf::from(name), &gz).map_err(|e| format!("{}: {e}", p.display()))?;
        Ok((bytes.len() as u64, gz.len() as u64))
    };
    let half = files.len().div_ceil(2).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(half)
            .map(|part| scope.spawn(move || part.iter().map(one).collect::<Res<Vec<_>>>()))
            .collect();
        let mut sizes = Vec::with_capacity(files.len());
        for worker in workers {
            sizes.extend(
                worker
                    .join()
                    .map_err(|_| "a compression thread panicked")??,
            );
        }
        Ok(sizes)
    })
}

pub fn over_budget(total: u64) -> Res {
    if total > SIZE_BUDGET {
        return Err(format!(
            "the first download is {total} B gzip, over the {SIZE_BUDGET} B budget"
        ));
    }
    Ok(())
}
