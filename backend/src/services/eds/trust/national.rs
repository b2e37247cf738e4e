//! The national certification center's TEST PKI, trusted beside the rest
//! only under `--trust-national-test` (`EdsConfig::national_test`): its
//! GOST R 34.10-2015 root and intermediate with their 2026-08-11 CRL, its
//! GOST 34.310-2004 and RSA roots and intermediates with their 2022 CRLs,
//! read from the repository's copy (`backend/tests/fixtures/nca-test-pki`,
//! provenance in its MANIFEST). Not its 2018 set: those CAs bear the
//! production roots' names with no TEST marker, so a placeholder holder
//! could not be told to stand under a test root by the path's names.
//!
//! Its test certificates name placeholder holders — `IIN123456789011`,
//! `IIN123456789012`, `BIN123456789021` — whose numbers fail the ИИН/БИН
//! check digit and date the portal enforces everywhere (`shared::ids`).
//! They are taken as an account's number in exactly one case: under this
//! flag, one of those exact placeholders, of the kind it is (ИИН or БИН),
//! on a certificate whose verified path ends at one of these TEST roots.
//! Any other number failing the check, any certificate of another root
//! (the demo center's, a production one), and any portal started without
//! the flag still refuse it; `shared::ids` itself is unchanged.

use std::path::Path;

use x509_cert::Certificate;

use super::files::read_certificates;
use crate::error::{AppError, AppResult};
use crate::pki::cert;
use crate::pki::revocation::crl::Crl;
use crate::pki::verify::Report;

/// The TEST roots, intermediates and CRLs, relative to the folder.
const ROOTS: [&str; 3] = [
    "ca/root_test_gost_2022.cer",
    "ca/root_gost_test.pem",
    "ca/root_rsa_test.pem",
];
const INTERMEDIATES: [&str; 3] = [
    "ca/nca_gost2022_test.cer",
    "ca/nca_gost_test.pem",
    "ca/nca_rsa_test.pem",
];
const CRLS: [&str; 3] = [
    "crl/nca_gost2022_test__2026-08-11.crl",
    "crl/nca_gost_test__2022-03-29.crl",
    "crl/nca_rsa_test__2022-03-29.crl",
];

/// The placeholder ИИН of the national test certificates (a person's, and
/// a legal entity's employee's).
pub const PLACEHOLDER_IINS: [&str; 2] = ["123456789011", "123456789012"];
/// The placeholder БИН of the national test certificates.
pub const PLACEHOLDER_BINS: [&str; 1] = ["123456789021"];

/// Which identity number a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    Iin,
    Bin,
}

/// The national TEST PKI's files, read.
#[derive(Debug)]
pub(super) struct NationalTestFiles {
    pub roots: Vec<Certificate>,
    pub intermediates: Vec<Certificate>,
    pub crls: Vec<Crl>,
}

/// What is known of the trusted TEST roots: their common names, which end
/// a verifier's report path (`Report::path`) that reaches them.
#[derive(Debug, Clone, Default)]
pub struct NationalTest {
    roots: Vec<String>,
}

fn common_name(c: &Certificate) -> AppResult<String> {
    cert::info(c)
        .ok()
        .and_then(|i| i.common_name)
        .ok_or_else(|| AppError::internal("a national test root without a common name"))
}

impl NationalTest {
    /// Reads the folder's TEST roots, intermediates and CRLs.
    pub(super) fn read(dir: &Path) -> AppResult<(NationalTest, NationalTestFiles)> {
        let certs = |names: &[&str]| -> AppResult<Vec<Certificate>> {
            let mut out = Vec::new();
            for name in names {
                out.extend(read_certificates(&dir.join(name))?);
            }
            Ok(out)
        };
        let files = NationalTestFiles {
            roots: certs(&ROOTS)?,
            intermediates: certs(&INTERMEDIATES)?,
            crls: CRLS
                .iter()
                .map(|name| {
                    let path = dir.join(name);
                    std::fs::read(&path)
                        .map_err(|e| e.to_string())
                        .and_then(|b| Crl::parse(&b).map_err(|e| e.to_string()))
                        .map_err(|e| AppError::internal(format!("{}: {e}", path.display())))
                })
                .collect::<AppResult<_>>()?,
        };
        let roots = files
            .roots
            .iter()
            .map(common_name)
            .collect::<AppResult<_>>()?;
        Ok((NationalTest { roots }, files))
    }

