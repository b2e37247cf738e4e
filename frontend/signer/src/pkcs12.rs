//! Opening a PKCS#12 keystore (RFC 7292) in the legacy format of the
//! national certification center: an HMAC over the AuthenticatedSafe keyed
//! by the PKCS#12 key derivation (SHA-1, or SHA-256), the key in a
//! pkcs8ShroudedKeyBag under pbeWithSHAAnd3-KeyTripleDES-CBC, the
//! certificates in an EncryptedData under pbeWithSHAAnd40BitRC2-CBC (the
//! 2-key 3DES and 128-bit RC2 variants are read too).
//!
//! Why not the `p12` crate: it reads the inner structures as DER, which the
//! national keystores are not (BER indefinite lengths; see [`crate::ber`]),
//! its parsers `debug_assert!` on unexpected algorithms and versions (a
//! panic in a debug build on a malformed file), and the keys it derives from
//! the password are left in freed memory. The derivation and the ciphers
//! below are the same RustCrypto crates `p12` uses, with every derived key,
//! key schedule and plaintext wiped when dropped. (`p12` writes the test
//! keystores.)
//!
//! Password-based encryption schemes of PKCS#5 v2 (PBES2: PBKDF2 with AES,
//! OpenSSL 3's default) are not read: such a keystore answers
//! [`EdsCode::UnsupportedKey`].

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockCipher, BlockDecryptMut, InnerIvInit, KeyInit};
use hmac::{Hmac, Mac};
use sha1::Sha1;
use sha2::{Digest, Sha256};
use shared::eds::EdsCode;
use x509_cert::der::asn1::ObjectIdentifier as Oid;
use zeroize::{Zeroize, Zeroizing};

use crate::ber::{self, Reader, Tlv};

pub(crate) const INTEGER: u8 = 0x02;
pub(crate) const OCTET_STRING: u8 = 0x04;
pub(crate) const NULL: u8 = 0x05;
pub(crate) const OID: u8 = 0x06;
pub(crate) const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
/// `[0]`, constructed (an explicit tag, or an implicit constructed string).
const CONTEXT_0: u8 = 0xa0;
/// `[0]`, primitive (an implicit OCTET STRING).
const CONTEXT_0_PRIMITIVE: u8 = 0x80;

const ID_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
const ID_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
const ID_ENCRYPTED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.6");
const SHA1_OID: Oid = Oid::new_unwrap("1.3.14.3.2.26");
const SHA256_OID: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const PBE_SHA1_RC2_128: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.5");
const PBE_SHA1_RC2_40: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.6");
const PBE_SHA1_3DES: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.3");
const PBE_SHA1_2DES: Oid = Oid::new_unwrap("1.2.840.113549.1.12.1.4");
const KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.1");
const SHROUDED_KEY_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.2");
const CERT_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.3");
const SAFE_CONTENTS_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.12.10.1.6");
const X509_CERTIFICATE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1");

/// The most iterations of the key derivation accepted (the national
/// keystores use 1024, OpenSSL 2048): a bound on the work a file can ask.
pub(crate) const MAX_ITERATIONS: u32 = 1 << 20;
/// The largest file read as a keystore: a personal keystore is a few
/// kilobytes (the national ones 1.7–3.5 KB).
pub(crate) const MAX_KEYSTORE_LEN: usize = 1 << 20;
/// How deep safeContentsBags may nest.
const MAX_BAG_DEPTH: usize = 4;

/// What a keystore holds.
#[derive(Default)]
pub struct Contents {
    /// The private keys as the bags hold them (PKCS#8, possibly BER), wiped on drop.
    pub keys: Vec<Zeroizing<Vec<u8>>>,
    /// The certificates (DER), in the keystore's order.
    pub certificates: Vec<Vec<u8>>,
}

impl core::fmt::Debug for Contents {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Contents")
            .field("keys", &self.keys.len())
            .field("certificates", &self.certificates.len())
            .finish()
    }
}

fn is(t: &Tlv<'_>, oid: &Oid) -> bool {
    t.tag == OID && t.value == oid.as_bytes()
}

