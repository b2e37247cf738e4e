//! Timestamps (RFC 3161) through RustCrypto's `x509-tsp` and `cms`: the
//! request for a signature value's imprint with a nonce, and the judgement
//! of a timestamp token — a CMS SignedData of a `TSTInfo`, its signature
//! checked (`pki::cms`), by a key for timestamping (`id-kp-timeStamping`),
//! over this very imprint and nonce. The token's path to a trusted root is
//! the caller's, at the token's time. `respond` is the demo center's TSA,
//! `authority` issues its certificate.

pub mod authority;
pub mod respond;
#[cfg(test)]
mod tests;

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use sha1::Sha1;
use sha2::Digest as _;
use x509_cert::Certificate;
use x509_cert::der::asn1::{Int, ObjectIdentifier as Oid, OctetString};
use x509_cert::der::{Decode, Encode};
use x509_cert::spki::AlgorithmIdentifier;
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion, TstInfo};

use super::cms::CmsError;
use super::cms::digest::ContentDigest;

pub const TST_INFO: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.1.4");
const SHA1_OID: Oid = Oid::new_unwrap("1.3.14.3.2.26");
const SHA256_OID: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
const KP_TIME_STAMPING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.8");

/// A timestamp token kept with a signature, and the time it attests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timestamp {
    pub token: Vec<u8>,
    pub at: u64,
}

/// A judged timestamp token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// When the TSA saw the imprint (Unix seconds).
    pub gen_time: u64,
    /// The token's serial number, lower-case hex.
    pub serial: String,
    pub policy: String,
    /// The TSA's certificate, and every certificate the token carries.
    pub tsa: Certificate,
    pub certificates: Vec<Certificate>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TspError {
    #[error("not a timestamp: {0}")]
    Malformed(String),
    #[error("the TSA refused (status {0})")]
    NotGranted(u8),
    #[error("the token's signature: {0}")]
    Token(CmsError),
    #[error("the token is over another imprint")]
    ImprintMismatch,
    #[error("the token does not echo the request's nonce")]
    NonceMismatch,
    #[error("an imprint by an unsupported digest {0}")]
    UnsupportedDigest(String),
    #[error("the token's signer is not a timestamping key")]
    NotTimestamping,
}

fn malformed(e: impl std::fmt::Display) -> TspError {
    TspError::Malformed(e.to_string())
}

/// `message` hashed as `algorithm` names (SHA-1 too: the national TSA's
/// imprints are SHA-1, which a timestamp of a signature value tolerates).
fn imprint(algorithm: &Oid, message: &[u8]) -> Result<Vec<u8>, TspError> {
    if *algorithm == SHA1_OID {
        return Ok(Sha1::digest(message).to_vec());
    }
    ContentDigest::from_oid(algorithm)
        .map(|d| d.digest(message))
        .ok_or_else(|| TspError::UnsupportedDigest(algorithm.to_string()))
}

/// A request for a token over `message` (SHA-256), asking for the TSA's
/// certificate, with a fresh nonce: the DER and the nonce.
pub fn request(message: &[u8]) -> Result<(Vec<u8>, Vec<u8>), TspError> {
    let mut nonce = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut nonce);
    nonce[0] = (nonce[0] & 0x7f) | 0x01; // positive, no leading zero
    let req = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: AlgorithmIdentifier {
                oid: SHA256_OID,
                parameters: None,
            },
            hashed_message: OctetString::new(imprint(&SHA256_OID, message)?).map_err(malformed)?,
        },
        req_policy: None,
        nonce: Some(Int::new(&nonce).map_err(malformed)?),
        cert_req: true,
        extensions: None,
    };
    Ok((req.to_der().map_err(malformed)?, nonce.to_vec()))
}

/// The token of a TSA's response: granted (0) or granted with mods (1).
pub fn token_of(response: &[u8]) -> Result<Vec<u8>, TspError> {
    let resp = TimeStampResp::from_der(response).map_err(malformed)?;
    let status = resp.status.status as u8;
    if status > 1 {
        return Err(TspError::NotGranted(status));
    }
    resp.time_stamp_token
        .ok_or_else(|| malformed("granted without a token"))?
        .to_der()
        .map_err(malformed)
}

