//! Steps of the signature tests: a test certification center (`World`)
//! with its CRLs and trust, the verdict on a signature, and OpenSSL's
//! signatures.

use std::path::Path;
use std::process::Command;

use backend::clock::now_secs;
use backend::pki::ca::{self, Holder, Issued, IssuedRsa, Revocation};
use backend::pki::cert::{HolderRole, KeyPurpose};
use backend::pki::chain::TrustStore;
use backend::pki::revocation::crl::Crl;
use backend::pki::sign::sign;
use backend::pki::verify::Expected;
use backend::services::eds::trust::Trust;
use p256::pkcs8::LineEnding;
use shared::ErrorCode;
use shared::eds::EdsCode;
use x509_cert::der::{Encode, EncodePem};

pub const DAY: u64 = 86_400;
pub const IIN: &str = "900101300007";
pub const BIN: &str = "050440000002";
pub const URL: &str = "http://127.0.0.1/pki/demo-nca.crl";
pub const DOC: &[u8] = br#"{"request":"med-license","type":"issuance"}"#;
pub const PASSWORD: &str = "suite-2026";

pub struct World {
    pub now: u64,
    pub root: Issued,
    pub nca: Issued,
    pub holder: Holder,
    pub sign: Issued,
}

impl World {
    pub fn new() -> World {
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

    pub fn leaf(&self, purpose: KeyPurpose, not_before: u64, days: u64) -> Issued {
        ca::leaf(&self.nca, &self.holder, purpose, URL, not_before, days).expect("leaf")
    }

    pub fn crl(&self, by: &Issued, revoked: &[(&Issued, bool)], this: u64, next: u64) -> Crl {
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

    pub fn trust_with(&self, crls: Vec<Crl>, intermediates: Vec<x509_cert::Certificate>) -> Trust {
        Trust::new(
            TrustStore::new(vec![self.root.cert.clone()], intermediates),
            crls,
            None,
        )
    }

    pub fn trust(&self) -> Trust {
        let current = self.crl(&self.nca, &[], self.now - 600, self.now + DAY);
        self.trust_with(vec![current], vec![])
    }

    pub fn signed(&self, by: &Issued, content: &[u8]) -> Vec<u8> {
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

pub fn expected(purpose: KeyPurpose) -> Expected<'static> {
    Expected {
        content: DOC,
        iin: Some(IIN),
        bin: None,
        purpose,
    }
}

pub async fn verdict(
    trust: &Trust,
    der: &[u8],
    expected: Expected<'_>,
    now: u64,
) -> Option<EdsCode> {
    match trust.verify(der, expected, now).await.err()?.code() {
        ErrorCode::SignatureRejected { reason } => Some(reason.clone()),
        other => panic!("not a refused signature: {other:?}"),
    }
}

/// Runs `openssl`, which the test command installs; panics with its output.
pub fn openssl(args: &[&str]) {
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

pub fn write_pem_rsa(dir: &Path, name: &str, issued: &IssuedRsa) -> (String, String) {
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

pub fn path_str(p: &Path) -> String {
    p.to_str().expect("utf-8 path").to_owned()
}

/// A detached CMS signature of `DOC` made by `openssl cms -sign`.
pub fn openssl_sign(dir: &Path, cert: &str, key: &str, md: &str, chain: &str) -> Vec<u8> {
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

/// `body` posted to the demo center's service at `path` as `kind` (RFC
/// 6960's `ocsp-request`, RFC 3161's `timestamp-query`); the answer, which
/// must be `200` with the service's own answer type.
pub async fn post_der(
    app: &crate::helpers::app::TestApp,
    path: &str,
    kind: &str,
    answer: &str,
    body: Vec<u8>,
) -> crate::helpers::call::TestResponse {
    let res = app
        .post(path)
        .header("content-type", &format!("application/{kind}"))
        .bytes(body)
        .send()
        .await;
    assert_eq!(res.status, axum::http::StatusCode::OK);
    assert_eq!(
        res.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some(format!("application/{answer}").as_str())
    );
    res
}
