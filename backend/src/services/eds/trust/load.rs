//! The trust store's configured files: the roots, the intermediates and the
//! CRL files, PEM or DER, and the national test PKI's when asked
//! (`national`); each root with its revocation policy.

use std::path::Path;

use super::Trust;
use super::files::read_certificates;
use super::national::NationalTest;
use crate::config::EdsConfig;
use crate::error::{AppError, AppResult};
use crate::pki::chain::TrustStore;
use crate::pki::revocation::crl::Crl;
use crate::pki::revocation::ocsp::Policy;
use x509_cert::Certificate;

impl Trust {
    /// Reads the configured roots, intermediates and CRL files. The demo
    /// certification center's root in the data folder is trusted when no
    /// root is configured, or when `trust_demo` says so.
    pub fn load(config: &EdsConfig, data_dir: &Path, public_url: &str) -> AppResult<Trust> {
        let mut roots = Vec::new();
        let policies = &config.revocation;
        let mut policy_of = Vec::new();
        let mut add = |certs: Vec<Certificate>, policy: Policy, roots: &mut Vec<Certificate>| {
            policy_of.extend(certs.iter().map(|c| (c.clone(), policy)));
            roots.extend(certs);
        };
        let demo_root = data_dir.join("pki/public/demo-root.pem");
        if (config.trust_demo || config.roots.is_empty()) && demo_root.is_file() {
            add(read_certificates(&demo_root)?, policies.demo, &mut roots);
        }
        for path in &config.roots {
            add(
                read_certificates(path)?,
                policies.for_file(path),
                &mut roots,
            );
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
                add(files.roots, policies.national_test, &mut roots);
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
        let trust = Trust::new(TrustStore::new(roots, intermediates), fixed_crls, local)
            .with_policies(policy_of, policies.default);
        Ok(match national {
            Some(national) => trust.with_national_test(national),
            None => trust,
        })
    }
}
