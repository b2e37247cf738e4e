//! PyPI's `gostcrypto` (an implementation of GOST R 34.10-2012 and 34.11-2012
//! we did not write), driven from a test: `cargo xtask test` installs it and
//! names its Python in `TEST_GOSTCRYPTO_PYTHON`; the cache's copy is used
//! otherwise. Shared by the `gost` crate's cross-check and the browser
//! signer's (`frontend/signer/tests/gost.rs`, through `#[path]`).
//!
//! gostcrypto reads every number big-endian and wants the digest as the
//! big-endian form of the integer α; the standard's α is the digest read
//! little-endian, so the digest goes to it reversed.

use std::path::PathBuf;
use std::process::Command;

pub const DRIVER: &str = r#"
import sys
import gostcrypto.gostsignature as gs, gostcrypto.gosthash as gh
CURVES = {"512A": (gs.MODE_512, "id-tc26-gost-3410-12-512-paramSetA"),
          "CPA": (gs.MODE_256, "id-tc26-gost-3410-2012-256-paramSetB")}
op = sys.argv[1]
h = lambda x: bytearray.fromhex(x)
if op == "hash":
    print(gh.new(sys.argv[2], data=h(sys.argv[3])).hexdigest())
else:
    mode, name = CURVES[sys.argv[2]]
    s = gs.new(mode, gs.CURVES_R_1323565_1_024_2019[name])
    if op == "sign":
        d, digest = h(sys.argv[3]), h(sys.argv[4])
        print(s.public_key_generate(d).hex(), s.sign(d, digest).hex())
    elif op == "verify":
        print(s.verify(h(sys.argv[3]), h(sys.argv[4]), h(sys.argv[5])))
"#;

pub fn python() -> PathBuf {
    std::env::var_os("TEST_GOSTCRYPTO_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let cache = std::env::var_os("EGOV_CACHE_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| {
                    PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                        .join(".cache/egov-portal")
                });
            cache.join("tools/gostcrypto/bin/python")
        })
}

pub fn gostcrypto(args: &[&str]) -> String {
    let out = Command::new(python())
        .arg("-c")
        .arg(DRIVER)
        .args(args)
        .output()
        .expect("PyPI gostcrypto, installed by `cargo xtask test` (TEST_GOSTCRYPTO_PYTHON)");
    assert!(
        out.status.success(),
        "gostcrypto {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_owned()
}

pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

pub fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

pub fn rev(b: &[u8]) -> Vec<u8> {
    b.iter().rev().copied().collect()
}

/// (x ‖ y big-endian) → (x ‖ y little-endian), and r ‖ s likewise.
pub fn halves_reversed(b: &[u8]) -> Vec<u8> {
    let (a, c) = b.split_at(b.len() / 2);
    [rev(a), rev(c)].concat()
}
