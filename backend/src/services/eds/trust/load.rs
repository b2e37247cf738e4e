//! The trust store's configured files: the roots, the intermediates and the
//! CRL files, PEM or DER, and the national test PKI's when asked
//! (`national`).

use std::path::Path;

use super::Trust;
use super::files::read_certificates;
use super::national::NationalTest;
use crate::config::EdsConfig;
use crate::error::{AppError, AppResult};
use crate::pki::chain::TrustStore;
use crate::pki::crl::Crl;

impl Trust {
    /// Reads the configured roots, intermediates and CRL files. The demo
    /// certification center's root in the data folder is trusted when no
    /// root is configured, or when `trust_demo` says so.
    pub fn load(config: &EdsConfig, data_dir: &Path, public_url: &str) -> AppResult<Trust> {
        let mut roots = Vec::new();
        let demo_root = data_dir.join("pki/public/demo-root.pem");
        if (config.trust_demo || config.roots.is_empty()) && demo_root.is_file() {
            roots.extend(read_certificates(&demo_root)?);
        }
        for path in &config.roots {
            roots.extend(read_certificates(path)?);
        }
        let mut intermediates = Vec::new();
        let demo_nca = data_dir.join("pki/public/demo-nca.pem");
        if (config.trust_demo || config.roots.is_empty()) && demo_nca.is_file() {
            intermediates.extend(read_certificates(&demo_nca)?);
        }
        for path in &config.intermediates {
            intermediates.extend(read_certificates(path)?);
        }
        let mut fixed_crls = Vec::new();
        let national = match &config.national_test {
            Some(dir) => {
                let (national, files) = NationalTest::read(dir)?;
                national.check_unique(&roots)?;
                roots.extend(files.roots);
                intermediates.extend(files.intermediates);
                fixed_crls.extend(files.crls);
                Some(national)
            }
            None => None,
        };
        for path in &config.crl_files {
            let bytes = std::fs::read(path)
                .map_err(|e| AppError::internal(format!("{}: {e}", path.display())))?;
            fixed_crls.push(
                Crl::parse(&bytes)
                    .map_err(|e| AppError::internal(format!("{}: {e}", path.display())))?,
            );
        }
        tracing::info!(
            roots = roots.len(),
            intermediates = intermediates.len(),
            crls = fixed_crls.len(),
            national_test = national.is_some(),
            "ЭЦП trust loaded"
        );
        let local = Some((
            format!("{}/pki/", public_url.trim_end_matches('/')),
            data_dir.join("pki/public"),
        ));
        let trust = Trust::new(TrustStore::new(roots, intermediates), fixed_crls, local);
        Ok(match national {
            Some(national) => trust.with_national_test(national),
            None => trust,
        })
    }
}
