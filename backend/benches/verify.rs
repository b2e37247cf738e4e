//! Server-side ЭЦП verification time: a detached CMS signature over a
//! request-sized document, by a holder of a three-certificate chain (root →
//! intermediate → holder), through the path the API takes
//! (`Trust::verify`): ECDSA P-256 and RSA-2048 signers of a demo-like
//! center with its CRL in the portal's cache; a P-256 signer whose
//! certificate names an OCSP responder, asked at every signature (live:
//! answers without `nextUpdate`, as the demo center's) and kept (cached:
//! answers current for an hour); and the national center's GOST R
//! 34.10-2015 (512-bit) 2026 keystore against its TEST root, CA and CRL,
//! and its 2019 GOST 34.310-2004 (256-bit) sample against the 2004 ones.
//! Prints p50, p99 and max of each. Run by `cargo xtask bench`; not a test.

use std::sync::Arc;
use std::time::{Duration, Instant};

use backend::clock::now_secs;
use backend::pki::ca::{self, Holder, Issued, Urls};
use backend::pki::cert::{self, HolderRole, KeyPurpose};
use backend::pki::chain::TrustStore;
use backend::pki::keystore;
use backend::pki::revocation::crl::Crl;
use backend::pki::revocation::ocsp::{Policy, Status, respond::respond_until};
use backend::pki::verify::Expected;
use backend::services::eds::trust::Trust;
use shared::eds::SignOrder;
use x509_cert::der::Encode;

const DAY: u64 = 86_400;
const ROUNDS: usize = 2_000;
const IIN: &str = "900101300007";
/// 2026-12-07: the national 2026 keys and their CRL are current.
const NATIONAL_TODAY: u64 = 1_796_601_600;
/// 2019-08-26T06:12:23Z: the 2019 GOST-2004 sample's signing time.
const SIGNED_2019: u64 = 1_566_799_943;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn order(password: &str, iin: &str, at: u64) -> SignOrder {
    SignOrder {
        password: password.into(),
        purpose: shared::eds::KeyPurpose::Signing,
        expect_iin: Some(iin.into()),
        expect_bin: None,
        now_ms: ((at - 5) * 1000) as f64,
    }
}

/// `rounds` verdicts of `cms` by `trust` at `at`, after one warm-up (the
/// CRL or the OCSP answer into the cache), sorted.
fn measure(
    runtime: &tokio::runtime::Runtime,
    trust: &Trust,
    cms: &[u8],
    expected: Expected<'_>,
    at: u64,
) -> Vec<Duration> {
    let mut times = Vec::with_capacity(ROUNDS);
    runtime.block_on(async {
        trust.verify(cms, expected, at).await.expect("verifies");
        for _ in 0..ROUNDS {
            let started = Instant::now();
            let report = trust.verify(cms, expected, at).await;
            times.push(started.elapsed());
            assert!(report.is_ok());
        }
    });
    times.sort();
    times
}

fn print(name: &str, times: &[Duration]) {
    println!(
        "  {name:<22} p50 {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms  (target p99 ≤ 5 ms)",
        percentile(times, 0.50).as_secs_f64() * 1e3,
        percentile(times, 0.99).as_secs_f64() * 1e3,
        times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
    );
}

