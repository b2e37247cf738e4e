//! The national center's GOST test PKI end to end (issue 25): its 2026
//! GOST R 34.10-2015 CMS samples at today's date, the revoked and on-hold
//! keys of its 2026-08-11 CRL, and the expired sets inside their validity.

use super::*;
use crate::pki::testdata::*;

/// 2026-12-07, the day this was written: the 2026 samples' certificates
/// (2026-05-08 … 2027-05-08) and the CRL (to 2027-02-07) are current.
const TODAY: u64 = 1_796_601_600;
const CRL_2026: &str = "crl/nca_gost2022_test__2026-08-11.crl";

fn gost_store() -> TrustStore {
    TrustStore::new(
        vec![cert("ca/root_test_gost_2022.cer")],
        vec![cert("ca/nca_gost2022_test.cer")],
    )
}

fn crl(rel: &str) -> Vec<Crl> {
    vec![Crl::parse(&interop(rel)).expect("crl")]
}

#[test]
fn the_2026_gost_samples_pass_at_todays_date() {
    for (sig, doc, iin, bin) in [
        (
            "2026_individual_attached.p7s",
            "2026_individual_document.txt",
            "123456789011",
            None,
        ),
        (
            "2026_individual_detached.p7s",
            "2026_individual_document.txt",
            "123456789011",
            None,
        ),
        (
            "2026_legal_entity_attached.p7s",
            "2026_legal_entity_document.txt",
            "123456789011",
            Some("123456789021"),
        ),
        (
            "2026_legal_entity_detached.p7s",
            "2026_legal_entity_document.txt",
            "123456789011",
            Some("123456789021"),
        ),
    ] {
        let document = interop(&format!("samples/cms/{doc}"));
        let expected = Expected {
            content: &document,
            iin: Some(iin),
            bin,
            purpose: KeyPurpose::Signing,
        };
        let report = verify(
            &interop(&format!("samples/cms/{sig}")),
            expected,
            &gost_store(),
            &crl(CRL_2026),
            TODAY,
        )
        .unwrap_or_else(|e| panic!("{sig}: {e}"));
        assert_eq!(report.signer_iin.as_deref(), Some(iin), "{sig}");
        assert_eq!(report.path.len(), 3, "{sig}: leaf, CA, root");
        // Without the CRL there is no verdict.
        assert_eq!(
            verify(
                &interop(&format!("samples/cms/{sig}")),
                expected,
                &gost_store(),
                &[],
                TODAY
            )
            .map_err(|e| e.code()),
            Err(EdsCode::CrlMissing),
            "{sig}"
        );
    }
}

/// The README's status on 2026-11-23: `legal_employee_valid` and
/// `legal_treasury_valid` are revoked despite their names; every 2026
/// `*_revoked` is on hold; the four others are good.
#[test]
fn revoked_and_on_hold_keys_are_refused_with_their_own_codes() {
    let code = |leaf: &str| {
        chain::validate(
            &cert(&format!("certs/2026_gost2015_{leaf}.leaf.pem")),
            &gost_store(),
            &crl(CRL_2026),
            TODAY,
        )
        .map(|_| ())
        .map_err(|e| VerifyError::ChainNow(e).code())
    };
    for good in [
        "individual_valid",
        "legal_head_valid",
        "legal_signright_valid",
        "infosystem_valid__repo_named_treasury",
    ] {
        assert_eq!(code(good), Ok(()), "{good}");
    }
    for revoked in [
        "legal_employee_valid",
        "legal_treasury_valid__repo_named_infosystem",
    ] {
        assert_eq!(code(revoked), Err(EdsCode::Revoked), "{revoked}");
    }
    for held in [
        "individual_revoked",
        "legal_employee_revoked",
        "legal_head_revoked",
        "legal_signright_revoked",
        "legal_treasury_revoked__repo_named_infosystem",
        "infosystem_revoked__repo_named_treasury",
    ] {
        assert_eq!(code(held), Err(EdsCode::OnHold), "{held}");
    }
}

