//! CRLs are fetched from the certificate's distribution point and cached;
//! one that does not answer leaves no CRL, and the verdict says so.

use backend::pki::ca;
use backend::pki::cert::KeyPurpose;
use backend::pki::chain::TrustStore;
use backend::services::eds::trust::Trust;
use shared::eds::EdsCode;
use x509_cert::der::Encode;

use crate::pki::steps::{DAY, DOC, World, expected, verdict};

#[tokio::test]
async fn crls_are_fetched_from_the_distribution_point_and_cached() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let w = World::new();
    let now = w.now;
    let crl = ca::crl(&w.nca, &[], now - 600, now + DAY).expect("crl");
    let body = crl.to_der().expect("der");
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = hits.clone();
    let app = axum::Router::new().route(
        "/crl/nca.crl",
        axum::routing::get(move || {
            let counter = counter.clone();
            let body = body.clone();
            async move {
                counter.fetch_add(1, Ordering::SeqCst);
                body
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("listen");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await });

    let url = format!("http://{addr}/crl/nca.crl");
    let leaf =
        ca::leaf(&w.nca, &w.holder, KeyPurpose::Signing, &url, now - DAY, 365).expect("leaf");
    let trust = Trust::new(
        TrustStore::new(vec![w.root.cert.clone()], vec![w.nca.cert.clone()]),
        vec![],
        None,
    );
    let sig = w.signed(&leaf, DOC);
    for _ in 0..3 {
        trust
            .verify(&sig, expected(KeyPurpose::Signing), now)
            .await
            .expect("verifies with the fetched CRL");
    }
    assert_eq!(hits.load(Ordering::SeqCst), 1, "fetched once, then cached");
    // Past the cache's time, it is fetched again.
    trust
        .verify(&sig, expected(KeyPurpose::Signing), now + 600)
        .await
        .expect("verifies");
    assert_eq!(hits.load(Ordering::SeqCst), 2);

    // A distribution point that does not answer: no CRL, and the verdict says so.
    let dead = ca::leaf(
        &w.nca,
        &w.holder,
        KeyPurpose::Signing,
        "http://127.0.0.1:9/crl/nca.crl",
        now - DAY,
        365,
    )
    .expect("leaf");
    let fresh = Trust::new(
        TrustStore::new(vec![w.root.cert.clone()], vec![]),
        vec![],
        None,
    );
    assert_eq!(
        verdict(
            &fresh,
            &w.signed(&dead, DOC),
            expected(KeyPurpose::Signing),
            now
        )
        .await,
        Some(EdsCode::CrlMissing)
    );
}
