//! The national center's test PKI, copied into the repository
//! (`backend/tests/fixtures/nca-test-pki`), for the tests.

use std::path::PathBuf;

pub fn interop(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/nca-test-pki")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

pub fn cert(rel: &str) -> x509_cert::Certificate {
    super::cert::read(&interop(rel)).expect("certificate")
}

/// A scratch folder of files for one run of OpenSSL, which we did not
/// write, over what a test made; removed when dropped.
pub struct OpensslFiles {
    dir: tempfile::TempDir,
}

impl OpensslFiles {
    pub fn new() -> OpensslFiles {
        OpensslFiles {
            dir: tempfile::tempdir().expect("a scratch folder"),
        }
    }

    /// `bytes` as the file `name`; its path.
    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        p
    }

    /// `cert` as the PEM file `name`; its path.
    pub fn cert(&self, name: &str, cert: &x509_cert::Certificate) -> PathBuf {
        use x509_cert::der::EncodePem;
        let pem = cert
            .to_pem(x509_cert::der::pem::LineEnding::LF)
            .expect("pem");
        self.write(name, pem.as_bytes())
    }
}

/// `openssl` run with `args`: what it printed, out and err together; none
/// where it is not installed (the test is then skipped, saying so).
pub fn openssl(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Option<String> {
    let out = std::process::Command::new("openssl")
        .args(args.iter().map(|a| a.as_ref()))
        .output();
    let Ok(out) = out else {
        eprintln!("openssl is not installed: skipped");
        return None;
    };
    Some(format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}
