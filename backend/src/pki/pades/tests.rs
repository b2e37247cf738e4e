//! A PDF sealed here reads back as what was signed, verifies as a CMS
//! over its byte ranges, refuses a changed byte, and — checked by an
//! implementation we did not write — PyPI's pyHanko finds it intact,
//! valid, trusted and covering the whole file.

use std::path::PathBuf;
use std::sync::Arc;

use super::*;
use crate::pki::ca::{self, Holder, Issued};
use crate::pki::cert::{HolderRole, KeyPurpose};
use crate::pki::sign;

const NOW: u64 = 1_796_601_600; // 2026-12-07

struct Sealer {
    root: Issued,
    nca: Issued,
    seal: Issued,
}

fn sealer() -> Sealer {
    let root = ca::root("ДЕМО КО", NOW - 10 * 86_400, 3650).expect("root");
    let nca = ca::intermediate(&root, "ДЕМО ҰКО", NOW - 10 * 86_400, 1825).expect("nca");
    let holder = Holder {
        iin: "800101300006".into(),
        surname: "ДЕМО ПОРТАЛ".into(),
        given_name: "ЭЦҚ ТЕКСЕРУ".into(),
        bin: Some("100140000122".into()),
        organization: Some("ДЕМО".into()),
        roles: vec![HolderRole::LegalEntity, HolderRole::InformationSystem],
    };
    let url = "http://127.0.0.1/crl";
    let seal = ca::leaf(&nca, &holder, KeyPurpose::Signing, url, NOW - 86_400, 365).expect("seal");
    Sealer { root, nca, seal }
}

fn document() -> Vec<u8> {
    let font = std::fs::read("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").expect("DejaVu");
    let rows = vec![
        (16.0, "Тексеру нәтижесі / Результат проверки".to_owned()),
        (11.0, "TOTAL_PASSED".to_owned()),
    ];
    crate::pdf::render(&Arc::new(font), &rows, None).expect("a PDF")
}

fn sealed(s: &Sealer, pdf: &[u8]) -> Vec<u8> {
    let prepared = prepare(pdf, "Отчет подписан ЭЦП портала.", NOW).expect("prepared");
    let covered = prepared.covered();
    let chain = [s.nca.cert.clone(), s.root.cert.clone()];
    let cms = sign::sign_cades(&covered, &s.seal, &chain, NOW).expect("cms");
    prepared.finish(&cms).expect("sealed")
}

#[test]
fn a_sealed_pdf_verifies_over_its_byte_ranges_and_refuses_a_changed_byte() {
    let s = sealer();
    let pdf = document();
    let out = sealed(&s, &pdf);
    // The original is untouched: an incremental update after it.
    assert_eq!(&out[..pdf.len()], pdf.as_slice());
    assert!(Document::load_mem(&out).is_ok(), "lopdf reads it back");
    let (cms, covered) = signed_parts(&out).expect("parts");
    let v = crate::pki::cms::verify(&cms, Some(&covered)).expect("verifies");
    assert_eq!(v.signer, s.seal.cert);
    // The ranges cover all but the hole: the file's length less the hex.
    assert_eq!(covered.len(), out.len() - (2 * RESERVED + 2));
    // A byte of the original changed is a digest mismatch.
    let mut bad = out;
    bad[pdf.len() / 2] ^= 1;
    let (cms, covered) = signed_parts(&bad).expect("parts");
    assert!(crate::pki::cms::verify(&cms, Some(&covered)).is_err());
}

#[test]
fn too_large_a_cms_is_refused_not_cut() {
    let pdf = document();
    let prepared = prepare(&pdf, "x", NOW).expect("prepared");
    assert!(prepared.finish(&vec![0x30; RESERVED + 1]).is_err());
}

const PYHANKO: &str = r#"
import sys
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.keys import load_cert_from_pemder
from pyhanko_certvalidator import ValidationContext
vc = ValidationContext(trust_roots=[load_cert_from_pemder(sys.argv[2])], allow_fetching=False, revocation_mode="soft-fail")
with open(sys.argv[1], "rb") as f:
    sig = PdfFileReader(f).embedded_signatures[0]
    st = validate_pdf_signature(sig, vc)
    print(st.intact, st.valid, st.trusted, st.coverage.name, st.md_algorithm)
"#;

fn pyhanko_python() -> PathBuf {
    std::env::var_os("TEST_PYHANKO_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = PathBuf::from(std::env::var_os("HOME").unwrap_or_default());
            home.join(".cache/egov-portal/tools/pyhanko/bin/python")
        })
}

#[test]
fn pyhanko_finds_the_seal_intact_valid_trusted_over_the_whole_file() {
    use x509_cert::der::{EncodePem, pem::LineEnding};
    let s = sealer();
    let out = sealed(&s, &document());
    let dir = std::env::temp_dir().join(format!("pades-pyhanko-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let (pdf, root) = (dir.join("sealed.pdf"), dir.join("root.pem"));
    std::fs::write(&pdf, &out).expect("pdf");
    let pem = s.root.cert.to_pem(LineEnding::LF).expect("pem");
    std::fs::write(&root, pem).expect("root");
    let run = std::process::Command::new(pyhanko_python())
        .arg("-c")
        .arg(PYHANKO)
        .arg(&pdf)
        .arg(&root)
        .output()
        .expect("PyPI pyHanko, installed by `cargo xtask test` (TEST_PYHANKO_PYTHON)");
    let _ = std::fs::remove_dir_all(&dir);
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(said.trim(), "True True True ENTIRE_FILE sha256");
}
