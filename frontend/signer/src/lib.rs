//! The browser-side signer of the electronic digital signature (ЭЦП): opens
//! the holder's PKCS#12 keystore (`.p12`) with its password and makes a
//! detached CMS signature of a document, which the portal's server verifies
//! (`backend/src/pki/`). It runs in a Web Worker (the `signer-worker`
//! binary, built by Trunk); the library also builds for the host, so the
//! server's tests sign exactly as the browser does.
//!
//! # What [`sign`] does
//!
//! 1. Opens the keystore: the legacy PKCS#12 of the national certification
//!    center (SHA-1 MAC, 3DES key bag, 40-bit RC2 certificate bag), whose
//!    inner structures are BER with indefinite lengths ([`ber`] rewrites them
//!    as DER; the MAC is checked over the original bytes first). Not a
//!    keystore → [`EdsCode::NotAKeystore`]; MAC mismatch →
//!    [`EdsCode::WrongPassword`]; no key or no certificate for it →
//!    [`EdsCode::KeystoreEmpty`].
//! 2. Reads the private key — RSA (PKCS#8 or PKCS#1), ECDSA P-256, or GOST
//!    (the national center's GOST R 34.10-2015 keys and TC26's GOST R
//!    34.10-2012 ones, 512 bits, PKCS#8; see `gost.rs`); GOST 34.310-2004,
//!    256-bit GOST and others → [`EdsCode::UnsupportedKey`]; RSA below 2048 bits →
//!    [`EdsCode::WeakAlgorithm`] — and picks the certificate carrying its
//!    public key (keystores may carry CA certificates too).
//! 3. Checks, against that certificate: the key's purpose by extended key
//!    usage (1.3.6.1.5.5.7.3.4 signing, 1.3.6.1.5.5.7.3.2 authentication;
//!    the national center's GOST R 34.10-2015 key, marked for signing, is
//!    the holder's one key and authenticates too:
//!    `shared::eds::national_single_key`) →
//!    [`EdsCode::AuthKeyForSigning`] / [`EdsCode::SigningKeyForAuth`] /
//!    [`EdsCode::WrongKeyUsage`] (neither or both); the validity at the
//!    order's `now_ms` → [`EdsCode::Expired`] / [`EdsCode::NotYetValid`];
//!    `expect_iin` against `SERIALNUMBER=IIN…` → [`EdsCode::IinMismatch`];
//!    `expect_bin` against `OU=BIN…` → [`EdsCode::BinMismatch`].
//! 4. Signs: a detached CMS SignedData (eContentType id-data, no eContent),
//!    the keystore's certificates, the signer by issuer and serial number.
//!    RSA and P-256: SHA-256, signed attributes content-type,
//!    message-digest and signing-time (from `now_ms`);
//!    sha256WithRSAEncryption (PKCS#1 v1.5) or ecdsa-with-SHA256. GOST: as
//!    the national center's own CMS — its digest and signature OIDs with
//!    NULL parameters, signing-certificate-v2 among the signed attributes,
//!    r ‖ s little-endian (see `cms`). An order whose `now_ms` is not a
//!    time → [`EdsCode::Malformed`].
//!
//! # The worker's protocol
//!
//! The app creates the worker (`new Worker("/signer-worker_loader.js")`)
//! and waits for its first message, `{ ready: true }`, which the worker
//! posts once its handler is installed. Messages posted before it are lost:
//! the loader's script ends while the WebAssembly is still loading, and the
//! browser then delivers the queued messages to no handler. Then the app
//! posts one plain object per signature:
//!
//! ```text
//! { id: number,
//!   order: string,          // JSON of shared::eds::SignOrder
//!   keystore: Uint8Array,   // the .p12 file's bytes (an ArrayBuffer is accepted too)
//!   content: Uint8Array }   // the bytes to sign (the server's canonical document)
//! ```
//!
//! The worker answers each message with one message, carrying the same `id`:
//!
//! ```text
//! { id, ok: true,  cms: Uint8Array,   // DER ContentInfo(SignedData), detached
//!                  signer: string }   // JSON of shared::eds::Signer
//! { id, ok: false, code: string }     // JSON of shared::eds::EdsCode, e.g. {"code":"wrong_password"}
//! ```
//!
//! A message that is not such an object (not an object, a missing or
//! mistyped field, an `order` that is not a `SignOrder`) is answered
//! `{ id, ok: false, code: "{\"code\":\"malformed\"}" }`, with `id` echoed
//! when it is a number and `null` otherwise. Besides `{ ready: true }` the
//! worker posts nothing but these answers, one per message, in order (it
//! handles one message at a time). If the worker's script fails to load,
//! the `Worker` gets an `error` event; if the WebAssembly fails to load
//! (offline, blocked), nothing at all comes (the loader's promise rejects
//! inside the worker; checked in Chromium) — so the app waits for `ready`
//! with a timeout.
//!
//! ```text
//! const worker = new Worker("/signer-worker_loader.js");
//! await new Promise((ok, fail) => {
//!   worker.onmessage = (e) => { if (e.data && e.data.ready) ok(); };
//!   worker.onerror = fail;
//!   setTimeout(fail, 30000);
//! });
//! worker.onmessage = (e) => answer(e.data); // {id, ok: true, cms, signer} | {id, ok: false, code}
//! worker.postMessage({ id: 1, order: JSON.stringify(order), keystore, content });
//! // …and worker.terminate() after the answer: the key's memory goes with it.
//! ```
//!
//! # Security
//!
//! - The private key exists only inside the worker, only while one message
//!   is handled: it is decrypted from the keystore for that signature, used,
//!   and dropped. Nothing is stored (no IndexedDB, no storage, no globals,
//!   no caching between messages); only the signature and the
//!   certificate's public facts leave the worker.
//! - Secrets are wiped (`zeroize`) on every path, errors included: the
//!   password's UTF-16 copy, every key and IV derived from it, the cipher
//!   key schedules, the decrypted PKCS#8 bytes, the parsed key (`rsa` and
//!   `p256` keys zeroize themselves on drop; the key is dropped as soon as
//!   the signature exists), and in the worker the order's JSON, its
//!   password and the keystore's bytes. Best effort, within what Rust
//!   controls: the JavaScript strings and arrays the app posted live in the
//!   JavaScript heap until collected (the app should drop them, and may
//!   transfer the keystore's buffer rather than copy it), and temporary
//!   values inside the `rsa` arithmetic are not all wiped.
//! - RSA signs without blinding (`rsa` 0.9, RUSTSEC-2023-0071: a timing
//!   side channel): acceptable for the holder's own key on the holder's own
//!   device, never for a server key.
//! - A GOST signature's k is drawn for each signature from the platform's
//!   random source (`crypto.getRandomValues` in the worker, through
//!   `getrandom`), and wiped with the scalar d after it (`shared/gost`); a
//!   repeated or predictable k would give the key away.
//! - No clock is read here: the signing time and the validity checks use
//!   the order's `now_ms` (`SystemTime` panics in WebAssembly).
//! - Malformed input is an error code, never a panic: the BER reader bounds
//!   its nesting, key derivations are bounded to 2^20 iterations, and a
//!   file over 1 MiB is not taken for a keystore.

