//! The browser's signer (on the host) with the national center's GOST
//! R 34.10-2015 keystores, judged by the server's verifier (issue 25,
//! part 1): at a fixed date inside the 2026 set's validity, against the
//! TEST root → CA with the 2026-08-11 CRL, the valid keys' signatures
//! pass, the revoked and on-hold ones are refused with their own codes;
//! every older key's signature passes the CMS check inside its validity;
//! and a login by the national single key passes the portal's trust (the
//! keys are in `tests/fixtures/nca-test-pki`, its MANIFEST the facts).

use backend::pki::cert::{self, KeyPurpose};
use backend::pki::chain::TrustStore;
use backend::pki::cms;
use backend::pki::revocation::crl::Crl;
use backend::pki::verify::{Expected, verify};
use shared::ErrorCode;
use shared::eds::{EdsCode, SignOrder};

use crate::helpers::app::TestApp;

/// 2026-12-07: the 2026 keys (2026-05-08 … 2027-05-08) and the CRL (to
/// 2027-02-07) are current.
const TODAY: u64 = 1_796_601_600;
const DOC: &[u8] = br#"{"request":"med-license","type":"issuance","iin":"123456789011"}"#;

fn fixture(rel: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/nca-test-pki")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn store() -> TrustStore {
    let c = |rel: &str| cert::read(&fixture(rel)).expect("certificate");
    TrustStore::new(
        vec![c("ca/root_test_gost_2022.cer")],
        vec![c("ca/nca_gost2022_test.cer")],
    )
}

fn crls() -> Vec<Crl> {
    vec![Crl::parse(&fixture("crl/nca_gost2022_test__2026-08-11.crl")).expect("crl")]
}

fn order(password: &str, purpose: shared::eds::KeyPurpose, at: u64) -> SignOrder {
    SignOrder {
        password: password.into(),
        purpose,
        expect_iin: None,
        expect_bin: None,
        now_ms: (at * 1000) as f64,
    }
}

/// The browser's signature over `content` by the 2026 keystore `name`, at `at`.
fn signed(name: &str, purpose: shared::eds::KeyPurpose, at: u64, content: &[u8]) -> Vec<u8> {
    let file = fixture(&format!("p12/2026_gost2015_{name}.p12"));
    signer::sign(&order("Qwerty12", purpose, at), &file, content)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"))
        .cms
}

fn expected(iin: Option<&'static str>, bin: Option<&'static str>) -> Expected<'static> {
    Expected {
        content: DOC,
        iin,
        bin,
        purpose: KeyPurpose::Signing,
    }
}

#[test]
fn the_signers_signatures_by_the_valid_2026_keys_pass_the_servers_verifier() {
    for (name, iin, bin) in [
        ("individual_valid", "123456789011", None),
        ("legal_head_valid", "123456789011", Some("123456789021")),
        (
            "legal_signright_valid",
            "123456789012",
            Some("123456789021"),
        ),
    ] {
        let der = signed(name, shared::eds::KeyPurpose::Signing, TODAY - 60, DOC);
        let report = verify(&der, expected(Some(iin), bin), &store(), &crls(), TODAY)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(report.signer_iin.as_deref(), Some(iin), "{name}");
        assert_eq!(report.signer_bin.as_deref(), bin, "{name}");
        assert_eq!(report.signing_time, TODAY - 60, "{name}");
        assert_eq!(report.path.len(), 3, "{name}: leaf, CA, root");
        // Over other content, or expected of another holder: refused.
        let other = Expected {
            content: b"other",
            ..expected(Some(iin), bin)
        };
        let code =
            |e: Expected<'_>| verify(&der, e, &store(), &crls(), TODAY).map_err(|e| e.code());
        assert_eq!(code(other).err(), Some(EdsCode::ContentMismatch), "{name}");
        assert_eq!(
            code(expected(Some("900101300007"), bin)).err(),
            Some(EdsCode::IinMismatch),
            "{name}"
        );
        // Without the CRL there is no verdict.
        assert_eq!(
            verify(&der, expected(Some(iin), bin), &store(), &[], TODAY)
                .map_err(|e| e.code())
                .err(),
            Some(EdsCode::CrlMissing),
            "{name}"
        );
    }
}

