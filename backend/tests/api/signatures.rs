//! The server's verdict on signatures, case by case: every way a signature
//! can be wrong is refused with its own code (`shared::eds::EdsCode`), through
//! the same `Trust::verify` the API uses. Signatures come from the portal's
//! own signers (the demo center's P-256 keys here, the browser's signer
//! crate for RSA) and from OpenSSL, in both directions.

use std::path::Path;
use std::process::Command;

use backend::clock::now_secs;
use backend::pki::ca::{self, Holder, Issued, IssuedRsa, Revocation};
use backend::pki::cert::{HolderRole, KeyPurpose};
use backend::pki::chain::TrustStore;
use backend::pki::crl::Crl;
use backend::pki::keystore;
use backend::pki::sign::sign;
use backend::pki::verify::Expected;
use backend::services::eds::trust::Trust;
use p256::pkcs8::{EncodePrivateKey, LineEnding};
use shared::ErrorCode;
use shared::eds::{EdsCode, SignOrder};
use x509_cert::der::{Encode, EncodePem};

const DAY: u64 = 86_400;
const IIN: &str = "900101300007";
const BIN: &str = "050440000002";
const URL: &str = "http://127.0.0.1/pki/demo-nca.crl";
const DOC: &[u8] = br#"{"request":"med-license","type":"issuance"}"#;
const PASSWORD: &str = "suite-2026";

struct World {
    now: u64,
    root: Issued,
    nca: Issued,
    holder: Holder,
    sign: Issued,
}

impl World {
    fn new() -> World {
        let now = now_secs();
        let root = ca::root("SUITE ROOT", now - 30 * DAY, 3650).expect("root");
        let nca = ca::intermediate(&root, "SUITE NCA", now - 30 * DAY, 1825).expect("nca");
        let holder = Holder {
            iin: IIN.into(),
            surname: "Асқаров".into(),
            given_name: "Ерлан".into(),
            roles: vec![HolderRole::Individual],
            ..Holder::default()
        };
        let sign = ca::leaf(&nca, &holder, KeyPurpose::Signing, URL, now - DAY, 365).expect("leaf");
        World {
            now,
            root,
            nca,
            holder,
            sign,
        }
    }

    fn leaf(&self, purpose: KeyPurpose, not_before: u64, days: u64) -> Issued {
        ca::leaf(&self.nca, &self.holder, purpose, URL, not_before, days).expect("leaf")
    }

    fn crl(&self, by: &Issued, revoked: &[(&Issued, bool)], this: u64, next: u64) -> Crl {
        let list: Vec<Revocation> = revoked
            .iter()
            .map(|(i, hold)| Revocation {
                serial: i.cert.tbs_certificate.serial_number.clone(),
                at: self.now - 3600,
                hold: *hold,
            })
            .collect();
        let crl = ca::crl(by, &list, this, next).expect("crl");
        Crl::parse(&crl.to_der().expect("der")).expect("parse")
    }

    fn trust_with(&self, crls: Vec<Crl>, intermediates: Vec<x509_cert::Certificate>) -> Trust {
        Trust::new(
            TrustStore::new(vec![self.root.cert.clone()], intermediates),
            crls,
            None,
        )
    }

    fn trust(&self) -> Trust {
        let current = self.crl(&self.nca, &[], self.now - 600, self.now + DAY);
        self.trust_with(vec![current], vec![])
    }

    fn signed(&self, by: &Issued, content: &[u8]) -> Vec<u8> {
        sign(
            content,
            by,
            std::slice::from_ref(&self.nca.cert),
            self.now - 5,
            false,
        )
        .expect("sign")
    }
}

fn expected(purpose: KeyPurpose) -> Expected<'static> {
    Expected {
        content: DOC,
        iin: Some(IIN),
        bin: None,
        purpose,
    }
}

async fn verdict(trust: &Trust, der: &[u8], expected: Expected<'_>, now: u64) -> Option<EdsCode> {
    match trust.verify(der, expected, now).await.err()?.code() {
        ErrorCode::SignatureRejected { reason } => Some(reason.clone()),
        other => panic!("not a refused signature: {other:?}"),
    }
}

