//! Helpers of the integration tests: the national test PKI beside the
//! repository, a verifier that checks what the server's verifier
//! (`backend/src/pki/cms.rs`, `signature.rs`) checks, OpenSSL, and a small
//! P-256 certification center that writes keystores with the `p12` crate.

#![expect(dead_code, reason = "each test file uses part of the helpers")]

pub mod gost_cms;

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;
use std::str::FromStr;
use std::time::Duration;

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use p256::ecdsa::{DerSignature, SigningKey};
use p256::pkcs8::{DecodePublicKey, EncodePrivateKey};
use rsa::signature::Verifier;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::asn1::{GeneralizedTime, ObjectIdentifier as Oid, OctetString, UtcTime};
use x509_cert::der::{Decode, Encode};
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};

pub const PASSWORD: &str = "Qwerty12";
/// 2026-11-23, when every national RSA certificate has expired.
pub const NOW_2026_MS: f64 = 1_795_400_000_000.0;
pub const EKU_AUTH: &str = "1.3.6.1.5.5.7.3.2";
pub const EKU_SIGN: &str = "1.3.6.1.5.5.7.3.4";

pub fn interop_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../backend/tests/fixtures/nca-test-pki")
}

pub fn interop(rel: &str) -> Vec<u8> {
    let p = interop_dir().join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A MANIFEST.tsv row, column → value.
pub type Row = HashMap<String, String>;

/// MANIFEST.tsv by file.
pub fn manifest() -> HashMap<String, Row> {
    let raw = std::fs::read_to_string(interop_dir().join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    let mut lines = raw.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    lines
        .map(|l| {
            let row: Row = header
                .iter()
                .zip(l.split('\t'))
                .map(|(k, v)| ((*k).to_owned(), v.to_owned()))
                .collect();
            (row["file"].clone(), row)
        })
        .collect()
}

/// `KEY=value` from a manifest subject ("CN=…, SERIALNUMBER=IIN…, OU=BIN…").
pub fn subject_part<'a>(row: &'a Row, prefix: &str) -> Option<&'a str> {
    row["subject"]
        .split(", ")
        .find_map(|p| p.strip_prefix(prefix))
}

