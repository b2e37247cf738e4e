//! A CAdES-T signature of the demo center (its token from `/pki/tsp`)
//! still validates after its key is revoked, at the time its timestamp
//! proves (ETSI EN 319 102-1), while the same signature without the token
//! — and the key's next signature — is refused (issue 25's "done when").

use backend::clock::now_secs;
use backend::demo::center::Center;
use backend::demo::pki::{DEMO_CITIZEN_IIN, KEYSTORE_PASSWORD, keystore_path};
use backend::pki::cert::{self, KeyPurpose};
use backend::pki::{ca::Issued, cms, keystore, sign, tsp};
use shared::eds::validation::{Indication, RevocationSource, SubIndication};

use super::report;
use crate::helpers::app::TestApp;

/// The demo citizen's signing key with its certificate.
pub(super) fn signing_key(app: &TestApp) -> Issued {
    let path = keystore_path(
        &app.state.config.data_dir,
        DEMO_CITIZEN_IIN,
        KeyPurpose::Signing,
    );
    let opened =
        keystore::open(&std::fs::read(path).expect("keystore"), KEYSTORE_PASSWORD).expect("opens");
    let key = opened.p256_key().expect("P-256");
    let spki =
        x509_cert::spki::SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).expect("spki");
    let cert = opened
        .certificates
        .into_iter()
        .find(|c| c.tbs_certificate.subject_public_key_info == spki)
        .expect("its certificate");
    Issued { cert, key }
}

#[tokio::test]
async fn a_timestamped_signature_outlives_the_revocation_of_its_key() {
    let app = TestApp::new().await;
    let key = signing_key(&app);
    let nca = cert::read(&app.get("/pki/demo-nca.pem").send().await.body).expect("nca");
    let signed = sign::sign(b"a decision", &key, &[nca], now_secs(), true).expect("signed");
    let value = cms::signature_value(&signed).expect("value");
    let (request, _) = tsp::request(&value).expect("request");
    let answer = app
        .post("/pki/tsp")
        .header("content-type", "application/timestamp-query")
        .bytes(request)
        .send()
        .await;
    let token = tsp::token_of(&answer.body).expect("granted");
    let cades = tsp::cades_t(&signed, &token).expect("CAdES-T");

    let r = report(&app, &[("signature", &cades)]).await;
    assert_eq!(r.indication, Indication::TotalPassed, "{r:?}");
    let stamped_at = r.signers[0].timestamp.expect("the timestamp read");
    assert_eq!(r.signers[0].validation_time, stamped_at);
    assert_eq!(
        r.signers[0].revocation.map(|c| c.source),
        Some(RevocationSource::Ocsp),
        "the demo center answers by OCSP"
    );

    // A second later the key is revoked at the center.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let center = Center::open(
        &app.state.config.data_dir,
        &app.state.config.public_url,
        now_secs(),
    )
    .expect("center");
    let serial = backend::pki::hex(key.cert.tbs_certificate.serial_number.as_bytes());
    center.revoke(&serial, false, now_secs()).expect("revoked");

    let r = report(&app, &[("signature", &cades)]).await;
    assert_eq!(r.indication, Indication::TotalPassed, "still: {r:?}");
    let r = report(&app, &[("signature", &signed)]).await;
    assert_eq!(
        (r.indication, r.sub_indication),
        (Indication::Indeterminate, Some(SubIndication::RevokedNoPoe)),
        "without its timestamp"
    );
    let next = sign::sign(b"the next one", &key, &[], now_secs(), true).expect("signed");
    let r = report(&app, &[("signature", &next)]).await;
    assert_eq!(r.sub_indication, Some(SubIndication::RevokedNoPoe));
}
