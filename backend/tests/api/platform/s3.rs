//! The S3 store against a real S3-compatible server, when
//! `TEST_S3_ENDPOINT` names one (`cargo xtask test` starts moto's server for
//! it): objects put, read and deleted directly, then a file attached and
//! downloaded through the API with the portal's storage in the bucket.
//! `TEST_S3_BUCKET`, `TEST_S3_REGION`, `TEST_S3_ACCESS_KEY` and
//! `TEST_S3_SECRET_KEY` override the defaults (`portal-test`, `us-east-1`,
//! `test`, `test`).

use std::io;

use axum::http::StatusCode;
use backend::adapters::s3::S3Settings;
use backend::adapters::s3::S3Store;
use backend::adapters::storage::BlobStore;
use backend::adapters::storage::new_key;
use backend::config::{Secret, StorageConfig};
use bytes::Bytes;
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
    let store = S3Store::new(&S3Settings {
        endpoint: &endpoint,
        bucket: &bucket,
        region: &region,
        access_key: &access_key,
        secret_key: &secret_key,
        path_style: true,
    })
    .expect("an S3 store");
    store.create_bucket().await.expect("the bucket");
    store.create_bucket().await.expect("the bucket, again");

    let key = new_key();
    let content = Bytes::from(pdf(70_000));
    store.put(&key, content.clone()).await.expect("put");
    assert_eq!(store.get(&key).await.expect("get"), content);
    store.delete(&key).await.expect("delete");
    let gone = store.get(&key).await.expect_err("deleted");
    assert_eq!(gone.kind(), io::ErrorKind::NotFound, "{gone}");
    store.delete(&key).await.expect("deleting a missing key");

    let app = TestApp::builder()
        .storage(StorageConfig::S3 {
            endpoint,
            bucket,
            region,
            access_key,
            secret_key,
            path_style: true,
        })
        .build()
        .await;
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
