//! OpenSSL and the portal verify each other's signatures: OpenSSL's RSA
//! and P-256 signatures pass the portal's check, and the browser's signer's
//! RSA signature passes both.

use backend::pki::ca;
use backend::pki::cert::KeyPurpose;
use backend::pki::keystore;
use p256::pkcs8::{EncodePrivateKey, LineEnding};
use shared::eds::SignOrder;
use x509_cert::der::EncodePem;

use crate::pki::steps::{
    DAY, DOC, IIN, PASSWORD, URL, World, expected, openssl, openssl_sign, path_str, write_pem_rsa,
};

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