/// A small non-negative INTEGER.
pub(crate) fn small_uint(t: &Tlv<'_>) -> Option<u32> {
    if t.tag != INTEGER {
        return None;
    }
    let v = t.value;
    let (&first, _) = v.split_first()?;
    if first & 0x80 != 0 {
        return None;
    }
    let v = if first == 0 && v.len() > 1 {
        &v[1..]
    } else {
        v
    };
    if v.len() > 4 {
        return None;
    }
    Some(v.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MacAlgorithm {
    Sha1,
    Sha256,
}

#[derive(Debug)]
struct MacData<'a> {
    /// `None`: an algorithm not read here.
    algorithm: Option<MacAlgorithm>,
    digest: &'a [u8],
    salt: &'a [u8],
    iterations: u32,
}

#[derive(Debug)]
struct Pfx<'a> {
    /// The AuthenticatedSafe's encoding, exactly as the MAC covers it;
    /// `None` in the public-key integrity mode (signedData), not read here.
    auth_safe: Option<&'a [u8]>,
    mac: Option<MacData<'a>>,
}

/// `SEQUENCE { OID, NULL OPTIONAL }` → the OID element.
fn algorithm<'a>(t: &Tlv<'a>) -> Option<Tlv<'a>> {
    if t.tag != SEQUENCE {
        return None;
    }
    let mut r = t.reader();
    let oid = r.expect(OID)?;
    if let Some(null) = r.optional(NULL)
        && !null.value.is_empty()
    {
        return None;
    }
    r.is_empty().then_some(oid)
}

fn read_mac<'a>(t: &Tlv<'a>) -> Option<MacData<'a>> {
    let mut r = t.reader();
    let digest_info = r.expect(SEQUENCE)?;
    let salt = r.expect(OCTET_STRING)?.value;
    let iterations = match r.read() {
        Some(i) => small_uint(&i)?,
        None => 1,
    };
    if !r.is_empty() {
        return None;
    }
    let mut d = digest_info.reader();
    let oid = algorithm(&d.read()?)?;
    let digest = d.expect(OCTET_STRING)?.value;
    if !d.is_empty() {
        return None;
    }
    let algorithm = if is(&oid, &SHA1_OID) {
        Some(MacAlgorithm::Sha1)
    } else if is(&oid, &SHA256_OID) {
        Some(MacAlgorithm::Sha256)
    } else {
        None
    };
    Some(MacData {
        algorithm,
        digest,
        salt,
        iterations,
    })
}

fn read_pfx(der: &[u8]) -> Option<Pfx<'_>> {
    let mut top = Reader::new(der);
    let pfx = top.expect(SEQUENCE)?;
    if !top.is_empty() {
        return None;
    }
    let mut r = pfx.reader();
    let version = r.expect(INTEGER)?;
    if version.value != [3] {
        return None;
    }
    let info = r.expect(SEQUENCE)?;
    let mut c = info.reader();
    let content_type = c.expect(OID)?;
    let content = c.expect(CONTEXT_0)?;
    if !c.is_empty() {
        return None;
    }
    let auth_safe = if is(&content_type, &ID_DATA) {
        let mut e = content.reader();
        let octets = e.expect(OCTET_STRING)?;
        if !e.is_empty() {
            return None;
        }
        Some(octets.value)
    } else if is(&content_type, &ID_SIGNED_DATA) {
        None
    } else {
        return None;
    };
    let mac = match r.read() {
        Some(t) if t.tag == SEQUENCE => Some(read_mac(&t)?),
        Some(_) => return None,
        None => None,
    };
    if !r.is_empty() {
        return None;
    }
    Some(Pfx { auth_safe, mac })
}

/// The password as PKCS#12 feeds it to its key derivation: UTF-16BE with
/// a terminating zero.
fn bmp(password: &str) -> Zeroizing<Vec<u8>> {
    let units = password.encode_utf16().count();
    let mut out = Zeroizing::new(Vec::with_capacity(units * 2 + 2));
    for unit in password.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out.extend_from_slice(&[0, 0]);
    out
}

/// The block size of the PKCS#12 derivation for SHA-1 and SHA-256 (RFC 7292 B.2).
const V: usize = 64;

