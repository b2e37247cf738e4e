//! Where attached files live: a [`BlobStore`], one interface over Apache
//! Arrow's `object_store` — its `LocalFileSystem` (the default: a folder)
//! or its `AmazonS3` (an S3-compatible bucket, for several portal
//! processes; [`s3`]). A blob goes in from one buffer without a copy, in
//! 5 MiB parts of a multipart upload when larger, and comes out as a
//! stream of chunks. Keys are made by the server (32 hex characters),
//! never from a user's file name.

mod s3;

use std::io;
use std::path::Path as FsPath;
use std::sync::Arc;

use bytes::Bytes;
use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};

use crate::config::StorageConfig;

/// Blobs larger than this go up as a multipart upload of parts this size
/// (S3's smallest part but the last).
pub const PART: usize = 5 * 1024 * 1024;

/// A blob being read: its size and its bytes, chunk by chunk.
pub struct BlobStream {
    pub size: u64,
    pub chunks: BoxStream<'static, io::Result<Bytes>>,
}

impl std::fmt::Debug for BlobStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlobStream")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

/// A store of immutable blobs by key.
#[derive(Debug, Clone)]
pub struct BlobStore {
    store: Arc<dyn ObjectStore>,
    /// A folder: keys spread over 256 sub-folders by their first two
    /// characters (`ab/ab…`); a bucket: the key itself.
    fan_out: bool,
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

fn io_error(e: object_store::Error) -> io::Error {
    match e {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, e),
        e => io::Error::other(e),
    }
}

impl BlobStore {
    /// The store `config` names.
    pub fn from_config(config: &StorageConfig) -> Result<BlobStore, String> {
        match config {
            StorageConfig::Local(dir) => BlobStore::local(dir),
            StorageConfig::S3(s3) => Ok(BlobStore {
                store: s3::store(s3)?,
                fan_out: false,
            }),
        }
    }

    /// Blobs in the folder `root` (made when missing), each written to a
    /// staging name, flushed to the disk with its folder, then renamed.
    pub fn local(root: &FsPath) -> Result<BlobStore, String> {
        std::fs::create_dir_all(root).map_err(|e| format!("{}: {e}", root.display()))?;
        let store = LocalFileSystem::new_with_prefix(root)
            .map_err(|e| format!("{}: {e}", root.display()))?
            .with_fsync(true);
        Ok(BlobStore {
            store: Arc::new(store),
            fan_out: true,
        })
    }

    fn path(&self, key: &str) -> io::Result<Path> {
        if !valid_key(key) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a storage key",
            ));
        }
        Ok(if self.fan_out {
            Path::from_iter([&key[..2], key])
        } else {
            Path::from(key)
        })
    }

    /// Stores `bytes` under `key`, durably, replacing nothing (keys are
    /// new): one request, or a multipart upload of [`PART`]-sized parts.
    pub async fn put(&self, key: &str, bytes: Bytes) -> io::Result<()> {
        let path = self.path(key)?;
        if bytes.len() <= PART {
            self.store
                .put(&path, PutPayload::from(bytes))
                .await
                .map_err(io_error)?;
            return Ok(());
        }
        let upload = self.store.put_multipart(&path).await.map_err(io_error)?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART);
        writer.put(bytes);
        match writer.finish().await {
            Ok(_) => Ok(()),
            Err(e) => Err(io_error(e)),
        }
    }

    /// The whole blob (small ones: result documents).
    pub async fn get(&self, key: &str) -> io::Result<Bytes> {
        let path = self.path(key)?;
        let got = self.store.get(&path).await.map_err(io_error)?;
        got.bytes().await.map_err(io_error)
    }

    /// The blob as a stream of chunks, never whole in memory.
    pub async fn open(&self, key: &str) -> io::Result<BlobStream> {
        let path = self.path(key)?;
        let got = self.store.get(&path).await.map_err(io_error)?;
        Ok(BlobStream {
            size: got.meta.size,
            chunks: got.into_stream().map_err(io_error).boxed(),
        })
    }

    /// Removes `key`; a missing key is not an error.
    pub async fn delete(&self, key: &str) -> io::Result<()> {
        match self.store.delete(&self.path(key)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(io_error(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn read_all(store: &BlobStore, key: &str) -> Vec<u8> {
        let opened = store.open(key).await.expect("open");
        let chunks: Vec<Bytes> = opened.chunks.try_collect().await.expect("chunks");
        let all = chunks.concat();
        assert_eq!(all.len() as u64, opened.size);
        all
    }

    #[tokio::test]
    async fn local_folder_round_trip() {
        let dir = tempfile::tempdir().expect("dir");
        let store = BlobStore::local(&dir.path().join("files")).expect("store");
        let key = new_key();
        store
            .put(&key, Bytes::from_static(b"hello"))
            .await
            .expect("put");
        assert_eq!(
            store.get(&key).await.expect("get"),
            Bytes::from_static(b"hello")
        );
        // The folder layout of the portal's earlier releases.
        assert!(
            dir.path()
                .join("files")
                .join(&key[..2])
                .join(&key)
                .is_file()
        );
        store.delete(&key).await.expect("delete");
        store.delete(&key).await.expect("delete twice");
        let gone = store.get(&key).await.expect_err("deleted");
        assert_eq!(gone.kind(), io::ErrorKind::NotFound);
        for bad in [
            "../../etc/passwd",
            "",
            "ABCDEF0123456789ABCDEF0123456789",
            "a/",
        ] {
            assert!(store.get(bad).await.is_err(), "{bad}");
        }
    }

    #[tokio::test]
    async fn a_large_blob_goes_in_parts_and_comes_back_whole() {
        let dir = tempfile::tempdir().expect("dir");
        let store = BlobStore::local(dir.path()).expect("store");
        let key = new_key();
        let big: Vec<u8> = (0..PART * 2 + 12_345).map(|i| (i % 251) as u8).collect();
        store
            .put(&key, Bytes::from(big.clone()))
            .await
            .expect("put");
        assert_eq!(read_all(&store, &key).await, big);
    }
}
