//! The providers' information-system certificates (the national role
//! 1.2.398.3.3.4.1.2.6): each in its own keystore,
//! `<data_dir>/seals/<provider>.p12`, with which the provider's
//! information system signs the results it decides itself (a fully
//! automated service, seed 002 item 3).
//!
//! A keystore is read at each use, not held in memory: a replaced
//! keystore (a renewed certificate) is used from the next decision on, by
//! every process that shares the data folder.

use std::path::PathBuf;

use x509_cert::Certificate;

use crate::app::App;
use crate::error::{AppError, AppResult};
use crate::pki::ca::Issued;
use crate::pki::cert::{self, HolderRole};

/// A provider's seal: its key and certificate, and the CA certificates its
/// keystore carries (put into the signature for the path to be built).
pub struct Seal {
    pub signer: Issued,
    pub chain: Vec<Certificate>,
}

impl std::fmt::Debug for Seal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Seal")
            .field("chain", &self.chain.len())
            .finish_non_exhaustive()
    }
}

/// Where the keystore of `provider`'s information system is.
pub fn path(data_dir: &std::path::Path, provider: &str) -> PathBuf {
    data_dir.join("seals").join(format!("{provider}.p12"))
}

/// The seal of `provider`, if its keystore is there. A keystore that does
/// not open, holds no P-256 key or names no information system is an
/// error (the operator's to mend), never a seal.
pub async fn of(app: &App, provider: &str) -> AppResult<Option<Seal>> {
    let file = path(&app.config.data_dir, provider);
    let bytes = match tokio::fs::read(&file).await {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(AppError::internal(format_args!("{}: {e}", file.display()))),
    };
    let opened = crate::pki::keystore::open(&bytes, app.config.eds.seals_password())
        .map_err(|e| AppError::internal(format_args!("{}: {e}", file.display())))?;
    let signer = opened
        .issued()
        .ok_or_else(|| AppError::internal(format_args!("{}: no P-256 key", file.display())))?;
    let facts = cert::info(&signer.cert)
        .map_err(|e| AppError::internal(format_args!("{}: {e}", file.display())))?;
    if !facts.roles.contains(&HolderRole::InformationSystem) {
        return Err(AppError::internal(format_args!(
            "{}: not an information system's certificate",
            file.display()
        )));
    }
    let chain = opened
        .certificates
        .into_iter()
        .filter(|c| *c != signer.cert)
        .collect();
    Ok(Some(Seal { signer, chain }))
}