/// The PKCS#12 key derivation (RFC 7292 appendix B.2): `n` bytes for
/// `id` (1 key, 2 IV, 3 MAC key). Every intermediate is wiped.
fn derive<D: Digest>(
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    id: u8,
    n: usize,
) -> Zeroizing<Vec<u8>> {
    let u = <D as Digest>::output_size();
    let extend = |src: &[u8], out: &mut Vec<u8>| {
        if !src.is_empty() {
            let len = V * src.len().div_ceil(V);
            out.extend(src.iter().cycle().take(len));
        }
    };
    let s_len = V * salt.len().div_ceil(V);
    let p_len = V * password.len().div_ceil(V);
    let mut i = Zeroizing::new(Vec::with_capacity(s_len + p_len));
    extend(salt, &mut i);
    extend(password, &mut i);
    let d = [id; V];
    let mut out = Zeroizing::new(Vec::with_capacity(n.div_ceil(u) * u));
    let mut a = sha2::digest::Output::<D>::default();
    let mut b = Zeroizing::new([0u8; V]);
    loop {
        let mut h = D::new();
        h.update(d);
        h.update(&i[..]);
        h.finalize_into(&mut a);
        for _ in 1..iterations {
            let mut h = D::new();
            h.update(&a);
            h.finalize_into(&mut a);
        }
        let take = u.min(n - out.len());
        out.extend_from_slice(&a[..take]);
        if out.len() >= n {
            break;
        }
        for (k, byte) in b.iter_mut().enumerate() {
            *byte = a[k % u];
        }
        // I_j = (I_j + B + 1) mod 2^(8v), for each v-byte block of I.
        for block in i.chunks_mut(V) {
            let mut carry = 1u16;
            for (x, y) in block.iter_mut().zip(b.iter()).rev() {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum.to_le_bytes()[0];
                carry = sum >> 8;
            }
        }
    }
    a[..].zeroize();
    out
}

fn mac_verifies(mac: &MacData<'_>, algorithm: MacAlgorithm, password: &[u8], data: &[u8]) -> bool {
    match algorithm {
        MacAlgorithm::Sha1 => {
            let key = derive::<Sha1>(password, mac.salt, mac.iterations, 3, 20);
            <Hmac<Sha1> as Mac>::new_from_slice(&key)
                .map(|m| m.chain_update(data).verify_slice(mac.digest).is_ok())
                .unwrap_or(false)
        }
        MacAlgorithm::Sha256 => {
            let key = derive::<Sha256>(password, mac.salt, mac.iterations, 3, 32);
            <Hmac<Sha256> as Mac>::new_from_slice(&key)
                .map(|m| m.chain_update(data).verify_slice(mac.digest).is_ok())
                .unwrap_or(false)
        }
    }
}

/// The password's encoding whose MAC verifies (an empty password is tried
/// both as the two zero bytes and as nothing, like OpenSSL).
fn password_for(
    pfx: &Pfx<'_>,
    auth_safe: &[u8],
    password: &str,
) -> Result<Zeroizing<Vec<u8>>, EdsCode> {
    let mut candidates = vec![bmp(password)];
    if password.is_empty() {
        candidates.push(Zeroizing::new(Vec::new()));
    }
    let Some(mac) = &pfx.mac else {
        // No integrity check: a wrong password shows when decrypting.
        return Ok(candidates.swap_remove(0));
    };
    let algorithm = mac.algorithm.ok_or(EdsCode::UnsupportedKey)?;
    if mac.iterations == 0 || mac.iterations > MAX_ITERATIONS {
        return Err(EdsCode::UnsupportedKey);
    }
    candidates
        .into_iter()
        .find(|p| mac_verifies(mac, algorithm, p, auth_safe))
        .ok_or(EdsCode::WrongPassword)
}

fn cbc_decrypt<C>(cipher: C, iv: &[u8], data: &[u8]) -> Option<Zeroizing<Vec<u8>>>
where
    C: BlockCipher + BlockDecryptMut,
{
    let decryptor = cbc::Decryptor::<C>::inner_iv_slice_init(cipher, iv).ok()?;
    let mut buf = Zeroizing::new(data.to_vec());
    let len = decryptor.decrypt_padded_mut::<Pkcs7>(&mut buf).ok()?.len();
    buf.truncate(len);
    Some(buf)
}

