//! OpenSSL-made CMS signatures with SHA-256, SHA-384 and SHA-512, attached
//! and detached, by RSA, P-256 and P-384 keys the demo center issued: all
//! accepted (issue 25: `weak_algorithm` only for what is weak); two
//! signers in one CMS each reported; SHA-1 still refused as weak.

use backend::pki::ca;
use backend::pki::cert::KeyPurpose;
use backend::pki::cms;
use p256::pkcs8::{EncodePrivateKey, LineEnding};
use shared::eds::EdsCode;
use x509_cert::der::EncodePem;

use crate::pki::steps::{DAY, DOC, IIN, URL, World, expected, openssl, path_str, write_pem_rsa};

/// `openssl cms -sign` of `DOC` by `signers` (certificate, key) pairs.
fn sign(
    dir: &std::path::Path,
    signers: &[(&str, &str)],
    md: &str,
    attached: bool,
    chain: &str,
) -> Vec<u8> {
    let content = dir.join("doc.bin");
    std::fs::write(&content, DOC).expect("write");
    let out = dir.join(format!("sig-{md}-{attached}-{}.der", signers.len()));
    let (content, out_s) = (path_str(&content), path_str(&out));
    let mut args = vec![
        "cms",
        "-sign",
        "-binary",
        "-in",
        &content,
        "-certfile",
        chain,
        "-md",
        md,
        "-outform",
        "DER",
        "-out",
        &out_s,
    ];
    if attached {
        args.push("-nodetach");
    }
    for (cert, key) in signers {
        args.extend(["-signer", cert, "-inkey", key]);
    }
    openssl(&args);
    std::fs::read(out).expect("signature")
}

#[tokio::test]
async fn openssl_sha2_signatures_by_rsa_p256_and_p384_keys_are_accepted() {
    let w = World::new();
    let trust = w.trust();
    let dir = tempfile::tempdir().expect("temp");
    let d = dir.path();
    let nca = d.join("nca.pem");
    std::fs::write(&nca, w.nca.cert.to_pem(LineEnding::LF).expect("pem")).expect("write");
    let nca = path_str(&nca);

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
    let rsa = write_pem_rsa(d, "rsa", &rsa);
    let write = |name: &str, cert: &x509_cert::Certificate, key: &str| {
        let c = d.join(format!("{name}.pem"));
        let k = d.join(format!("{name}-key.pem"));
        std::fs::write(&c, cert.to_pem(LineEnding::LF).expect("pem")).expect("write");
        std::fs::write(&k, key).expect("write");
        (path_str(&c), path_str(&k))
    };
    let p256 = write(
        "p256",
        &w.sign.cert,
        &w.sign.key.to_pkcs8_pem(LineEnding::LF).expect("pem"),
    );
    let (p384_cert, p384_key) = ca::leaf_p384(
        &w.nca,
        &w.holder,
        KeyPurpose::Signing,
        URL,
        w.now - DAY,
        365,
    )
    .expect("p384");
    let p384 = write(
        "p384",
        &p384_cert,
        &p384_key.to_pkcs8_pem(LineEnding::LF).expect("pem"),
    );

    for (name, (cert, key)) in [("RSA", &rsa), ("P-256", &p256), ("P-384", &p384)] {
        for md in ["sha256", "sha384", "sha512"] {
            for attached in [false, true] {
                let der = sign(d, &[(cert, key)], md, attached, &nca);
                let report = trust
                    .verify(&der, expected(KeyPurpose::Signing), w.now)
                    .await
                    .unwrap_or_else(|e| panic!("{name} {md} attached={attached}: {e:?}"));
                assert_eq!(report.signer_iin.as_deref(), Some(IIN));
            }
        }
    }

    // Two signers (RSA with SHA-384 beside P-384): each reported.
    let der = sign(
        d,
        &[(&rsa.0, &rsa.1), (&p384.0, &p384.1)],
        "sha384",
        false,
        &nca,
    );
    let each = cms::verify_each(&der, Some(DOC)).expect("parsed");
    // (A SET OF: OpenSSL sorts the signers by their encoding.)
    let mut keys: Vec<String> = each
        .iter()
        .map(|r| {
            r.as_ref()
                .expect("signer")
                .signer
                .tbs_certificate
                .subject_public_key_info
                .algorithm
                .oid
                .to_string()
        })
        .collect();
    keys.sort();
    assert_eq!(keys, ["1.2.840.10045.2.1", "1.2.840.113549.1.1.1"]);
    // Where one signer is expected, two are refused.
    let verdict = trust
        .verify(&der, expected(KeyPurpose::Signing), w.now)
        .await;
    assert!(verdict.is_err());

    // SHA-1 is still weak.
    let der = sign(d, &[(&p256.0, &p256.1)], "sha1", false, &nca);
    assert_eq!(
        crate::pki::steps::verdict(&trust, &der, expected(KeyPurpose::Signing), w.now).await,
        Some(EdsCode::WeakAlgorithm)
    );
}
