//! Nothing is fetched for an untrusted certificate (issue 25): a CMS whose
//! signer a foreign certification center issued — its self-signed root and
//! CA carried beside it, every one naming a distribution point and an OCSP
//! responder on a loopback listener — makes no connection at all, for an ЭЦП login (authentication
//! key) as for a signed request (signing key). The same listener named by a
//! certificate of the trusted center is connected to, so the count is live.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use backend::pki::ca::{self, Issued};
use backend::pki::cert::KeyPurpose;
use backend::pki::chain::TrustStore;
use backend::pki::sign::sign;
use backend::services::eds::trust::Trust;
use shared::eds::EdsCode;

use crate::pki::steps::{DAY, DOC, World, expected, verdict};

/// A TCP listener on loopback that counts the connections it accepts
/// (and closes them: no CRL is served).
async fn counting_listener() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("listen");
    let addr = listener.local_addr().expect("addr");
    let count = Arc::new(AtomicUsize::new(0));
    let counter = count.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
            drop(socket);
        }
    });
    (format!("http://{addr}/crl/ca.crl"), count)
}

/// The listener named as both the CRL distribution point and the OCSP
/// responder.
fn both(url: &str) -> ca::Urls<'_> {
    ca::Urls {
        crl: url,
        ocsp: Some(url),
    }
}

#[tokio::test]
async fn a_foreign_certificate_causes_no_outgoing_connection() {
    let w = World::new();
    let now = w.now;
    let (url, connections) = counting_listener().await;
    let trust = Trust::new(
        TrustStore::new(vec![w.root.cert.clone()], vec![w.nca.cert.clone()]),
        vec![],
        None,
    );

    let foreign_root = ca::root("FOREIGN ROOT", now - 30 * DAY, 3650).expect("root");
    let foreign_ca =
        ca::intermediate(&foreign_root, "SUITE NCA", now - 30 * DAY, 1825).expect("ca");
    for purpose in [KeyPurpose::Authentication, KeyPurpose::Signing] {
        let leaf: Issued =
            ca::leaf(&foreign_ca, &w.holder, purpose, both(&url), now - DAY, 365).expect("leaf");
        let carried = [foreign_ca.cert.clone(), foreign_root.cert.clone()];
        let sig = sign(DOC, &leaf, &carried, now - 5, false).expect("sign");
        assert_eq!(
            verdict(&trust, &sig, expected(purpose), now).await,
            Some(EdsCode::UnknownIssuer)
        );
        // Its own root carried as the signer's issuer changes nothing.
        let by_root = sign(
            DOC,
            &leaf,
            std::slice::from_ref(&foreign_root.cert),
            now - 5,
            false,
        )
        .expect("sign");
        assert!(
            verdict(&trust, &by_root, expected(purpose), now)
                .await
                .is_some()
        );
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(
        connections.load(Ordering::SeqCst),
        0,
        "no connection for a foreign certificate"
    );

    // The trusted center's certificate naming the same address: fetched.
    let trusted = ca::leaf(
        &w.nca,
        &w.holder,
        KeyPurpose::Signing,
        both(&url),
        now - DAY,
        365,
    )
    .expect("leaf");
    let sig = w.signed(&trusted, DOC);
    assert_eq!(
        verdict(&trust, &sig, expected(KeyPurpose::Signing), now).await,
        Some(EdsCode::CrlMissing)
    );
    assert!(
        connections.load(Ordering::SeqCst) >= 2,
        "the trusted certificate's OCSP responder and CRL were asked"
    );
}