/// Checks that `who`, read from the keystore `name`, is the holder its
/// manifest row names: ИИН, БИН, name, organization, serial, expiry.
pub fn assert_names_holder(row: &Row, who: &shared::eds::Signer, name: &str) {
    let part = |prefix| subject_part(row, prefix);
    assert_eq!(who.iin.as_deref(), part("SERIALNUMBER=IIN"), "{name} IIN");
    assert_eq!(who.bin.as_deref(), part("OU=BIN"), "{name} BIN");
    assert_eq!(who.common_name.as_deref(), part("CN="), "{name} CN");
    assert_eq!(who.organization.as_deref(), part("O="), "{name} O");
    assert_eq!(
        who.serial.trim_start_matches('0'),
        row["serial"].to_lowercase().trim_start_matches('0'),
        "{name} serial"
    );
    assert_eq!(who.serial, who.serial.to_lowercase(), "{name}");
    assert_eq!(date_of(who.not_after), row["not_after"], "{name} not_after");
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// "YYYY-MM-DD" → Unix seconds at midnight UTC.
pub fn date_secs(date: &str) -> u64 {
    let parts: Vec<i64> = date
        .split('-')
        .map(|p| p.parse().expect("number"))
        .collect();
    let days = days_from_civil(parts[0], parts[1], parts[2]);
    u64::try_from(days * 86_400).expect("after 1970")
}

/// Unix seconds → "YYYY-MM-DD".
pub fn date_of(secs: u64) -> String {
    let z = i64::try_from(secs / 86_400).expect("days") + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The national RSA keystores (`p12/20*_rsa_*.p12`).
pub fn rsa_keystores() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(interop_dir().join("p12"))
        .expect("p12 dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("20") && n.contains("_rsa_") && n.ends_with(".p12"))
        .collect();
    names.sort();
    names
}

/// What the server's verifier establishes about a detached signature.
#[derive(Debug)]
pub struct Verified {
    pub signer: Certificate,
    pub certificates: Vec<Certificate>,
    pub signing_time: u64,
    pub signature_algorithm: String,
    /// The DER of the signed attributes and the signature value.
    pub signed_attributes: Vec<u8>,
    pub signature: Vec<u8>,
}

const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
const ID_DATA: &str = "1.2.840.113549.1.7.1";
const SHA256_OID: &str = "2.16.840.1.101.3.4.2.1";
pub const SHA256_WITH_RSA: &str = "1.2.840.113549.1.1.11";
pub const ECDSA_SHA256: &str = "1.2.840.10045.4.3.2";

/// Checks a detached SignedData over `content` the way
/// `backend/src/pki/cms.rs` does (with the algorithm allow-list of
/// `signature.rs`), and more strictly where the browser's output is known:
/// exactly one signer, detached, the three signed attributes.
pub fn verify(der: &[u8], content: &[u8]) -> Result<Verified, String> {
    let info = ContentInfo::from_der(der).map_err(|e| e.to_string())?;
    if info.content_type.to_string() != SIGNED_DATA {
        return Err("not SignedData".into());
    }
    let sd: SignedData = info.content.decode_as().map_err(|e| e.to_string())?;
    if sd.encap_content_info.econtent.is_some() {
        return Err("not detached".into());
    }
    if sd.encap_content_info.econtent_type.to_string() != ID_DATA {
        return Err("eContentType is not id-data".into());
    }
    let signers: Vec<_> = sd.signer_infos.0.iter().collect();
    let [si] = signers.as_slice() else {
        return Err(format!("{} signers", signers.len()));
    };
    if si.digest_alg.oid.to_string() != SHA256_OID {
        return Err("digest is not SHA-256".into());
    }
    let certificates: Vec<Certificate> = sd
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(cert) => Some(cert.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let SignerIdentifier::IssuerAndSerialNumber(iss) = &si.sid else {
        return Err("signer not by issuer and serial".into());
    };
    let signer = certificates
        .iter()
        .find(|c| {
            c.tbs_certificate.issuer == iss.issuer
                && c.tbs_certificate.serial_number == iss.serial_number
        })
        .cloned()
        .ok_or("signer certificate missing")?;
    let attrs = si.signed_attrs.as_ref().ok_or("no signed attributes")?;
    let mut digest = None;
    let mut content_type = None;
    let mut signing_time = None;
    for attr in attrs.iter() {
        let first = attr.values.iter().next().ok_or("empty attribute")?;
        match attr.oid.to_string().as_str() {
            "1.2.840.113549.1.9.4" => {
                digest = Some(
                    first
                        .decode_as::<OctetString>()
                        .map_err(|e| e.to_string())?,
                );
            }
            "1.2.840.113549.1.9.3" => {
                content_type = Some(first.decode_as::<Oid>().map_err(|e| e.to_string())?);
            }
            "1.2.840.113549.1.9.5" => {
                let t = Time::from_der(&first.to_der().map_err(|e| e.to_string())?)
                    .map_err(|e| e.to_string())?;
                signing_time = Some(t.to_unix_duration().as_secs());
            }
            other => return Err(format!("unexpected signed attribute {other}")),
        }
    }
    if content_type.map(|o| o.to_string()).as_deref() != Some(ID_DATA) {
        return Err("content-type attribute".into());
    }
    let digest = digest.ok_or("no message-digest")?;
    if digest.as_bytes() != &Sha256::digest(content)[..] {
        return Err("message digest mismatch".into());
    }
    let signing_time = signing_time.ok_or("no signing time")?;
    let signed = attrs.to_der().map_err(|e| e.to_string())?;
    let spki = signer
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| e.to_string())?;
    let alg = si.signature_algorithm.oid.to_string();
    let sig = si.signature.as_bytes();
    match alg.as_str() {
        SHA256_WITH_RSA => {
            let key = rsa::RsaPublicKey::from_public_key_der(&spki).map_err(|e| e.to_string())?;
            if rsa::traits::PublicKeyParts::size(&key) * 8 < 2048 {
                return Err("RSA below 2048 bits".into());
            }
            let sig = rsa::pkcs1v15::Signature::try_from(sig).map_err(|e| e.to_string())?;
            rsa::pkcs1v15::VerifyingKey::<Sha256>::new(key)
                .verify(&signed, &sig)
                .map_err(|e| format!("RSA signature: {e}"))?;
        }
        ECDSA_SHA256 => {
            let key =
                p256::ecdsa::VerifyingKey::from_public_key_der(&spki).map_err(|e| e.to_string())?;
            let sig = p256::ecdsa::Signature::from_der(sig).map_err(|e| e.to_string())?;
            key.verify(&signed, &sig)
                .map_err(|e| format!("ECDSA signature: {e}"))?;
        }
        other => {
            return Err(format!(
                "signature algorithm {other} outside the allow-list"
            ));
        }
    }
    Ok(Verified {
        signer,
        certificates,
        signing_time,
        signature_algorithm: alg,
        signed_attributes: signed,
        signature: sig.to_vec(),
    })
}

/// `openssl cms -verify` of a detached signature at `attime`, against the
/// concatenated PEM CA certificates: `None` when there is no `openssl`.
pub fn openssl_verify(
    cms: &[u8],
    content: &[u8],
    ca_pem: &[u8],
    attime: u64,
) -> Option<Result<(), String>> {
    let dir = tempfile::tempdir().expect("temp dir");
    let sig = dir.path().join("sig.der");
    let doc = dir.path().join("doc.bin");
    let ca = dir.path().join("ca.pem");
    std::fs::write(&sig, cms).expect("write");
    std::fs::write(&doc, content).expect("write");
    std::fs::write(&ca, ca_pem).expect("write");
    let out = Command::new("openssl")
        .args(["cms", "-verify", "-binary", "-inform", "DER", "-in"])
        .arg(&sig)
        .arg("-content")
        .arg(&doc)
        .arg("-CAfile")
        .arg(&ca)
        .args(["-purpose", "any", "-attime", &attime.to_string(), "-out"])
        .arg(dir.path().join("out.bin"))
        .output();
    let out = match out {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "SKIPPED: the `openssl` binary is not installed; OpenSSL did not check this signature"
            );
            return None;
        }
        Err(e) => panic!("openssl: {e}"),
    };
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.success() && stderr.contains("Verification successful") {
        Some(Ok(()))
    } else {
        Some(Err(stderr))
    }
}

