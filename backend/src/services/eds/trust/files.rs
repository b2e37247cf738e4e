//! Certificates from a file, PEM (one or more blocks) or DER.

use std::path::Path;

use x509_cert::Certificate;

use crate::error::{AppError, AppResult};
use crate::pki::cert;

/// The certificates of the file at `path`.
pub(super) fn read_certificates(path: &Path) -> AppResult<Vec<Certificate>> {
    let bytes =
        std::fs::read(path).map_err(|e| AppError::internal(format!("{}: {e}", path.display())))?;
    let text = String::from_utf8_lossy(&bytes);
    if text.contains("-----BEGIN CERTIFICATE-----") {
        // One or more PEM blocks.
        let mut out = Vec::new();
        for block in text.split("-----END CERTIFICATE-----") {
            if let Some(start) = block.find("-----BEGIN CERTIFICATE-----") {
                let pem = format!("{}-----END CERTIFICATE-----\n", &block[start..]);
                out.push(
                    cert::read(pem.as_bytes())
                        .map_err(|e| AppError::internal(format!("{}: {e}", path.display())))?,
                );
            }
        }
        Ok(out)
    } else {
        Ok(vec![cert::read(&bytes).map_err(|e| {
            AppError::internal(format!("{}: {e}", path.display()))
        })?])
    }
}