/// Decrypts `data` with a PKCS#12 password-based scheme named by the
/// AlgorithmIdentifier `alg`.
fn decrypt(alg: &Tlv<'_>, data: &[u8], password: &[u8]) -> Result<Zeroizing<Vec<u8>>, EdsCode> {
    let malformed = EdsCode::NotAKeystore;
    if alg.tag != SEQUENCE {
        return Err(malformed);
    }
    let mut a = alg.reader();
    let oid = a.expect(OID).ok_or(malformed.clone())?;
    // Key length in bytes; RC2's effective key bits.
    let (key_len, rc2_bits) = if is(&oid, &PBE_SHA1_3DES) {
        (24, None)
    } else if is(&oid, &PBE_SHA1_2DES) {
        (16, None)
    } else if is(&oid, &PBE_SHA1_RC2_40) {
        (5, Some(40))
    } else if is(&oid, &PBE_SHA1_RC2_128) {
        (16, Some(128))
    } else {
        return Err(EdsCode::UnsupportedKey);
    };
    let params = a.expect(SEQUENCE).ok_or(malformed.clone())?;
    let mut p = params.reader();
    let salt = p.expect(OCTET_STRING).ok_or(malformed.clone())?.value;
    let iterations = p
        .read()
        .as_ref()
        .and_then(small_uint)
        .ok_or(malformed.clone())?;
    if !p.is_empty() || !a.is_empty() {
        return Err(malformed);
    }
    if iterations == 0 || iterations > MAX_ITERATIONS {
        return Err(EdsCode::UnsupportedKey);
    }
    let key = derive::<Sha1>(password, salt, iterations, 1, key_len);
    let iv = derive::<Sha1>(password, salt, iterations, 2, 8);
    let plain = match (key_len, rc2_bits) {
        (_, Some(bits)) => cbc_decrypt(rc2::Rc2::new_with_eff_key_len(&key, bits), &iv, data),
        (24, None) => des::TdesEde3::new_from_slice(&key)
            .ok()
            .and_then(|c| cbc_decrypt(c, &iv, data)),
        _ => des::TdesEde2::new_from_slice(&key)
            .ok()
            .and_then(|c| cbc_decrypt(c, &iv, data)),
    };
    // Bad padding: the password (or the file) is not the one this was encrypted with.
    plain.ok_or(EdsCode::WrongPassword)
}

/// Opens a keystore: checks its MAC with `password`, decrypts its bags and
/// returns the keys and certificates. Errors: [`EdsCode::NotAKeystore`]
/// (not PKCS#12), [`EdsCode::WrongPassword`], [`EdsCode::UnsupportedKey`]
/// (a MAC or encryption algorithm not read here). Whether a key and a
/// certificate are there is the caller's question.
pub(crate) fn open(file: &[u8], password: &str) -> Result<Contents, EdsCode> {
    if file.len() > MAX_KEYSTORE_LEN {
        return Err(EdsCode::NotAKeystore);
    }
    let der = ber::to_der(file).map_err(|_| EdsCode::NotAKeystore)?;
    let pfx = read_pfx(&der).ok_or(EdsCode::NotAKeystore)?;
    // Public-key integrity mode (a signed AuthenticatedSafe): not for personal keystores.
    let auth_safe = pfx.auth_safe.ok_or(EdsCode::UnsupportedKey)?;
    // The MAC is over the AuthenticatedSafe's own (BER) bytes, before normalizing.
    let password = password_for(&pfx, auth_safe, password)?;
    let safe = ber::to_der(auth_safe).map_err(|_| EdsCode::NotAKeystore)?;
    let mut out = Contents::default();
    read_authenticated_safe(&safe, &password, &mut out)?;
    Ok(out)
}

