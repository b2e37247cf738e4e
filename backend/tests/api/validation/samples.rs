//! The national center's samples and keystores through `POST
//! /api/validation` on a portal trusting the national TEST PKI: each gets
//! the indication its README status implies.

use backend::clock::now_secs;
use shared::eds::EdsCode;
use shared::eds::validation::{Indication, RevocationSource, SignerRole, SubIndication};

use super::report;
use crate::helpers::app::TestApp;

fn fixture(rel: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/nca-test-pki")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[tokio::test]
async fn the_2026_gost_samples_pass_at_todays_date_attached_and_detached() {
    let app = TestApp::builder().national_test().build().await;
    for who in ["individual", "legal_entity"] {
        let document = fixture(&format!("samples/cms/2026_{who}_document.txt"));
        let attached = fixture(&format!("samples/cms/2026_{who}_attached.p7s"));
        let detached = fixture(&format!("samples/cms/2026_{who}_detached.p7s"));
        for (what, parts) in [
            ("attached", vec![("signature", attached.as_slice())]),
            (
                "detached",
                vec![("signature", detached.as_slice()), ("document", &document)],
            ),
        ] {
            let r = report(&app, &parts).await;
            assert_eq!(r.indication, Indication::TotalPassed, "{who} {what}: {r:?}");
            let [signer] = r.signers.as_slice() else {
                panic!("{who} {what}: one signer: {r:?}");
            };
            assert_eq!(signer.key_algorithm.as_deref(), Some("GOST R 34.10-2015"));
            assert_eq!(signer.path.len(), 3, "{who} {what}: leaf, CA, root");
            assert_eq!(
                signer.revocation.map(|c| c.source),
                Some(RevocationSource::Crl),
                "the national test PKI's policy is the CRL"
            );
            assert!(signer.signing_time.is_some());
            assert!(signer.validation_time >= now_secs() - 60);
            if who == "legal_entity" {
                assert_eq!(signer.bin.as_deref(), Some("123456789021"));
                assert!(signer.roles.contains(&SignerRole::LegalEntity));
            } else {
                assert_eq!(signer.iin.as_deref(), Some("123456789011"));
                assert_eq!(signer.roles, [SignerRole::Individual]);
            }
        }
        // The detached one without its document, or with another one.
        let r = report(&app, &[("signature", &detached)]).await;
        assert_eq!(r.indication, Indication::Indeterminate, "{who}");
        assert_eq!(r.sub_indication, Some(SubIndication::SignedDataNotFound));
        let r = report(&app, &[("signature", &detached), ("document", b"other")]).await;
        assert_eq!(
            (r.indication, r.sub_indication),
            (Indication::TotalFailed, Some(SubIndication::HashFailure)),
            "{who}"
        );
    }
}

#[tokio::test]
async fn revoked_and_on_hold_keys_are_refused_with_their_reason() {
    let app = TestApp::builder().national_test().build().await;
    let now = now_secs();
    for (name, code) in [
        ("legal_employee_valid", EdsCode::Revoked),
        ("individual_revoked", EdsCode::OnHold),
    ] {
        let file = fixture(&format!("p12/2026_gost2015_{name}.p12"));
        let order = shared::eds::SignOrder {
            password: "Qwerty12".into(),
            purpose: shared::eds::KeyPurpose::Signing,
            expect_iin: None,
            expect_bin: None,
            now_ms: (now * 1000) as f64,
        };
        let cms = signer::sign(&order, &file, b"a document")
            .expect("signs")
            .cms;
        // The browser's signer makes detached signatures.
        let parts = [("signature", cms.as_slice()), ("document", b"a document")];
        let r = report(&app, &parts).await;
        assert_eq!(
            (r.indication, r.sub_indication),
            (Indication::Indeterminate, Some(SubIndication::RevokedNoPoe)),
            "{name}"
        );
        assert_eq!(r.signers[0].reason, Some(code), "{name}");
    }
}

#[tokio::test]
async fn the_expired_samples_are_judged_at_a_time_inside_their_validity() {
    let app = TestApp::builder().national_test().build().await;
    // The 2021 RSA sample: 2021-06-01, inside its signer's validity.
    let rsa = fixture("samples/cms/2021_ncanode_attached_rsa_1signer.p7s");
    let r = report(
        &app,
        &[("signature", &rsa), ("at", b"2021-06-01T00:00:00Z")],
    )
    .await;
    assert_eq!(r.indication, Indication::TotalPassed, "{r:?}");
    assert_eq!(r.signers[0].key_algorithm.as_deref(), Some("RSA"));
    assert_eq!(r.signers[0].validation_time, 1_622_505_600);
    // Today, the same one is out of its certificate's validity.
    let r = report(&app, &[("signature", &rsa)]).await;
    assert_eq!(
        (r.indication, r.sub_indication),
        (
            Indication::Indeterminate,
            Some(SubIndication::OutOfBoundsNoPoe)
        )
    );
}

/// The GOST 34.310-2004 (256-bit) sample of 2019, detached, over the text
/// the center's SDK example signs: passed at its signing time through the
/// 2004 TEST chain and CRL, out of its certificate's bounds today, and a
/// hash failure over another text.
#[tokio::test]
async fn the_2019_gost_2004_sample_passes_at_its_signing_time() {
    let app = TestApp::builder().national_test().build().await;
    let sig = fixture("samples/cms/2019_sdk_CMS_for_double_sign.pem");
    let doc = fixture("samples/cms/2019_sdk_CMS_for_double_sign_document.txt");
    let at = b"2019-08-26T06:12:23Z";
    let parts = [
        ("signature", sig.as_slice()),
        ("document", &doc),
        ("at", at),
    ];
    let r = report(&app, &parts).await;
    assert_eq!(r.indication, Indication::TotalPassed, "{r:?}");
    let [signer] = r.signers.as_slice() else {
        panic!("one signer: {r:?}");
    };
    assert_eq!(signer.key_algorithm.as_deref(), Some("GOST 34.310-2004"));
    assert_eq!(
        signer.path.last().map(String::as_str),
        Some("НЕГІЗГІ КО TEST (GOST)")
    );
    assert_eq!(signer.bin.as_deref(), Some("123456789021"));
    let today = report(&app, &parts[..2]).await;
    assert_eq!(today.sub_indication, Some(SubIndication::OutOfBoundsNoPoe));
    let other = [
        ("signature", sig.as_slice()),
        ("document", b"Hello world"),
        ("at", at),
    ];
    let r = report(&app, &other).await;
    assert_eq!(r.sub_indication, Some(SubIndication::HashFailure));
}

/// The 2018 SDK sample chains to the 2018 CAs, which bear the production
/// names with no TEST marker and are not trusted (see `trust::national`):
/// no chain, though its signature (naming only its key's algorithm) holds.
#[tokio::test]
async fn the_2018_sample_finds_no_trusted_chain() {
    let app = TestApp::builder().national_test().build().await;
    let sig = fixture("samples/cms/2018_sdk_test_CMS_GOST.pem");
    let r = report(
        &app,
        &[("signature", &sig), ("at", b"2018-12-21T09:25:04Z")],
    )
    .await;
    assert_eq!(
        (r.indication, r.sub_indication),
        (
            Indication::Indeterminate,
            Some(SubIndication::NoCertificateChainFound)
        ),
        "{r:?}"
    );
    assert_eq!(
        r.signers[0].key_algorithm.as_deref(),
        Some("GOST 34.310-2004")
    );
}

/// The co-signed 2022 samples: a GOST-2015 signer whose certificate runs
/// 2022-07-28…2023-07-28 and an RSA one whose runs 2021-01-18…2022-01-18,
/// so no time suits both. Each signer gets its own verdict, and the whole
/// is the worst of them.
#[tokio::test]
async fn each_co_signer_gets_its_own_verdict() {
    let app = TestApp::builder().national_test().build().await;
    let attached = fixture("samples/cms/2022_ncanode_attached_2signers.p7s");
    let detached = fixture("samples/cms/2022_ncanode_detached_2signers.p7s");
    let doc = fixture("samples/cms/2022_ncanode_detached_2signers_document.txt");
    let out = (
        Indication::Indeterminate,
        Some(SubIndication::OutOfBoundsNoPoe),
    );
    for (at, gost, rsa) in [
        (
            &b"2022-09-27T21:17:59Z"[..],
            (Indication::TotalPassed, None),
            out,
        ),
        (
            &b"2021-06-01T00:00:00Z"[..],
            out,
            (Indication::TotalPassed, None),
        ),
    ] {
        for parts in [
            vec![("signature", attached.as_slice()), ("at", at)],
            vec![
                ("signature", detached.as_slice()),
                ("document", &doc),
                ("at", at),
            ],
        ] {
            let r = report(&app, &parts).await;
            let [g, s] = r.signers.as_slice() else {
                panic!("two signers: {r:?}");
            };
            assert_eq!(g.key_algorithm.as_deref(), Some("GOST R 34.10-2015"));
            assert_eq!(s.key_algorithm.as_deref(), Some("RSA"));
            assert_eq!((g.indication, g.sub_indication), gost, "{r:?}");
            assert_eq!((s.indication, s.sub_indication), rsa, "{r:?}");
            assert_eq!(
                (r.indication, r.sub_indication),
                out,
                "the worst of the two"
            );
        }
    }
}
