//! The S3 store against a real S3-compatible server, when
//! `TEST_S3_ENDPOINT` names one (`cargo xtask test` starts moto's server for
//! it, with the bucket made): objects put (a large one as a multipart
//! upload), read and deleted directly, then a file attached and downloaded
//! through the API with the portal's storage in the bucket.
//! `TEST_S3_BUCKET`, `TEST_S3_REGION`, `TEST_S3_ACCESS_KEY` and
//! `TEST_S3_SECRET_KEY` override the defaults (`portal-test`, `us-east-1`,
//! `test`, `test`).

use std::io;

use axum::http::StatusCode;
use backend::adapters::storage::{BlobStore, PART, new_key};
use backend::config::{S3Config, Secret, StorageConfig};
use bytes::Bytes;
use futures_util::TryStreamExt;
use shared::files::FileDto;

use crate::helpers::accounts::DEMO_APPLICANT;
use crate::helpers::app::TestApp;
use crate::requests::steps::{pdf, upload};

fn setting(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

#[tokio::test]
async fn files_live_in_a_real_s3_bucket_when_one_is_configured() {
    let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") else {
        eprintln!("skipped: TEST_S3_ENDPOINT names no S3-compatible server");
        return;
    };
    let bucket = setting("TEST_S3_BUCKET", "portal-test");
    let region = setting("TEST_S3_REGION", "us-east-1");
    let access_key = setting("TEST_S3_ACCESS_KEY", "test");
    let secret_key = Secret::new(setting("TEST_S3_SECRET_KEY", "test"));
    let config = S3Config {
        region,
        ..S3Config::new(&endpoint, &bucket, &access_key, secret_key)
    };
    let storage = StorageConfig::S3(config);
    let store = BlobStore::from_config(&storage).expect("an S3 store");

    let key = new_key();
    let content = Bytes::from(pdf(70_000));
    store.put(&key, content.clone()).await.expect("put");
    assert_eq!(store.get(&key).await.expect("get"), content);
    store.delete(&key).await.expect("delete");
    let gone = store.get(&key).await.expect_err("deleted");
    assert_eq!(gone.kind(), io::ErrorKind::NotFound, "{gone}");
    store.delete(&key).await.expect("deleting a missing key");

    // Beyond one part: a multipart upload, read back as a stream.
    let big: Vec<u8> = (0..PART * 2 + 1000).map(|i| (i % 253) as u8).collect();
    let key = new_key();
    store
        .put(&key, Bytes::from(big.clone()))
        .await
        .expect("multipart put");
    let opened = store.open(&key).await.expect("open");
    assert_eq!(opened.size, big.len() as u64);
    let chunks: Vec<Bytes> = opened.chunks.try_collect().await.expect("chunks");
    assert_eq!(chunks.concat(), big);
    store.delete(&key).await.expect("delete");

    let app = TestApp::builder().storage(storage).build().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = app.draft(&token, "med-license", "issuance").await;
    let res = upload(&app, &token, d.id, "diplomas", "Диплом.pdf", pdf(500)).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let kept: FileDto = res.json();
    let res = app
        .get(&format!("/api/requests/{}/files/{}", d.id, kept.id))
        .token(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, pdf(500));
    assert!(
        !app.state.config.data_dir.join("files").exists(),
        "nothing in a local folder"
    );
}