#[test]
fn the_revoked_and_on_hold_2026_keys_sign_in_the_browser_and_are_refused_by_the_server() {
    for (name, code) in [
        // Revoked (superseded), whatever their names say.
        ("legal_employee_valid", EdsCode::Revoked),
        (
            "legal_treasury_valid__repo_named_infosystem",
            EdsCode::Revoked,
        ),
        // Every 2026 `*_revoked` is on hold.
        ("individual_revoked", EdsCode::OnHold),
        ("legal_head_revoked", EdsCode::OnHold),
        ("legal_employee_revoked", EdsCode::OnHold),
        ("legal_signright_revoked", EdsCode::OnHold),
        (
            "legal_treasury_revoked__repo_named_infosystem",
            EdsCode::OnHold,
        ),
    ] {
        let der = signed(name, shared::eds::KeyPurpose::Signing, TODAY - 60, DOC);
        let verdict = verify(&der, expected(None, None), &store(), &crls(), TODAY);
        assert_eq!(verdict.map_err(|e| e.code()).err(), Some(code), "{name}");
    }
}

#[test]
fn every_gost_2015_keys_browser_signature_passes_the_servers_cms_check_inside_its_validity() {
    let manifest = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/nca-test-pki/MANIFEST.tsv"),
    )
    .expect("manifest");
    let mut checked = 0;
    for line in manifest.lines().skip(1) {
        let row: Vec<&str> = line.split('\t').collect();
        let (file, password, not_before, key, eku) = (row[0], row[2], row[5], row[8], row[10]);
        if !(file.starts_with("p12/")
            && key.contains("34.10-2015")
            && eku.contains("1.3.6.1.5.5.7.3.4"))
        {
            continue;
        }
        let at = days(not_before) + 2 * 86_400;
        let done = signer::sign(
            &order(password, shared::eds::KeyPurpose::Signing, at),
            &fixture(file),
            DOC,
        )
        .unwrap_or_else(|e| panic!("{file}: {e:?}"));
        let v = cms::verify(&done.cms, Some(DOC)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(v.signing_time, Some(at), "{file}");
        assert_eq!(
            cms::verify(&done.cms, Some(b"other")).err(),
            Some(cms::CmsError::DigestMismatch),
            "{file}"
        );
        checked += 1;
    }
    assert_eq!(checked, 34);
}

/// "YYYY-MM-DD" → Unix seconds at midnight UTC.
fn days(date: &str) -> u64 {
    let d: Vec<u64> = date
        .split('-')
        .map(|p| p.parse().expect("number"))
        .collect();
    let (y, m) = if d[1] <= 2 {
        (d[0] - 1, d[1] + 9)
    } else {
        (d[0], d[1] - 3)
    };
    let days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + d[2] - 1 - 719_468;
    days * 86_400
}

#[tokio::test]
async fn the_national_single_key_logs_in_through_the_portals_trust() {
    let app = TestApp::builder().national_test().build().await;
    let trust = &app.state.trust;
    let login = |content: &'static [u8]| Expected {
        content,
        iin: None,
        bin: None,
        purpose: KeyPurpose::Authentication,
    };
    let auth = shared::eds::KeyPurpose::Authentication;
    // Signed for a login in the browser: the portal takes it as one.
    let der = signed("individual_valid", auth, TODAY - 60, DOC);
    let report = trust
        .verify(&der, login(DOC), TODAY)
        .await
        .expect("a login");
    assert_eq!(report.signer_iin.as_deref(), Some("123456789011"));
    // The one key is held to the rest: on hold is refused as such.
    let held = signed("individual_revoked", auth, TODAY - 60, DOC);
    let refused = trust.verify(&held, login(DOC), TODAY).await.err();
    assert_eq!(refused.as_ref().map(reason), Some(EdsCode::OnHold));
    // An RSA signing key still does not log in.
    let rsa = fixture("p12/2021_rsa_individual_sign_ncanode.p12");
    let at = 1_622_505_600;
    let done = signer::sign(
        &order("Qwerty12", shared::eds::KeyPurpose::Signing, at),
        &rsa,
        DOC,
    )
    .expect("signs");
    let refused = trust.verify(&done.cms, login(DOC), at).await.err();
    assert_eq!(
        refused.as_ref().map(reason),
        Some(EdsCode::SigningKeyForAuth)
    );
}

fn reason(e: &backend::error::AppError) -> EdsCode {
    match e.code() {
        ErrorCode::SignatureRejected { reason } => reason.clone(),
        other => panic!("not a refused signature: {other:?}"),
    }
}
