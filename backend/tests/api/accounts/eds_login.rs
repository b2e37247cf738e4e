//! Login with the ЭЦП: a challenge signed with an authentication key opens
//! the account of the certificate's ИИН/БИН; a challenge is single-use and
//! bound to its purpose; each refusal carries its own reason.

use std::path::PathBuf;

use axum::http::StatusCode;
use backend::clock::now_secs;
use backend::demo::pki::{DEMO_CITIZEN_IIN, extra_keystore_path, keystore_path};
use backend::pki::ca::{self, Holder};
use backend::pki::cert::{HolderRole, KeyPurpose};
use backend::pki::sign;
use base64::Engine as _;
use serde_json::json;
use shared::account::SessionDto;

use crate::accounts::steps::{challenge, eds_login, reason, sign_challenge};
use crate::helpers::accounts::DEMO_COMPANY;
use crate::helpers::app::TestApp;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn auth_keystore(app: &TestApp, id_number: &str) -> PathBuf {
    keystore_path(
        &app.state.config.data_dir,
        id_number,
        KeyPurpose::Authentication,
    )
}

#[tokio::test]
async fn the_citizen_and_the_company_log_in_with_their_authentication_keys() {
    let app = TestApp::new().await;
    for id_number in [DEMO_CITIZEN_IIN, DEMO_COMPANY.0] {
        let c = challenge(&app, "login").await;
        let cms = sign_challenge(&auth_keystore(&app, id_number), &c);
        let res = eds_login(&app, &c, &cms).await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
        let session: SessionDto = res.json();
        assert_eq!(session.user.id_number, id_number);
        assert!(res.refresh_cookie().is_some());
        let me = app.get("/api/me").token(&session.access_token).send().await;
        assert_eq!(me.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn a_challenge_is_single_use_and_bound_to_its_purpose() {
    let app = TestApp::new().await;
    let path = auth_keystore(&app, DEMO_CITIZEN_IIN);
    let c = challenge(&app, "login").await;
    let cms = sign_challenge(&path, &c);
    assert_eq!(eds_login(&app, &c, &cms).await.status, StatusCode::OK);
    // Replayed.
    let again = eds_login(&app, &c, &cms).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(reason(&again), "challenge_expired");
    // Unknown.
    let unknown = app
        .post("/api/auth/eds/login")
        .json(json!({ "challenge_id": "nope", "cms": cms }))
        .send()
        .await;
    assert_eq!(reason(&unknown), "challenge_expired");
    // A registration challenge does not log in.
    let reg = challenge(&app, "register").await;
    let cms = sign_challenge(&path, &reg);
    assert_eq!(
        reason(&eds_login(&app, &reg, &cms).await),
        "challenge_expired"
    );
    // A signature over another challenge's document.
    let first = challenge(&app, "login").await;
    let second = challenge(&app, "login").await;
    let cms = sign_challenge(&path, &first);
    assert_eq!(
        reason(&eds_login(&app, &second, &cms).await),
        "content_mismatch"
    );
}

#[tokio::test]
async fn each_bad_signature_is_refused_with_its_reason() {
    let app = TestApp::new().await;
    let dir = &app.state.config.data_dir;
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            keystore_path(dir, DEMO_CITIZEN_IIN, KeyPurpose::Signing),
            "signing_key_for_auth",
        ),
        (
            extra_keystore_path(dir, &format!("{DEMO_CITIZEN_IIN}-auth-revoked.p12")),
            "revoked",
        ),
    ];
    for (path, expected) in cases {
        let c = challenge(&app, "login").await;
        let res = eds_login(&app, &c, &sign_challenge(&path, &c)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reason(&res), expected, "{}", path.display());
    }
    for (cms, expected) in [
        ("", "malformed"),
        ("not base64!", "malformed"),
        ("AAAA", "malformed"),
    ] {
        let c = challenge(&app, "login").await;
        assert_eq!(reason(&eds_login(&app, &c, cms).await), expected, "{cms:?}");
    }

    // A certificate from a certification center the portal does not trust.
    let now = now_secs();
    let rogue_root = ca::root("ROGUE ROOT", now - 86_400, 365).expect("root");
    let holder = Holder {
        iin: DEMO_CITIZEN_IIN.into(),
        surname: "Асқаров".into(),
        given_name: "Ерлан".into(),
        roles: vec![HolderRole::Individual],
        ..Holder::default()
    };
    let rogue = ca::leaf(
        &rogue_root,
        &holder,
        KeyPurpose::Authentication,
        "http://127.0.0.1/pki/demo-nca.crl",
        now - 86_400,
        365,
    )
    .expect("leaf");
    let c = challenge(&app, "login").await;
    let cms = b64(&sign::sign(
        &c.document.to_signed_bytes(),
        &rogue,
        std::slice::from_ref(&rogue_root.cert),
        now - 2,
        false,
    )
    .expect("sign"));
    assert_eq!(reason(&eds_login(&app, &c, &cms).await), "unknown_issuer");
}
