//! The demo certification center's keystores as their holders use them:
//! opened, and signing detached CMS signatures.

use std::path::{Path, PathBuf};

use backend::clock::now_secs;
use backend::demo::pki::{KEYSTORE_PASSWORD, keystore_path};
use backend::pki::ca::Issued;
use backend::pki::cert::KeyPurpose;
use backend::pki::{keystore, sign};
use base64::Engine as _;

use crate::helpers::app::TestApp;

/// Opens a P-256 keystore of the demo center as its holder would.
pub fn holder_key(path: &Path) -> (Issued, Vec<x509_cert::Certificate>) {
    let bytes = std::fs::read(path).expect("keystore");
    let opened = keystore::open(&bytes, KEYSTORE_PASSWORD).expect("opens");
    let issued = opened.issued().expect("a P-256 key with its certificate");
    (issued, opened.certificates)
}

/// A detached CMS signature over `content` by the keystore at `path`, base64.
pub fn sign_bytes(path: &Path, content: &[u8]) -> String {
    let (issued, chain) = holder_key(path);
    base64::engine::general_purpose::STANDARD
        .encode(sign::sign(content, &issued, &chain, now_secs() - 2, false).expect("sign"))
}

/// The demo keystore of `id_number` for `purpose`.
pub fn demo_keystore(app: &TestApp, id_number: &str, purpose: KeyPurpose) -> PathBuf {
    keystore_path(&app.state.config.data_dir, id_number, purpose)
}