/// Runs `openssl` with `args` in `dir`: `None` when there is no `openssl`.
pub fn openssl(dir: &std::path::Path, args: &[&str]) -> Option<std::process::Output> {
    match Command::new("openssl").current_dir(dir).args(args).output() {
        Ok(o) => Some(o),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("SKIPPED: the `openssl` binary is not installed");
            None
        }
        Err(e) => panic!("openssl: {e}"),
    }
}

/// A P-256 key from a seed (no randomness needed in tests).
pub fn p256_key(seed: u8) -> SigningKey {
    let mut bytes = [seed; 32];
    bytes[0] = 0x42;
    SigningKey::from_bytes(&bytes.into()).expect("a valid scalar")
}

fn validity(not_before: u64, days: u64) -> Validity {
    let t = |s: u64| {
        let d = Duration::from_secs(s);
        match UtcTime::from_unix_duration(d) {
            Ok(utc) => Time::UtcTime(utc),
            Err(_) => Time::GeneralTime(GeneralizedTime::from_unix_duration(d).expect("time")),
        }
    };
    Validity {
        not_before: t(not_before),
        not_after: t(not_before + days * 86_400),
    }
}

/// A self-signed P-256 root CA.
pub fn root_ca(key: &SigningKey, not_before: u64) -> Certificate {
    let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key()).expect("spki");
    let builder = CertificateBuilder::new(
        Profile::Root,
        SerialNumber::new(&[0x01, 0x23]).expect("serial"),
        validity(not_before, 3650),
        Name::from_str("CN=ТЕСТ ТҮБІРЛІК КО,C=KZ").expect("name"),
        spki,
        key,
    )
    .expect("builder");
    builder.build::<DerSignature>().expect("root")
}

/// What a holder's certificate says.
#[derive(Debug, Clone)]
pub struct Spec<'a> {
    /// The subject, RFC 4514.
    pub dn: &'a str,
    /// Extended key usage OIDs (none: no extension).
    pub eku: &'a [&'a str],
    pub serial: &'a [u8],
    pub not_before: u64,
    pub days: u64,
}