    /// Refuses to start when another trusted root bears a TEST root's
    /// common name: the report names a path's root by it, so it must name
    /// one root only.
    pub(super) fn check_unique(&self, others: &[Certificate]) -> AppResult<()> {
        for other in others {
            let name = cert::info(other).ok().and_then(|i| i.common_name);
            if name.is_some_and(|n| self.roots.contains(&n)) {
                return Err(AppError::internal(
                    "a configured root bears the name of a national test root",
                ));
            }
        }
        Ok(())
    }

    /// Whether `number` is a placeholder of `kind` and `report`'s verified
    /// path ends at a TEST root.
    pub fn vouches_for(&self, report: &Report, kind: Placeholder, number: &str) -> bool {
        let placeholders: &[&str] = match kind {
            Placeholder::Iin => &PLACEHOLDER_IINS,
            Placeholder::Bin => &PLACEHOLDER_BINS,
        };
        placeholders.contains(&number) && report.path.last().is_some_and(|r| self.roots.contains(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nca-test-pki")
    }

    fn report(path: &[&str]) -> Report {
        Report {
            signer_serial: "01".into(),
            signer_iin: None,
            signer_bin: None,
            signer_name: None,
            signer_organization: None,
            signer_roles: Vec::new(),
            signing_time: 0,
            validated_at: 0,
            path: path.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn only_the_exact_placeholders_under_a_test_root_pass() {
        let (national, files) = NationalTest::read(&folder()).expect("the repository's files");
        assert_eq!(files.roots.len(), 3);
        assert_eq!(files.intermediates.len(), 3);
        assert_eq!(files.crls.len(), 3);
        let gost_root = national.roots[0].clone();
        assert!(gost_root.contains("TEST"), "{gost_root}");
        let test_path = report(&["ТЕСТОВ ТЕСТ", "NCA", &gost_root]);
        assert!(national.vouches_for(&test_path, Placeholder::Iin, "123456789011"));
        assert!(national.vouches_for(&test_path, Placeholder::Iin, "123456789012"));
        assert!(national.vouches_for(&test_path, Placeholder::Bin, "123456789021"));
        // Of the other kind, another number, or another root: no.
        assert!(!national.vouches_for(&test_path, Placeholder::Bin, "123456789011"));
        assert!(!national.vouches_for(&test_path, Placeholder::Iin, "123456789021"));
        assert!(!national.vouches_for(&test_path, Placeholder::Iin, "123456789013"));
        assert!(!national.vouches_for(&test_path, Placeholder::Iin, " 123456789011"));
        let demo = report(&["ТЕСТОВ ТЕСТ", "NCA", "ДЕМО ТҮБІРЛІК КО"]);
        assert!(!national.vouches_for(&demo, Placeholder::Iin, "123456789011"));
        // The root's name as the signer's or an intermediate's: no.
        let leaf_named = report(&[&gost_root, "ДЕМО ТҮБІРЛІК КО"]);
        assert!(!national.vouches_for(&leaf_named, Placeholder::Iin, "123456789011"));
        assert!(!national.vouches_for(&report(&[]), Placeholder::Iin, "123456789011"));
        // None of the placeholders is a valid number.
        for iin in PLACEHOLDER_IINS {
            assert!(shared::Iin::parse(iin).is_err(), "{iin}");
        }
        for bin in PLACEHOLDER_BINS {
            assert!(shared::Bin::parse(bin).is_err(), "{bin}");
        }
    }

    #[test]
    fn another_root_with_a_test_roots_name_stops_the_start() {
        let (national, files) = NationalTest::read(&folder()).expect("files");
        assert!(national.check_unique(&files.intermediates).is_ok());
        assert!(national.check_unique(&files.roots[..1]).is_err());
    }
}