/// The expired sets, at a time inside their validity, with the CRL then
/// current; at today's date, expired.
#[test]
fn the_expired_sets_verify_inside_their_validity() {
    let cases = [
        // 2024-10-29 … 2025-10-29, CRL 2025-04-29 … 2025-10-26; at 2025-05-01.
        (
            "certs/2023-25_gost2015_skarm_GOST512_0d79679f360a2da49a631a0b1ac76f76c34b6f24.leaf.pem",
            "crl/nca_gost2022_test__2025-04-29.crl",
            1_746_057_600,
        ),
        // 2023-11-10 … 2024-11-09, CRL 2023-10-11 … 2024-04-08; at 2023-11-15.
        (
            "certs/2023-25_gost2015_skarm_GOST512_02c7a21f2df78b99cb67323e2e255779bb6ae309.leaf.pem",
            "crl/nca_gost2022_test__2023-10-11.crl",
            1_700_006_400,
        ),
    ];
    for (leaf, crl_file, at) in cases {
        let leaf_cert = cert(leaf);
        let path = chain::validate(&leaf_cert, &gost_store(), &crl(crl_file), at)
            .unwrap_or_else(|e| panic!("{leaf}: {e}"));
        assert_eq!(path.len(), 3);
        assert_eq!(
            chain::validate(&leaf_cert, &gost_store(), &crl(CRL_2026), TODAY).err(),
            Some(ChainError::Expired(0)),
            "{leaf}"
        );
    }
    // One of that set the 2025 list revokes.
    assert_eq!(
        chain::validate(
            &cert("certs/2023-25_gost2015_skarm_GOST512_0860d9665327c26760c213126760a3b73072218d.leaf.pem"),
            &gost_store(),
            &crl("crl/nca_gost2022_test__2025-04-29.crl"),
            1_746_057_600
        )
        .err(),
        Some(ChainError::Revoked(0))
    );
    // GOST 34.310-2004: root → CA → a 2022 legal entity's head, in 2022.
    let store_2004 = TrustStore::new(
        vec![cert("ca/root_gost_test.pem")],
        vec![cert("ca/nca_gost_test.pem")],
    );
    let path = chain::validate(
        &cert("certs/2022_gost2004_legal_ceo.cer"),
        &store_2004,
        &crl("crl/nca_gost_test__2022-03-29.crl"),
        1_650_000_000,
    )
    .expect("2004 chain in April 2022");
    assert_eq!(path.len(), 3);
}

/// Two signers (GOST-2015 and RSA) of the national center's 2022 sample:
/// each reported; only one accepted where one signer is expected.
#[test]
fn each_signer_of_a_co_signed_sample_is_reported() {
    let attached = interop("samples/cms/2022_ncanode_attached_2signers.p7s");
    let detached = interop("samples/cms/2022_ncanode_detached_2signers.p7s");
    let each = cms::verify_each(&attached, None).expect("attached");
    let content = each[0].as_ref().expect("first signer").content.clone();
    for (sample, der, given) in [
        ("attached", &attached, None),
        ("detached", &detached, Some(content.as_slice())),
    ] {
        let each = cms::verify_each(der, given).expect(sample);
        let keys: Vec<String> = each
            .iter()
            .map(|r| {
                r.as_ref()
                    .map(|v| {
                        v.signer
                            .tbs_certificate
                            .subject_public_key_info
                            .algorithm
                            .oid
                            .to_string()
                    })
                    .unwrap_or_else(|e| panic!("{sample}: {e}"))
            })
            .collect();
        assert_eq!(
            keys,
            ["1.2.398.3.10.1.1.2.2", "1.2.840.113549.1.1.1"],
            "{sample}"
        );
        assert_eq!(
            cms::verify(der, given).err(),
            Some(CmsError::SignerCount(2)),
            "{sample}"
        );
    }
    // Other content: each signer refused.
    let each = cms::verify_each(&detached, Some(b"other")).expect("parsed");
    assert!(
        each.iter()
            .all(|r| r.as_ref().err() == Some(&CmsError::DigestMismatch))
    );
}
