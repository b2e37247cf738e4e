//! The demo certification center's files: every demo account has its
//! keystores, the CRL is served at its distribution point, and a signature
//! made with a demo keystore verifies.

use axum::http::StatusCode;
use backend::clock::now_secs;
use backend::demo::accounts::ACCOUNTS;
use backend::demo::pki::COMPANY_HEAD_IIN;
use backend::demo::pki::KEYSTORE_PASSWORD;
use backend::demo::pki::keystore_path;
use backend::pki::cert::{self, KeyPurpose};
use backend::pki::chain::TrustStore;
use backend::pki::revocation::crl::Crl;
use backend::pki::verify::{Expected, verify};
use backend::pki::{ca::Issued, keystore, sign};
use shared::account::AccountKind;

use crate::helpers::app::TestApp;

#[tokio::test]
async fn every_demo_account_has_working_keystores() {
    let app = TestApp::new().await;
    let root = cert::read(&app.get("/pki/demo-root.pem").send().await.body).expect("root served");
    let nca_res = app.get("/pki/demo-nca.pem").send().await;
    assert_eq!(nca_res.status, StatusCode::OK);
    let nca = cert::read(&nca_res.body).expect("intermediate served");
    let crl_res = app.get("/pki/demo-nca.crl").send().await;
    assert_eq!(crl_res.status, StatusCode::OK);
    let crl = Crl::parse(&crl_res.body).expect("CRL served");
    crl.verify(&nca).expect("CRL signed by the intermediate");
    // The CA keys are never served.
    assert_eq!(
        app.get("/pki/private/demo-nca-key.pem").send().await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/pki/../pki/private/demo-nca-key.pem")
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    let store = TrustStore::new(vec![root], vec![nca]);
    let now = now_secs();
    for account in ACCOUNTS {
        for purpose in [KeyPurpose::Authentication, KeyPurpose::Signing] {
            let path = keystore_path(&app.state.config.data_dir, account.id_number, purpose);
            let bytes = std::fs::read(&path).expect("keystore file");
            assert_eq!(
                keystore::open(&bytes, "wrong password").err(),
                Some(keystore::KeystoreError::WrongPassword)
            );
            let opened = keystore::open(&bytes, KEYSTORE_PASSWORD).expect("opens");
            let key = opened.p256_key().expect("P-256 key");
            let spki = x509_cert::spki::SubjectPublicKeyInfoOwned::from_key(*key.verifying_key())
                .expect("spki");
            let leaf = opened
                .certificates
                .iter()
                .find(|c| c.tbs_certificate.subject_public_key_info == spki)
                .expect("the key's certificate")
                .clone();
            let info = cert::info(&leaf).expect("info");
            assert_eq!(info.purpose, purpose);
            let (iin, bin) = match account.kind {
                AccountKind::Individual => (account.id_number, None),
                AccountKind::LegalEntity => (COMPANY_HEAD_IIN, Some(account.id_number)),
            };
            assert_eq!(info.iin.as_deref(), Some(iin));
            assert_eq!(info.bin.as_deref(), bin);
            assert!(
                info.crl_urls
                    .iter()
                    .all(|u| u.ends_with("/pki/demo-nca.crl"))
            );

            // A document signed with the keystore verifies as that holder's.
            let doc = format!("{{\"account\":\"{}\"}}", account.id_number);
            let signer = Issued { cert: leaf, key };
            let sig = sign::sign(
                doc.as_bytes(),
                &signer,
                &opened.certificates,
                now - 5,
                false,
            )
            .expect("sign");
            let expected = Expected {
                content: doc.as_bytes(),
                iin: Some(iin),
                bin,
                purpose,
            };
            let report =
                verify(&sig, expected, &store, std::slice::from_ref(&crl), now).expect("verifies");
            assert_eq!(report.path.len(), 3);
        }
    }
}
