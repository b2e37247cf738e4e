//! Server-side ЭЦП verification time: a detached CMS signature over a
//! request-sized document, by a holder of a three-certificate chain (root →
//! intermediate → holder), with the CRL in the portal's cache — the path the
//! API takes (`Trust::verify`). Prints p50, p99 and max for ECDSA P-256 and
//! RSA-2048 signers. Run by `cargo xtask bench`; not a test.

use std::time::{Duration, Instant};

use backend::clock::now_secs;
use backend::pki::ca::{self, Holder};
use backend::pki::cert::{HolderRole, KeyPurpose};
use backend::pki::chain::TrustStore;
use backend::pki::keystore;
use backend::pki::verify::Expected;
use backend::services::eds::trust::Trust;
use shared::eds::SignOrder;
use x509_cert::der::Encode;

const DAY: u64 = 86_400;
const ROUNDS: usize = 2_000;
const IIN: &str = "900101300007";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let now = now_secs();
    let dir = tempfile::tempdir().expect("temp dir");
    let root = ca::root("BENCH ROOT", now - DAY, 3650).expect("root");
    let nca = ca::intermediate(&root, "BENCH NCA", now - DAY, 1825).expect("nca");
    let crl = ca::crl(&nca, &[], now - 60, now + DAY).expect("crl");
    std::fs::write(dir.path().join("nca.crl"), crl.to_der().expect("der")).expect("write");
    let url = "http://bench.invalid/pki/nca.crl";
    let holder = Holder {
        iin: IIN.into(),
        surname: "Асқаров".into(),
        given_name: "Ерлан".into(),
        roles: vec![HolderRole::Individual],
        ..Holder::default()
    };
    let trust = Trust::new(
        TrustStore::new(vec![root.cert], vec![nca.cert.clone()]),
        vec![],
        Some(("http://bench.invalid/pki/".into(), dir.path().to_path_buf())),
    );
    // A request-sized canonical document (~4 KB).
    let doc = format!(
        "{{\"answers\":{{\"notes\":\"{}\"}},\"service\":\"med-license\",\"type\":\"issuance\"}}",
        "Қ".repeat(2_000)
    );
    let order = |purpose| SignOrder {
        password: "bench".into(),
        purpose,
        expect_iin: Some(IIN.into()),
        expect_bin: None,
        now_ms: ((now - 5) * 1000) as f64,
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

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    println!("server-side verification, 3-certificate chain, cached CRL, {ROUNDS} rounds:");
    for (name, p12) in [("ECDSA P-256", &p256_p12), ("RSA-2048", &rsa_p12)] {
        let signed = signer::sign(
            &order(shared::eds::KeyPurpose::Signing),
            p12,
            doc.as_bytes(),
        )
        .expect("sign");
        let expected = Expected {
            content: doc.as_bytes(),
            iin: Some(IIN),
            bin: None,
            purpose: KeyPurpose::Signing,
        };
        let mut times = Vec::with_capacity(ROUNDS);
        runtime.block_on(async {
            // The first call reads the CRL into the cache.
            trust
                .verify(&signed.cms, expected, now)
                .await
                .expect("verifies");
            for _ in 0..ROUNDS {
                let started = Instant::now();
                let report = trust.verify(&signed.cms, expected, now).await;
                times.push(started.elapsed());
                assert!(report.is_ok());
            }
        });
        times.sort();
        println!(
            "  {name:<12} p50 {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms  (target p99 ≤ 5 ms)",
            percentile(&times, 0.50).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            times.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        );
    }
}
