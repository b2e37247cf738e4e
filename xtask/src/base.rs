//! Where things are (the repository, the cache outside it, the build
//! output), the result every task gives, and a temporary folder.

use std::net::TcpListener;
use std::path::{Path, PathBuf};

pub type Res<T = ()> = Result<T, String>;

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Where build output and installed tools are cached, outside the clone.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("EGOV_CACHE_DIR") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    home.join(".cache").join("egov-portal")
}

/// `$CARGO_TARGET_DIR`, else a folder of the cache for this checkout
/// (`target/<folder name>-<hash of its path>`). Cargo takes the build of an
/// unchanged workspace crate from another checkout for fresh, and what
/// that build holds (`env!("CARGO_MANIFEST_DIR")`) names the other
/// checkout: two clones must not share one build folder.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| cache_dir().join("target").join(checkout_key(&root())))
}

/// `<last path component>-<16 hex digits of the path's hash>`: stable for
/// one checkout on one toolchain (a new hash only costs a cold build).
fn checkout_key(root: &Path) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    root.hash(&mut hasher);
    let name = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{name}-{:016x}", hasher.finish())
}

/// The built app (Trunk's output and the split wasm), beside the build
/// output and outside the clone.
pub fn dist_dir() -> PathBuf {
    target_dir().join("dist")
}

pub fn free_port() -> Res<u16> {
    let l = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    l.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// A temporary folder removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> Res<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let p = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&p).map_err(|e| format!("cannot create {}: {e}", p.display()))?;
        Ok(TempDir(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_checkout_has_its_own_build_folder() {
        let here = checkout_key(Path::new("/work/main"));
        assert_eq!(here, checkout_key(Path::new("/work/main")));
        assert!(here.starts_with("main-"), "{here}");
        assert_ne!(here, checkout_key(Path::new("/check/work/main")));
    }
}