fn read_authenticated_safe(der: &[u8], password: &[u8], out: &mut Contents) -> Result<(), EdsCode> {
    let bad = || EdsCode::NotAKeystore;
    let mut top = Reader::new(der);
    let seq = top.expect(SEQUENCE).ok_or_else(bad)?;
    if !top.is_empty() {
        return Err(bad());
    }
    let mut r = seq.reader();
    while !r.is_empty() {
        let info = r.expect(SEQUENCE).ok_or_else(bad)?;
        let mut c = info.reader();
        let content_type = c.expect(OID).ok_or_else(bad)?;
        let Some(content) = c.expect(CONTEXT_0) else {
            continue;
        };
        let mut e = content.reader();
        if is(&content_type, &ID_DATA) {
            let octets = e.expect(OCTET_STRING).ok_or_else(bad)?;
            let contents = ber::to_der(octets.value).map_err(|_| bad())?;
            read_safe_contents(&contents, password, out, &EdsCode::NotAKeystore, 0)?;
        } else if is(&content_type, &ID_ENCRYPTED_DATA) {
            let data = e.expect(SEQUENCE).ok_or_else(bad)?;
            let mut d = data.reader();
            d.expect(INTEGER).ok_or_else(bad)?;
            let info = d.expect(SEQUENCE).ok_or_else(bad)?;
            let mut i = info.reader();
            i.expect(OID).ok_or_else(bad)?;
            let alg = i.read().ok_or_else(bad)?;
            let Some(encrypted) = i.read() else {
                continue;
            };
            if encrypted.tag != CONTEXT_0_PRIMITIVE && encrypted.tag != CONTEXT_0 {
                return Err(bad());
            }
            let ciphertext = encrypted.octets().ok_or_else(bad)?;
            let plain = decrypt(&alg, &ciphertext, password)?;
            // What does not parse after decrypting was decrypted with the wrong key.
            let contents = Zeroizing::new(ber::to_der(&plain).map_err(|_| EdsCode::WrongPassword)?);
            read_safe_contents(&contents, password, out, &EdsCode::WrongPassword, 0)?;
        } else {
            // envelopedData (public-key privacy mode) and anything else.
            return Err(EdsCode::UnsupportedKey);
        }
    }
    Ok(())
}

