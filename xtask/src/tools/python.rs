//! The Python tools, each in its own virtual environment from PyPI:
//! moto's S3 server, aiosmtpd (the mail test's real SMTP server),
//! schemathesis, and `gostcrypto` (the GOST signature tests' independent
//! implementation).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::system::terminate;
use crate::base::{Res, cache_dir, free_port};
use crate::process::run;

const MOTO_VERSION: &str = "5.2.1";
/// The bucket moto starts with (`TEST_S3_BUCKET`'s default).
const BUCKET: &str = "portal-test";
const SCHEMATHESIS_VERSION: &str = "4.32.5";
const AIOSMTPD_VERSION: &str = "1.4.6";
const GOSTCRYPTO_VERSION: &str = "1.2.5";
const PYHANKO_VERSION: &str = "0.38.0";

/// moto's S3-compatible server on loopback, in a virtual environment under
/// the cache folder (installed once from PyPI), stopped on drop. Its IAM
/// checks are on: the three calls that make a user with an S3 policy and
/// its access key are the only ones let through unsigned, so every S3
/// request of the tests must carry a valid Signature Version 4.
pub struct Moto {
    child: Child,
    port: u16,
    access_key: String,
    secret_key: String,
}

/// Makes the S3 user and, as that user, the bucket of the tests and the
/// bench (the portal makes none); prints the user's access key and secret.
const MOTO_USER: &str = r#"
import json, sys
import boto3
BUCKET = sys.argv[2]
iam = boto3.client("iam", endpoint_url=sys.argv[1], region_name="us-east-1",
                   aws_access_key_id="AKIAIOSFODNN7EXAMPLE", aws_secret_access_key="unused")
iam.create_user(UserName="portal")
iam.put_user_policy(UserName="portal", PolicyName="s3", PolicyDocument=json.dumps({
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
key = iam.create_access_key(UserName="portal")["AccessKey"]
s3 = boto3.client("s3", endpoint_url=sys.argv[1], region_name="us-east-1",
                  aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
s3.create_bucket(Bucket=BUCKET)
print(key["AccessKeyId"], key["SecretAccessKey"])
"#;

impl Moto {
    pub fn start() -> Res<Moto> {
        let venv = cache_dir().join("tools").join("moto");
        ensure_moto(&venv)?;
        let port = free_port()?;
        let child = Command::new(venv.join("bin").join("moto_server"))
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .env("INITIAL_NO_AUTH_ACTION_COUNT", "3")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start moto_server: {e}"))?;
        let mut moto = Moto {
            child,
            port,
            access_key: String::new(),
            secret_key: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("moto_server did not listen within 30 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let out = Command::new(venv.join("bin").join("python"))
            .args(["-c", MOTO_USER, &moto.url(), BUCKET])
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| format!("cannot run python: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        match text.split_whitespace().collect::<Vec<_>>().as_slice() {
            [key, secret] if out.status.success() => {
                moto.access_key = (*key).to_owned();
                moto.secret_key = (*secret).to_owned();
            }
            _ => return Err("moto: the S3 user could not be made".into()),
        }
        println!("moto's S3 server started on {}", moto.url());
        Ok(moto)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Points the S3 integration test at this server.
    pub fn env(&self, c: &mut Command) {
        self.env_as("TEST", c);
    }

    /// Points the storage bench at this server.
    pub fn bench_env(&self, c: &mut Command) {
        self.env_as("BENCH", c);
    }

    fn env_as(&self, prefix: &str, c: &mut Command) {
        c.env(format!("{prefix}_S3_ENDPOINT"), self.url())
            .env(format!("{prefix}_S3_BUCKET"), BUCKET)
            .env(format!("{prefix}_S3_ACCESS_KEY"), &self.access_key)
            .env(format!("{prefix}_S3_SECRET_KEY"), &self.secret_key);
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        terminate(&mut self.child);
    }
}

/// `moto[server]` in a virtual environment at `venv`, unless there already.
fn ensure_moto(venv: &Path) -> Res {
    ensure_venv(venv, "moto[server]", MOTO_VERSION)
}

/// A PyPI package at a pinned version in its own virtual environment at
/// `venv`, unless already there (a stamp file records the version).
fn ensure_venv(venv: &Path, package: &str, version: &str) -> Res {
    let stamp = venv.join(".egov-stamp");
    let wanted = format!("{package}=={version}");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    println!(
        "Installing {wanted} from PyPI (once; it is cached in {})",
        venv.display()
    );
    let mut c = Command::new("python3");
    c.args(["-m", "venv", "--clear"]).arg(venv);
    run(c)?;
    let mut c = Command::new(venv.join("bin").join("pip"));
    c.args(["install", "--quiet", "--disable-pip-version-check", &wanted]);
    run(c)?;
    std::fs::write(&stamp, &wanted).map_err(|e| e.to_string())
}

/// aiosmtpd, from PyPI; the Python that has it (the mail test runs
/// `backend/tests/mail_server/server.py` with it).
pub fn ensure_aiosmtpd() -> Res<PathBuf> {
    let venv = cache_dir().join("tools").join("aiosmtpd");
    ensure_venv(&venv, "aiosmtpd", AIOSMTPD_VERSION)?;
    Ok(venv.join("bin").join("python"))
}

/// Schemathesis, from PyPI; the path of its command.
pub fn ensure_schemathesis() -> Res<PathBuf> {
    let venv = cache_dir().join("tools").join("schemathesis");
    ensure_venv(&venv, "schemathesis", SCHEMATHESIS_VERSION)?;
    Ok(venv.join("bin").join("schemathesis"))
}

/// PyPI's `gostcrypto`, an implementation of GOST R 34.10-2012 and 34.11-2012
/// we did not write; the path of the Python that imports it. The `gost`
/// crate's tests find it through `TEST_GOSTCRYPTO_PYTHON`.
pub fn ensure_gostcrypto() -> Res<PathBuf> {
    let venv = cache_dir().join("tools").join("gostcrypto");
    ensure_venv(&venv, "gostcrypto", GOSTCRYPTO_VERSION)?;
    Ok(venv.join("bin").join("python"))
}

/// PyPI's pyHanko, a PDF signing and validation library we did not write;
/// the path of the Python that imports it. The PAdES tests
/// (`backend/src/pki/pades/tests.rs`) find it through `TEST_PYHANKO_PYTHON`.
pub fn ensure_pyhanko() -> Res<PathBuf> {
    let venv = cache_dir().join("tools").join("pyhanko");
    ensure_venv(&venv, "pyhanko", PYHANKO_VERSION)?;
    Ok(venv.join("bin").join("python"))
}