fn fixture(rel: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/nca-test-pki")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A trust in one national TEST root and CA, judged by the CRL given.
fn national(root: &str, ca: &str, crl: &str) -> Trust {
    Trust::new(
        TrustStore::new(
            vec![cert::read(&fixture(root)).expect("root")],
            vec![cert::read(&fixture(ca)).expect("ca")],
        ),
        vec![Crl::parse(&fixture(crl)).expect("crl")],
        None,
    )
    .with_policies(Vec::new(), Policy::CrlOnly)
}

/// A trust whose own OCSP responder, answering for `nca` in-process, says
/// every certificate is good, current until `next_update`.
fn with_responder(trust: Trust, nca: &Issued, url: &str, next_update: Option<u64>) -> Trust {
    let nca = nca.clone();
    let answer = move |request: &[u8]| {
        respond_until(request, &nca, |_| Status::Good, now_secs(), next_update)
    };
    trust.with_services(vec![(url.to_owned(), Arc::new(answer))], None)
}

fn main() {
    let now = now_secs();
    let dir = tempfile::tempdir().expect("temp dir");
    let root = ca::root("BENCH ROOT", now - DAY, 3650).expect("root");
    let nca = ca::intermediate(&root, "BENCH NCA", now - DAY, 1825).expect("nca");
    let crl = ca::crl(&nca, &[], now - 60, now + DAY).expect("crl");
    std::fs::write(dir.path().join("nca.crl"), crl.to_der().expect("der")).expect("write");
    let url = "http://bench.invalid/pki/nca.crl";
    let ocsp_url = "http://bench.invalid/pki/ocsp";
    let holder = Holder {
        iin: IIN.into(),
        surname: "Асқаров".into(),
        given_name: "Ерлан".into(),
        roles: vec![HolderRole::Individual],
        ..Holder::default()
    };
    let demo_trust = || {
        Trust::new(
            TrustStore::new(vec![root.cert.clone()], vec![nca.cert.clone()]),
            vec![],
            Some(("http://bench.invalid/pki/".into(), dir.path().to_path_buf())),
        )
    };
    // A request-sized canonical document (~4 KB).
    let doc = format!(
        "{{\"answers\":{{\"notes\":\"{}\"}},\"service\":\"med-license\",\"type\":\"issuance\"}}",
        "Қ".repeat(2_000)
    );
    let expected = |iin| Expected {
        content: doc.as_bytes(),
        iin: Some(iin),
        bin: None,
        purpose: KeyPurpose::Signing,
    };
    let signed = |p12: &[u8], password: &str, iin: &str, at: u64| {
        signer::sign(&order(password, iin, at), p12, doc.as_bytes())
            .expect("sign")
            .cms
    };
    let p256 = ca::leaf(&nca, &holder, KeyPurpose::Signing, url, now - DAY, 365).expect("leaf");
    let p256_p12 = keystore::write(&p256, Some(&nca.cert), "bench", "bench").expect("p12");
    let rsa = ca::leaf_rsa(
        &nca,
        &holder,
        KeyPurpose::Signing,
        url,
        now - DAY,
        365,
        2048,
    )
    .expect("rsa leaf");
    let rsa_p12 = keystore::write_rsa(&rsa, Some(&nca.cert), "bench", "bench").expect("p12");
    let urls = Urls {
        crl: url,
        ocsp: Some(ocsp_url),
    };
    let with_ocsp =
        ca::leaf(&nca, &holder, KeyPurpose::Signing, urls, now - DAY, 365).expect("leaf");
    let ocsp_p12 = keystore::write(&with_ocsp, Some(&nca.cert), "bench", "bench").expect("p12");

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!("server-side verification, 3-certificate chain, {ROUNDS} rounds:");
    for (name, p12) in [("ECDSA P-256, CRL", &p256_p12), ("RSA-2048, CRL", &rsa_p12)] {
        let cms = signed(p12, "bench", IIN, now);
        print(
            name,
            &measure(&runtime, &demo_trust(), &cms, expected(IIN), now),
        );
    }
    let cms = signed(&ocsp_p12, "bench", IIN, now);
    for (name, next_update) in [
        ("P-256, OCSP live", None),
        ("P-256, OCSP cached", Some(now + 3600)),
    ] {
        let trust = with_responder(demo_trust(), &nca, ocsp_url, next_update);
        print(name, &measure(&runtime, &trust, &cms, expected(IIN), now));
    }
    // The national center's GOST-2015 512-bit key, its TEST chain and CRL.
    let national_2015 = national(
        "ca/root_test_gost_2022.cer",
        "ca/nca_gost2022_test.cer",
        "crl/nca_gost2022_test__2026-08-11.crl",
    );
    let p12 = fixture("p12/2026_gost2015_individual_valid.p12");
    let cms = signed(&p12, "Qwerty12", "123456789011", NATIONAL_TODAY);
    let times = measure(
        &runtime,
        &national_2015,
        &cms,
        expected("123456789011"),
        NATIONAL_TODAY,
    );
    print("GOST-2015 512, CRL", &times);
    // GOST 34.310-2004 (256-bit): the center's 2019 SDK sample over its
    // text, at its signing time, against the 2004 TEST root, CA and CRL.
    let national_2004 = national(
        "ca/root_gost_test.pem",
        "ca/nca_gost_test.pem",
        "crl/nca_gost_test__2022-03-29.crl",
    );
    let pem = fixture("samples/cms/2019_sdk_CMS_for_double_sign.pem");
    let (_, cms) = x509_cert::der::pem::decode_vec(&pem).expect("PEM");
    let text = fixture("samples/cms/2019_sdk_CMS_for_double_sign_document.txt");
    let expected_2004 = Expected {
        content: &text,
        iin: Some("123456789012"),
        bin: None,
        purpose: KeyPurpose::Signing,
    };
    let times = measure(&runtime, &national_2004, &cms, expected_2004, SIGNED_2019);
    print("GOST-2004 256, CRL", &times);
}