/// Runs `openssl`, which the test command installs; panics with its output.
fn openssl(args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl (Debian's package) is installed by `cargo xtask test`");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn write_pem_rsa(dir: &Path, name: &str, issued: &IssuedRsa) -> (String, String) {
    use rsa::pkcs8::EncodePrivateKey as _;
    let cert = dir.join(format!("{name}.pem"));
    let key = dir.join(format!("{name}-key.pem"));
    std::fs::write(&cert, issued.cert.to_pem(LineEnding::LF).expect("pem")).expect("write");
    std::fs::write(
        &key,
        issued
            .key
            .to_pkcs8_pem(LineEnding::LF)
            .expect("pem")
            .as_bytes(),
    )
    .expect("write");
    (path_str(&cert), path_str(&key))
}

fn path_str(p: &Path) -> String {
    p.to_str().expect("utf-8 path").to_owned()
}

/// A detached CMS signature of `DOC` made by `openssl cms -sign`.
fn openssl_sign(dir: &Path, cert: &str, key: &str, md: &str, chain: &str) -> Vec<u8> {
    let content = dir.join("doc.bin");
    std::fs::write(&content, DOC).expect("write");
    let out = dir.join(format!("sig-{md}.der"));
    openssl(&[
        "cms",
        "-sign",
        "-binary",
        "-in",
        &path_str(&content),
        "-signer",
        cert,
        "-inkey",
        key,
        "-certfile",
        chain,
        "-md",
        md,
        "-outform",
        "DER",
        "-out",
        &path_str(&out),
    ]);
    std::fs::read(out).expect("signature")
}

#[tokio::test]
async fn every_way_to_be_wrong_has_its_own_code() {
    let w = World::new();
    let trust = w.trust();
    let now = w.now;
    let good = w.signed(&w.sign, DOC);
    assert_eq!(
        verdict(&trust, &good, expected(KeyPurpose::Signing), now).await,
        None,
        "the valid signature"
    );

    let mut cases: Vec<(&str, Option<EdsCode>, EdsCode)> = Vec::new();
    let mut case = |name, got, want| cases.push((name, got, want));

    // The certificate's time.
    let expired = w.leaf(KeyPurpose::Signing, now - 400 * DAY, 365);
    case(
        "expired",
        verdict(
            &trust,
            &w.signed(&expired, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::Expired,
    );
    let future = w.leaf(KeyPurpose::Signing, now + 10 * DAY, 365);
    case(
        "not yet valid",
        verdict(
            &trust,
            &w.signed(&future, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::NotYetValid,
    );
    case(
        "signing time in the future",
        verdict(
            &trust,
            &sign(DOC, &w.sign, &[], now + 3600, false).expect("sign"),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::SigningTime,
    );

    // Revocation.
    let revoked = w.leaf(KeyPurpose::Signing, now - DAY, 365);
    let held = w.leaf(KeyPurpose::Signing, now - DAY, 365);
    let listing = w.trust_with(
        vec![w.crl(
            &w.nca,
            &[(&revoked, false), (&held, true)],
            now - 600,
            now + DAY,
        )],
        vec![],
    );
    case(
        "revoked",
        verdict(
            &listing,
            &w.signed(&revoked, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::Revoked,
    );
    case(
        "on hold",
        verdict(
            &listing,
            &w.signed(&held, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::OnHold,
    );
    let stale = w.trust_with(vec![w.crl(&w.nca, &[], now - 10 * DAY, now - DAY)], vec![]);
    case(
        "stale CRL",
        verdict(&stale, &good, expected(KeyPurpose::Signing), now).await,
        EdsCode::CrlStale,
    );
    // A CRL that names the intermediate (issuer and key identifier) but
    // was signed by another CA's key.
    let other_ca = ca::intermediate(&w.root, "OTHER NCA", now - 30 * DAY, 1825).expect("ca");
    let impersonator = Issued {
        cert: w.nca.cert.clone(),
        key: other_ca.key.clone(),
    };
    let forged = w.trust_with(
        vec![w.crl(&impersonator, &[], now - 600, now + DAY)],
        vec![],
    );
    case(
        "CRL signed by another CA",
        verdict(&forged, &good, expected(KeyPurpose::Signing), now).await,
        EdsCode::CrlForged,
    );
    let no_crl = w.trust_with(vec![], vec![]);
    case(
        "no CRL",
        verdict(&no_crl, &good, expected(KeyPurpose::Signing), now).await,
        EdsCode::CrlMissing,
    );

    // The path.
    let rogue_root = ca::root("ROGUE", now - DAY, 365).expect("root");
    let rogue = ca::leaf(
        &rogue_root,
        &w.holder,
        KeyPurpose::Signing,
        URL,
        now - DAY,
        365,
    )
    .expect("leaf");
    case(
        "unknown issuer",
        verdict(
            &trust,
            &sign(
                DOC,
                &rogue,
                std::slice::from_ref(&rogue_root.cert),
                now - 5,
                false,
            )
            .expect("sign"),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::UnknownIssuer,
    );
    let self_signed = ca::root("Асқаров Ерлан", now - DAY, 365).expect("self-signed");
    case(
        "self-signed leaf",
        verdict(
            &trust,
            &sign(DOC, &self_signed, &[], now - 5, false).expect("sign"),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::SelfSigned,
    );
    // A holder's certificate configured as an intermediate by mistake, and
    // a certificate it "issued".
    let not_a_ca = w.leaf(KeyPurpose::Signing, now - DAY, 365);
    let someone_else = Holder {
        iin: "880202400001".into(),
        surname: "Серікова".into(),
        given_name: "Айгүл".into(),
        ..w.holder.clone()
    };
    let under = ca::leaf(
        &not_a_ca,
        &someone_else,
        KeyPurpose::Signing,
        URL,
        now - DAY,
        365,
    )
    .expect("leaf");
    let misconfigured = w.trust_with(
        vec![w.crl(&w.nca, &[], now - 600, now + DAY)],
        vec![w.nca.cert.clone(), not_a_ca.cert.clone()],
    );
    case(
        "intermediate not a CA",
        verdict(
            &misconfigured,
            &sign(DOC, &under, &[], now - 5, false).expect("sign"),
            Expected {
                iin: Some("880202400001"),
                ..expected(KeyPurpose::Signing)
            },
            now,
        )
        .await,
        EdsCode::IssuerNotCa,
    );

    // The key and the holder.
    let neither = w.leaf(KeyPurpose::Other, now - DAY, 365);
    case(
        "wrong key usage",
        verdict(
            &trust,
            &w.signed(&neither, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::WrongKeyUsage,
    );
    let auth = w.leaf(KeyPurpose::Authentication, now - DAY, 365);
    case(
        "authentication key used to sign",
        verdict(
            &trust,
            &w.signed(&auth, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::AuthKeyForSigning,
    );
    case(
        "ИИН mismatch",
        verdict(
            &trust,
            &good,
            Expected {
                iin: Some("880202400001"),
                ..expected(KeyPurpose::Signing)
            },
            now,
        )
        .await,
        EdsCode::IinMismatch,
    );
    case(
        "БИН mismatch",
        verdict(
            &trust,
            &good,
            Expected {
                bin: Some(BIN),
                ..expected(KeyPurpose::Signing)
            },
            now,
        )
        .await,
        EdsCode::BinMismatch,
    );

    // The bytes.
    case(
        "tampered content",
        verdict(
            &trust,
            &good,
            Expected {
                content: br#"{"request":"med-license","type":"duplicate"}"#,
                ..expected(KeyPurpose::Signing)
            },
            now,
        )
        .await,
        EdsCode::ContentMismatch,
    );
    let mut tampered = good.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 0x01;
    case(
        "tampered signature",
        verdict(&trust, &tampered, expected(KeyPurpose::Signing), now).await,
        EdsCode::BadSignature,
    );
    let impostor = Issued {
        cert: w.leaf(KeyPurpose::Signing, now - DAY, 365).cert,
        key: w.sign.key.clone(),
    };
    case(
        "signer certificate swapped",
        verdict(
            &trust,
            &w.signed(&impostor, DOC),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::BadSignature,
    );
    case(
        "detached content missing",
        backend::pki::cms::verify(&good, None)
            .err()
            .map(|e| backend::pki::verify::VerifyError::Cms(e).code()),
        EdsCode::ContentMissing,
    );
    case(
        "garbage",
        verdict(
            &trust,
            b"certainly not a signature",
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::Malformed,
    );
    case(
        "empty",
        verdict(&trust, b"", expected(KeyPurpose::Signing), now).await,
        EdsCode::Malformed,
    );
    case(
        "truncated DER",
        verdict(
            &trust,
            &good[..good.len() / 2],
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::Malformed,
    );

    // Algorithms, with signatures made by OpenSSL.
    let dir = tempfile::tempdir().expect("temp");
    let nca_pem = dir.path().join("nca.pem");
    std::fs::write(&nca_pem, w.nca.cert.to_pem(LineEnding::LF).expect("pem")).expect("write");
    let nca_pem = path_str(&nca_pem);
    let rsa = ca::leaf_rsa(
        &w.nca,
        &w.holder,
        KeyPurpose::Signing,
        URL,
        now - DAY,
        365,
        2048,
    )
    .expect("rsa");
    let (cert, key) = write_pem_rsa(dir.path(), "rsa", &rsa);
    case(
        "SHA-1",
        verdict(
            &trust,
            &openssl_sign(dir.path(), &cert, &key, "sha1", &nca_pem),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::WeakAlgorithm,
    );
    case(
        "MD5",
        verdict(
            &trust,
            &openssl_sign(dir.path(), &cert, &key, "md5", &nca_pem),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::WeakAlgorithm,
    );
    let rsa1024 = ca::leaf_rsa(
        &w.nca,
        &w.holder,
        KeyPurpose::Signing,
        URL,
        now - DAY,
        365,
        1024,
    )
    .expect("rsa-1024");
    let (cert, key) = write_pem_rsa(dir.path(), "rsa1024", &rsa1024);
    case(
        "RSA-1024",
        verdict(
            &trust,
            &openssl_sign(dir.path(), &cert, &key, "sha256", &nca_pem),
            expected(KeyPurpose::Signing),
            now,
        )
        .await,
        EdsCode::WeakAlgorithm,
    );

    let failures: Vec<String> = cases
        .iter()
        .filter(|(_, got, want)| got.as_ref() != Some(want))
        .map(|(name, got, want)| format!("{name}: got {got:?}, want {want:?}"))
        .collect();
    assert!(cases.len() >= 25, "{} cases", cases.len());
    assert!(failures.is_empty(), "{failures:#?}");
}

#[tokio::test]
async fn openssl_and_the_portal_verify_each_others_signatures() {
    let w = World::new();
    let trust = w.trust();
    let dir = tempfile::tempdir().expect("temp");
    let nca_pem = dir.path().join("nca.pem");
    std::fs::write(&nca_pem, w.nca.cert.to_pem(LineEnding::LF).expect("pem")).expect("write");
    let root_pem = dir.path().join("root.pem");
    std::fs::write(&root_pem, w.root.cert.to_pem(LineEnding::LF).expect("pem")).expect("write");

    // OpenSSL signs with an RSA-2048 key; the portal verifies.
    let rsa = ca::leaf_rsa(
        &w.nca,
        &w.holder,
        KeyPurpose::Signing,
        URL,
        w.now - DAY,
        365,
        2048,
    )
    .expect("rsa");
    let (cert, key) = write_pem_rsa(dir.path(), "rsa", &rsa);
    let by_openssl = openssl_sign(dir.path(), &cert, &key, "sha256", &path_str(&nca_pem));
    let report = trust
        .verify(&by_openssl, expected(KeyPurpose::Signing), w.now)
        .await
        .expect("the portal accepts OpenSSL's signature");
    assert_eq!(report.signer_iin.as_deref(), Some(IIN));
    assert_eq!(report.path.len(), 3);

    // OpenSSL signs with a P-256 key, too.
    let p256_cert = dir.path().join("p256.pem");
    let p256_key = dir.path().join("p256-key.pem");
    std::fs::write(&p256_cert, w.sign.cert.to_pem(LineEnding::LF).expect("pem")).expect("write");
    std::fs::write(
        &p256_key,
        w.sign
            .key
            .to_pkcs8_pem(LineEnding::LF)
            .expect("pem")
            .as_bytes(),
    )
    .expect("write");
    let by_openssl = openssl_sign(
        dir.path(),
        &path_str(&p256_cert),
        &path_str(&p256_key),
        "sha256",
        &path_str(&nca_pem),
    );
    trust
        .verify(&by_openssl, expected(KeyPurpose::Signing), w.now)
        .await
        .expect("the portal accepts OpenSSL's ECDSA signature");

    // The browser's signer (on the host) signs a keystore the demo center
    // wrote, with RSA; the portal and OpenSSL both verify it.
    let p12 =
        keystore::write_rsa(&rsa, Some(&w.nca.cert), PASSWORD, "Асқаров Ерлан").expect("keystore");
    let order = SignOrder {
        password: PASSWORD.into(),
        purpose: shared::eds::KeyPurpose::Signing,
        expect_iin: Some(IIN.into()),
        expect_bin: None,
        now_ms: ((w.now - 5) * 1000) as f64,
    };
    let signed = signer::sign(&order, &p12, DOC).expect("the browser signer signs");
    trust
        .verify(&signed.cms, expected(KeyPurpose::Signing), w.now)
        .await
        .expect("the portal accepts the browser's RSA signature");
    let sig = dir.path().join("browser.der");
    let doc = dir.path().join("doc.bin");
    std::fs::write(&sig, &signed.cms).expect("write");
    std::fs::write(&doc, DOC).expect("write");
    openssl(&[
        "cms",
        "-verify",
        "-binary",
        "-inform",
        "DER",
        "-in",
        &path_str(&sig),
        "-content",
        &path_str(&doc),
        "-CAfile",
        &path_str(&root_pem),
        "-certfile",
        &path_str(&nca_pem),
        "-purpose",
        "any",
        "-out",
        &path_str(&dir.path().join("out.bin")),
    ]);
}

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