/// A holder's certificate for `spki`, issued by `ca` with `ca_key`.
pub fn leaf(
    ca: &Certificate,
    ca_key: &SigningKey,
    spki: SubjectPublicKeyInfoOwned,
    spec: &Spec<'_>,
) -> Certificate {
    let mut builder = CertificateBuilder::new(
        Profile::Leaf {
            issuer: ca.tbs_certificate.subject.clone(),
            enable_key_agreement: false,
            enable_key_encipherment: false,
        },
        SerialNumber::new(spec.serial).expect("serial"),
        validity(spec.not_before, spec.days),
        Name::from_str(spec.dn).expect("name"),
        spki,
        ca_key,
    )
    .expect("builder");
    if !spec.eku.is_empty() {
        let usages = spec.eku.iter().map(|o| Oid::new(o).expect("oid")).collect();
        builder
            .add_extension(&ExtendedKeyUsage(usages))
            .expect("eku");
    }
    builder.build::<DerSignature>().expect("leaf")
}

/// A legacy keystore (3DES key bag, RC2 certificate bag, SHA-1 MAC) as the
/// `p12` crate writes it: `cert`, `key` (its bytes as given) and `cas`.
pub fn keystore(cert: &Certificate, key: &[u8], cas: &[&Certificate], password: &str) -> Vec<u8> {
    let cert = cert.to_der().expect("der");
    let cas: Vec<Vec<u8>> = cas.iter().map(|c| c.to_der().expect("der")).collect();
    let refs: Vec<&[u8]> = cas.iter().map(Vec::as_slice).collect();
    p12::PFX::new_with_cas(&cert, key, &refs, password, "test")
        .expect("keystore")
        .to_der()
}

pub fn pkcs8(key: &SigningKey) -> Vec<u8> {
    key.to_pkcs8_der().expect("pkcs8").as_bytes().to_vec()
}

pub fn bmp(password: &str) -> Vec<u8> {
    let mut out: Vec<u8> = password.encode_utf16().flat_map(u16::to_be_bytes).collect();
    out.extend_from_slice(&[0, 0]);
    out
}

fn der_sequence(items: &[Vec<u8>]) -> Vec<u8> {
    let body: Vec<u8> = items.concat();
    let mut out = vec![0x30];
    let len = body.len();
    if len < 0x80 {
        out.push(u8::try_from(len).expect("len"));
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | u8::try_from(bytes.len() - skip).expect("len"));
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(&body);
    out
}

/// A keystore holding `bags` (encrypted together under RC2), with a MAC.
pub fn keystore_of_bags(bags: &[p12::SafeBag], password: &str) -> Vec<u8> {
    let pw = bmp(password);
    let mut infos = Vec::new();
    if !bags.is_empty() {
        let data = p12::EncryptedData::from_safe_bags(bags, &pw).expect("encrypt");
        infos.push(p12::ContentInfo::EncryptedData(data).to_der());
    }
    let contents = der_sequence(&infos);
    let mac = p12::MacData::new(&contents, &pw);
    p12::PFX {
        version: 3,
        auth_safe: p12::ContentInfo::Data(contents),
        mac_data: Some(mac),
    }
    .to_der()
}

/// The bags of a keystore the `p12` crate can read (DER).
pub fn bags_of(keystore: &[u8], password: &str) -> Vec<p12::SafeBag> {
    p12::PFX::parse(keystore)
        .expect("PKCS#12")
        .bags(password)
        .expect("bags")
}

/// A deterministic "random" source, for RSA key generation in tests.
pub struct TestRng(pub u64);

impl rsa::rand_core::RngCore for TestRng {
    fn next_u32(&mut self) -> u32 {
        u32::try_from(self.next_u64() >> 32).expect("u32")
    }
    fn next_u64(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn fill_bytes(&mut self, dest: &mut [u8]) {
        for chunk in dest.chunks_mut(8) {
            let v = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
    fn try_fill_bytes(&mut self, dest: &mut [u8]) -> Result<(), rsa::rand_core::Error> {
        self.fill_bytes(dest);
        Ok(())
    }
}

impl rsa::rand_core::CryptoRng for TestRng {}

/// xorshift64*: a fixed, reproducible sequence.
pub fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
    move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

pub fn pem(label: &str, der: &[u8]) -> String {
    x509_cert::der::pem::encode_string(label, x509_cert::der::pem::LineEnding::LF, der)
        .expect("pem")
}
