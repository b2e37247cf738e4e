//! The demo certification center's files in the data folder, made once:
//! `pki/private/` holds the CA keys (never served), `pki/public/` the CA
//! certificates and the CRL (served at `/pki/`), and `keystores/` one
//! authentication and one signing keystore per demo account, all with the
//! password in README.md.

use std::path::{Path, PathBuf};

use p256::ecdsa::SigningKey;
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey, LineEnding};
use shared::account::AccountKind;
use x509_cert::der::{Encode, EncodePem};

use crate::app::App;
use crate::error::{AppError, AppResult};
use crate::pki::ca::{self, Holder, Issued};
use crate::pki::cert::{self, HolderRole, KeyPurpose};
use crate::services::demo::ACCOUNTS;

/// The password of every demo keystore.
pub const KEYSTORE_PASSWORD: &str = "demo-eds-2026";
/// The ИИН of the demo legal entity's head, who signs for it.
pub const COMPANY_HEAD_IIN: &str = "770707300002";
const DAY: u64 = 86_400;

fn write(path: &Path, bytes: &[u8]) -> AppResult<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(AppError::internal)?;
    }
    std::fs::write(path, bytes).map_err(AppError::internal)
}

/// Loads a CA from `private/<name>-key.pem` and `public/<name>.pem`, or makes it.
fn ca(dir: &Path, name: &str, make: impl FnOnce() -> AppResult<Issued>) -> AppResult<Issued> {
    let key_path = dir.join("private").join(format!("{name}-key.pem"));
    let cert_path = dir.join("public").join(format!("{name}.pem"));
    if key_path.exists() && cert_path.exists() {
        let key_pem = std::fs::read_to_string(&key_path).map_err(AppError::internal)?;
        let key = SigningKey::from_pkcs8_pem(&key_pem).map_err(AppError::internal)?;
        let cert = cert::read(&std::fs::read(&cert_path).map_err(AppError::internal)?)
            .map_err(AppError::internal)?;
        return Ok(Issued { cert, key });
    }
    let issued = make()?;
    let key_pem = issued
        .key
        .to_pkcs8_pem(LineEnding::LF)
        .map_err(AppError::internal)?;
    write(&key_path, key_pem.as_bytes())?;
    let cert_pem = issued
        .cert
        .to_pem(LineEnding::LF)
        .map_err(AppError::internal)?;
    write(&cert_path, cert_pem.as_bytes())?;
    Ok(issued)
}

/// Where the demo keystores of `id_number` are.
pub fn keystore_path(data_dir: &Path, id_number: &str, purpose: KeyPurpose) -> PathBuf {
    let kind = if purpose == KeyPurpose::Authentication {
        "auth"
    } else {
        "sign"
    };
    data_dir
        .join("keystores")
        .join(format!("{id_number}-{kind}.p12"))
}

/// Makes what is missing; refreshes the CRL when it is older than a day.
pub fn seed(app: &App, now: u64) -> AppResult<()> {
    let dir = app.config.data_dir.join("pki");
    let root = ca(&dir, "demo-root", || {
        ca::root("ДЕМО ТҮБІРЛІК КУӘЛАНДЫРУШЫ ОРТАЛЫҚ", now - DAY, 20 * 365)
            .map_err(AppError::internal)
    })?;
    let nca = ca(&dir, "demo-nca", || {
        ca::intermediate(
            &root,
            "ДЕМО ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ",
            now - DAY,
            10 * 365,
        )
        .map_err(AppError::internal)
    })?;
    let crl_path = dir.join("public").join("demo-nca.crl");
    let stale = std::fs::metadata(&crl_path)
        .and_then(|m| m.modified())
        .map(|t| t.elapsed().map(|e| e.as_secs() > DAY).unwrap_or(true))
        .unwrap_or(true);
    if stale {
        let list = ca::crl(&nca, &[], now - 60, now + 7 * DAY).map_err(AppError::internal)?;
        write(&crl_path, &list.to_der().map_err(AppError::internal)?)?;
    }
    let crl_url = format!(
        "{}/pki/demo-nca.crl",
        app.config.public_url.trim_end_matches('/')
    );
    for account in ACCOUNTS {
        let holder = match account.kind {
            AccountKind::Individual => {
                let (surname, given) = account
                    .name
                    .split_once(' ')
                    .unwrap_or((account.name, account.name));
                Holder {
                    iin: account.id_number.to_owned(),
                    surname: surname.to_owned(),
                    given_name: given.split(' ').next().unwrap_or(given).to_owned(),
                    roles: vec![HolderRole::Individual],
                    ..Holder::default()
                }
            }
            AccountKind::LegalEntity => Holder {
                iin: COMPANY_HEAD_IIN.to_owned(),
                surname: "Нұрланов".to_owned(),
                given_name: "Арман".to_owned(),
                bin: Some(account.id_number.to_owned()),
                organization: Some(account.name.to_owned()),
                roles: vec![HolderRole::LegalEntity, HolderRole::Head],
            },
        };
        for purpose in [KeyPurpose::Authentication, KeyPurpose::Signing] {
            let path = keystore_path(&app.config.data_dir, account.id_number, purpose);
            if path.exists() {
                continue;
            }
            let issued = ca::leaf(&nca, &holder, purpose, &crl_url, now - DAY, 365)
                .map_err(AppError::internal)?;
            let name = format!("{} {}", holder.surname, holder.given_name);
            let bytes =
                crate::pki::keystore::write(&issued, Some(&nca.cert), KEYSTORE_PASSWORD, &name)
                    .map_err(AppError::internal)?;
            write(&path, &bytes)?;
        }
    }
    Ok(())
}