pub mod ber;
mod cert;
mod cms;
mod gost;
mod key;
mod pkcs12;
pub mod protocol;

use shared::eds::{EdsCode, SignOrder, Signer};
use x509_cert::Certificate;
use x509_cert::der::Decode;

pub use crate::cms::signing_certificate;
use crate::key::PrivateKey;
pub use crate::pkcs12::Contents;

/// A signature and who made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// DER ContentInfo of a detached SignedData.
    pub cms: Vec<u8>,
    /// Read from the signer's certificate.
    pub signer: Signer,
}

/// The latest time an order may carry: 9999-12-31T23:59:59Z, in milliseconds.
const MAX_NOW_MS: f64 = 253_402_300_799_000.0;

/// The order's clock in Unix seconds, if it is a time.
fn now_secs(now_ms: f64) -> Result<u64, EdsCode> {
    if !now_ms.is_finite() || !(0.0..=MAX_NOW_MS).contains(&now_ms) {
        return Err(EdsCode::Malformed);
    }
    // In range: non-negative and below 2^53.
    Ok((now_ms / 1000.0).floor() as u64)
}

/// A keystore's signing key and the certificates it carries.
struct Opened {
    key: PrivateKey,
    cert: Certificate,
    /// The keystore's other certificates (CA certificates, usually).
    others: Vec<Certificate>,
}

fn open(keystore: &[u8], password: &str) -> Result<Opened, EdsCode> {
    let contents = pkcs12::open(keystore, password)?;
    let mut certificates: Vec<Certificate> = Vec::new();
    for der in &contents.certificates {
        if let Ok(c) = Certificate::from_der(der)
            && !certificates.contains(&c)
        {
            certificates.push(c);
        }
    }
    let mut refusal = None;
    for bytes in &contents.keys {
        match key::parse(bytes) {
            Ok(key) => {
                if let Some(at) = certificates.iter().position(|c| key.matches(c)) {
                    let cert = certificates.remove(at);
                    return Ok(Opened {
                        key,
                        cert,
                        others: certificates,
                    });
                }
                // A key without its certificate: the keystore is "empty".
                refusal = Some(EdsCode::KeystoreEmpty);
            }
            Err(code) => {
                refusal.get_or_insert(code);
            }
        }
    }
    Err(refusal.unwrap_or(EdsCode::KeystoreEmpty))
}

/// Signs `content` as [`SignOrder`] says, with the keystore's key: checks
/// the keystore, the key and its certificate (see the crate
/// documentation), then makes a detached CMS SignedData. The password is
/// the order's; the key is wiped before this returns, whatever it returns.
pub fn sign(order: &SignOrder, keystore: &[u8], content: &[u8]) -> Result<Signed, EdsCode> {
    let now = now_secs(order.now_ms)?;
    let opened = open(keystore, &order.password)?;
    let signer = cert::signer(&opened.cert);
    cert::check(&opened.cert, &signer, order, now)?;
    let cms = cms::detached(opened.key, &opened.cert, &opened.others, content, now)?;
    Ok(Signed { cms, signer })
}

/// Opens a keystore with its password and gives what it holds, as [`sign`]
/// reads it (the MAC checked, the bags decrypted, BER read): the key bags'
/// contents as written and the certificates. For the server's
/// `pki::keystore::open` (demo keystores and tests), whose `p12` crate
/// cannot read the national keystores' bags.
pub fn open_keystore(keystore: &[u8], password: &str) -> Result<Contents, EdsCode> {
    pkcs12::open(keystore, password)
}

/// Whose key a keystore holds, without signing or checking anything else:
/// for the app to show the holder before signing. Opens the keystore as
/// [`sign`] does (the same errors) and wipes the key before returning.
pub fn inspect(keystore: &[u8], password: &str) -> Result<Signer, EdsCode> {
    let opened = open(keystore, password)?;
    Ok(cert::signer(&opened.cert))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_must_be_a_time() {
        assert_eq!(now_secs(1_795_400_000_999.0), Ok(1_795_400_000));
        assert_eq!(now_secs(0.0), Ok(0));
        for bad in [f64::NAN, f64::INFINITY, -1.0, 1e300, MAX_NOW_MS + 1.0] {
            assert_eq!(now_secs(bad), Err(EdsCode::Malformed), "{bad}");
        }
    }
}
