//! Where attached files live: a [`BlobStore`] behind one interface. The
//! default is a local folder; an S3-compatible object store is the option
//! for several portal processes. Keys are made by the server (32 hex
//! characters), never from a user's file name.

use std::future::Future;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;

use bytes::Bytes;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A store of immutable blobs by key.
pub trait BlobStore: Send + Sync + std::fmt::Debug {
    /// Stores `bytes` under `key`, durably, replacing nothing (keys are new).
    fn put<'a>(&'a self, key: &'a str, bytes: Bytes) -> BoxFuture<'a, io::Result<()>>;
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<Bytes>>;
    /// Removes `key`; a missing key is not an error.
    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<()>>;
}

/// A fresh key for a blob.
pub fn new_key() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// A key the server made: 32 lower-case hex characters, nothing else.
pub fn valid_key(key: &str) -> bool {
    key.len() == 32
        && key
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn bad_key() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, "not a storage key")
}

/// Blobs in a local folder, spread over 256 sub-folders by the key's first
/// two characters; written to a temporary name, flushed, then renamed.
#[derive(Debug)]
pub struct LocalDir {
    root: PathBuf,
}

impl LocalDir {
    pub fn new(root: impl Into<PathBuf>) -> LocalDir {
        LocalDir { root: root.into() }
    }

    fn path(&self, key: &str) -> io::Result<PathBuf> {
        if !valid_key(key) {
            return Err(bad_key());
        }
        Ok(self.root.join(&key[..2]).join(key))
    }
}

async fn write_durably(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use tokio::io::AsyncWriteExt;
    let dir = path.parent().ok_or_else(bad_key)?;
    tokio::fs::create_dir_all(dir).await?;
    let tmp = path.with_extension("part");
    let mut file = tokio::fs::File::create(&tmp).await?;
    file.write_all(bytes).await?;
    file.sync_all().await?;
    drop(file);
    tokio::fs::rename(&tmp, path).await
}

impl BlobStore for LocalDir {
    fn put<'a>(&'a self, key: &'a str, bytes: Bytes) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move { write_durably(&self.path(key)?, &bytes).await })
    }

    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<Bytes>> {
        Box::pin(async move { Ok(Bytes::from(tokio::fs::read(self.path(key)?).await?)) })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BoxFuture<'a, io::Result<()>> {
        Box::pin(async move {
            match tokio::fs::remove_file(self.path(key)?).await {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn local_dir_round_trip() {
        let dir = tempfile::tempdir().expect("dir");
        let store = LocalDir::new(dir.path());
        let key = new_key();
        store
            .put(&key, Bytes::from_static(b"hello"))
            .await
            .expect("put");
        assert_eq!(
            store.get(&key).await.expect("get"),
            Bytes::from_static(b"hello")
        );
        store.delete(&key).await.expect("delete");
        store.delete(&key).await.expect("delete twice");
        assert!(store.get(&key).await.is_err());
        for bad in [
            "../../etc/passwd",
            "",
            "ABCDEF0123456789ABCDEF0123456789",
            "a/",
        ] {
            assert!(store.get(bad).await.is_err(), "{bad}");
        }
    }
}