fn read_safe_contents(
    der: &[u8],
    password: &[u8],
    out: &mut Contents,
    bad: &EdsCode,
    depth: usize,
) -> Result<(), EdsCode> {
    let err = || bad.clone();
    let mut top = Reader::new(der);
    let seq = top.expect(SEQUENCE).ok_or_else(err)?;
    if !top.is_empty() {
        return Err(err());
    }
    let mut r = seq.reader();
    while !r.is_empty() {
        let bag = r.expect(SEQUENCE).ok_or_else(err)?;
        let mut b = bag.reader();
        let id = b.expect(OID).ok_or_else(err)?;
        let value = b.expect(CONTEXT_0).ok_or_else(err)?;
        b.optional(SET);
        if !b.is_empty() {
            return Err(err());
        }
        let mut v = value.reader();
        let inner = v.read().ok_or_else(err)?;
        if !v.is_empty() {
            return Err(err());
        }
        if is(&id, &KEY_BAG) {
            out.keys.push(Zeroizing::new(inner.raw.to_vec()));
        } else if is(&id, &SHROUDED_KEY_BAG) {
            if inner.tag != SEQUENCE {
                return Err(err());
            }
            let mut k = inner.reader();
            let alg = k.read().ok_or_else(err)?;
            let encrypted = k.expect(OCTET_STRING).ok_or_else(err)?;
            if !k.is_empty() {
                return Err(err());
            }
            out.keys.push(decrypt(&alg, encrypted.value, password)?);
        } else if is(&id, &CERT_BAG) {
            if inner.tag != SEQUENCE {
                return Err(err());
            }
            let mut c = inner.reader();
            let kind = c.expect(OID).ok_or_else(err)?;
            let value = c.expect(CONTEXT_0).ok_or_else(err)?;
            if is(&kind, &X509_CERTIFICATE) {
                let cert = value.reader().expect(OCTET_STRING).ok_or_else(err)?;
                out.certificates.push(cert.value.to_vec());
            }
        } else if is(&id, &SAFE_CONTENTS_BAG) && depth < MAX_BAG_DEPTH {
            read_safe_contents(inner.raw, password, out, bad, depth + 1)?;
        }
        // CRL and secret bags, and anything else: not needed.
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_password_is_utf16_big_endian_with_a_terminating_zero() {
        assert_eq!(&bmp("Ab")[..], &[0, b'A', 0, b'b', 0, 0]);
        assert_eq!(&bmp("Қ")[..], &[0x04, 0x9a, 0, 0]);
        assert_eq!(&bmp("")[..], &[0, 0]);
    }

    #[test]
    fn the_key_derivation_matches_known_vectors() {
        // Known answers of the PKCS#12 derivation (the classic "smeg" and
        // "queeg" vectors), each also given by OpenSSL:
        // `openssl kdf -keylen 24 -kdfopt digest:SHA1 -kdfopt hexpass:<BMP>
        //  -kdfopt hexsalt:<salt> -kdfopt iter:<n> -kdfopt id:<id> PKCS12KDF`.
        let smeg = bmp("smeg");
        let salt = [0x0a, 0x58, 0xcf, 0x64, 0x53, 0x0d, 0x82, 0x3f];
        let key = derive::<Sha1>(&smeg, &salt, 1, 1, 24);
        assert_eq!(
            hex(&key),
            "8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3"
        );
        let iv = derive::<Sha1>(&smeg, &salt, 1, 2, 8);
        assert_eq!(hex(&iv), "79993dfe048d3b76");
        let queeg = bmp("queeg");
        let salt = [0x16, 0x82, 0xc0, 0xfc, 0x5b, 0x3f, 0x7e, 0xc5];
        let key = derive::<Sha1>(&queeg, &salt, 1000, 1, 24);
        assert_eq!(
            hex(&key),
            "483dd6e919d7de2e8e648ba8f862f3fbfbdc2bcb2c02957f"
        );
        let mac_key = derive::<Sha256>(&queeg, &salt, 1000, 3, 32);
        assert_eq!(
            hex(&mac_key),
            "2886c84718145a841a2efe4a91a5e48d50f53b8debc34f9883818ccf638e58d3"
        );
    }

    #[test]
    fn the_mac_is_over_the_original_ber_bytes() {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
            "../../backend/tests/fixtures/nca-test-pki/p12/2021_rsa_individual_sign_ncanode.p12",
        );
        let file = std::fs::read(p).expect("keystore");
        let pfx = read_pfx(&file).expect("PFX");
        let mac = pfx.mac.as_ref().expect("MAC");
        assert_eq!(mac.algorithm, Some(MacAlgorithm::Sha1));
        assert_eq!(mac.iterations, 1024);
        let auth_safe = pfx.auth_safe.expect("password mode");
        let password = bmp("Qwerty12");
        assert!(mac_verifies(mac, MacAlgorithm::Sha1, &password, auth_safe));
        // The same content in DER is other bytes: the MAC would not match them.
        let der = ber::to_der(auth_safe).expect("BER");
        assert_ne!(der, auth_safe);
        assert!(!mac_verifies(mac, MacAlgorithm::Sha1, &password, &der));
        assert!(!mac_verifies(
            mac,
            MacAlgorithm::Sha1,
            &bmp("qwerty12"),
            auth_safe
        ));
        // Opened, it holds one key and one certificate.
        let contents = open(&file, "Qwerty12").expect("opens");
        assert_eq!(contents.keys.len(), 1);
        assert_eq!(contents.certificates.len(), 1);
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }

    #[test]
    fn small_integers_are_read_and_others_refused() {
        let t = |bytes: &'static [u8]| Reader::new(bytes).read().expect("tlv");
        assert_eq!(small_uint(&t(&[2, 2, 4, 0])), Some(1024));
        assert_eq!(small_uint(&t(&[2, 1, 3])), Some(3));
        assert_eq!(
            small_uint(&t(&[2, 5, 0, 0xff, 0xff, 0xff, 0xff])),
            Some(u32::MAX)
        );
        assert_eq!(small_uint(&t(&[2, 1, 0x80])), None);
        assert_eq!(small_uint(&t(&[2, 0])), None);
        assert_eq!(small_uint(&t(&[2, 5, 1, 0, 0, 0, 0])), None);
        assert_eq!(small_uint(&t(&[4, 1, 3])), None);
    }
}
