//! Folder sizes: the Rust source files each folder holds directly.

use std::path::{Path, PathBuf};

use crate::base::Res;

/// Folders never counted, by name: build output, test data.
const SKIPPED_NAMES: [&str; 6] = [
    "target",
    "snapshots",
    "fixtures",
    "data",
    "node_modules",
    ".git",
];

/// A folder holding more `.rs` files directly than the limit.
#[derive(Debug, PartialEq, Eq)]
pub struct Crowded {
    pub folder: PathBuf,
    pub files: usize,
}

/// Every folder under `top` (itself included) with more than `limit`
/// `.rs` files directly, skipping `SKIPPED_NAMES` and the folders in
/// `skipped` (paths).
pub fn crowded(top: &Path, limit: usize, skipped: &[PathBuf]) -> Res<Vec<Crowded>> {
    let mut found = Vec::new();
    let mut stack = vec![top.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut files = 0;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if path.is_dir() {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                if !SKIPPED_NAMES.contains(&name) && !skipped.contains(&path) {
                    stack.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                files += 1;
            }
        }
        if files > limit {
            found.push(Crowded { folder: dir, files });
        }
    }
    found.sort_by(|a, b| a.folder.cmp(&b.folder));
    Ok(found)
}