fn time_stamping(cert: &Certificate) -> bool {
    crate::pki::cert::has_extended_key_usage(cert, &KP_TIME_STAMPING)
}

/// A token read and its signature checked, not yet held to a message.
#[derive(Debug, Clone)]
pub struct Read {
    pub stamp: Stamp,
    imprint: MessageImprint,
    nonce: Option<Vec<u8>>,
}

impl Read {
    /// Whether the token is over `message` and echoes `nonce` (None: the
    /// token need echo none, e.g. a stored one checked again).
    pub fn check(&self, message: &[u8], nonce: Option<&[u8]>) -> Result<(), TspError> {
        let expected = imprint(&self.imprint.hash_algorithm.oid, message)?;
        if self.imprint.hashed_message.as_bytes() != expected.as_slice() {
            return Err(TspError::ImprintMismatch);
        }
        if let Some(asked) = nonce
            && self.nonce.as_deref() != Some(asked)
        {
            return Err(TspError::NonceMismatch);
        }
        Ok(())
    }
}

/// Reads `token`: a SignedData of a `TSTInfo` whose signature holds, by a
/// timestamping key.
pub fn read(token: &[u8]) -> Result<Read, TspError> {
    let info = ContentInfo::from_der(token).map_err(malformed)?;
    let sd: SignedData = info.content.decode_as().map_err(malformed)?;
    if sd.encap_content_info.econtent_type != TST_INFO {
        return Err(malformed("the token's content is not a TSTInfo"));
    }
    let verified = super::cms::verify(token, None).map_err(TspError::Token)?;
    if !time_stamping(&verified.signer) {
        return Err(TspError::NotTimestamping);
    }
    let tst = TstInfo::from_der(&verified.content).map_err(malformed)?;
    Ok(Read {
        stamp: Stamp {
            gen_time: tst.gen_time.to_unix_duration().as_secs(),
            serial: super::hex(tst.serial_number.as_bytes()),
            policy: tst.policy.to_string(),
            tsa: verified.signer,
            certificates: verified.certificates,
        },
        imprint: tst.message_imprint,
        nonce: tst.nonce.map(|n| n.as_bytes().to_vec()),
    })
}

/// [`read`], then [`Read::check`]: `token` as a timestamp of `message`.
pub fn judge(token: &[u8], message: &[u8], nonce: Option<&[u8]>) -> Result<Stamp, TspError> {
    let read = read(token)?;
    read.check(message, nonce)?;
    Ok(read.stamp)
}

/// id-aa-signatureTimeStampToken (RFC 3161 appendix A, CAdES-T).
const ATTR_TIMESTAMP_TOKEN: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// The CMS `der` with `token` added to its first signer's unsigned
/// attributes: the signature as CAdES-T. The signed parts are unchanged.
pub fn cades_t(der: &[u8], token: &[u8]) -> Result<Vec<u8>, TspError> {
    use cms::signed_data::SignerInfos;
    use x509_cert::attr::{Attribute, AttributeValue};
    use x509_cert::der::asn1::SetOfVec;
    let info = ContentInfo::from_der(der).map_err(malformed)?;
    let mut sd: SignedData = info.content.decode_as().map_err(malformed)?;
    let mut signers: Vec<_> = sd.signer_infos.0.iter().cloned().collect();
    let first = signers
        .first_mut()
        .ok_or_else(|| malformed("a signature without signers"))?;
    let mut values = SetOfVec::new();
    values
        .insert(AttributeValue::from_der(token).map_err(malformed)?)
        .map_err(malformed)?;
    let mut attrs = first.unsigned_attrs.clone().unwrap_or_default();
    attrs
        .insert(Attribute {
            oid: ATTR_TIMESTAMP_TOKEN,
            values,
        })
        .map_err(malformed)?;
    first.unsigned_attrs = Some(attrs);
    sd.signer_infos = SignerInfos(SetOfVec::try_from(signers).map_err(malformed)?);
    ContentInfo {
        content_type: info.content_type,
        content: x509_cert::der::Any::encode_from(&sd).map_err(malformed)?,
    }
    .to_der()
    .map_err(malformed)
}
