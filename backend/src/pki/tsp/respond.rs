//! A timestamping authority whose key the portal holds (the demo
//! certification center's TSA): each request with a SHA-2 imprint gets a
//! token — a `TSTInfo` of this moment, a random serial, the nonce echoed —
//! signed as a CMS SignedData with the TSA's certificate named in a
//! signing-certificate-v2 attribute (RFC 3161, RFC 5816); anything else is
//! refused with `rejection`.

use cmpv2::status::{PkiStatus, PkiStatusInfo};
use cms::content_info::ContentInfo;
use x509_cert::Certificate;
use x509_cert::der::asn1::{GeneralizedTime, Int, ObjectIdentifier as Oid};
use x509_cert::der::{Decode, Encode};
use x509_tsp::{Accuracy, TimeStampReq, TimeStampResp, TspVersion, TstInfo};

use super::TST_INFO;
use crate::pki::ca::Issued;
use crate::pki::sign::{Content, sign_content};

/// The demo TSA's policy, under the enterprise number IANA keeps for
/// documentation (RFC 5612, 32473): of no real authority.
pub const DEMO_POLICY: Oid = Oid::new_unwrap("1.3.6.1.4.1.32473.1");

fn granted(token: ContentInfo) -> TimeStampResp<'static> {
    TimeStampResp {
        status: PkiStatusInfo {
            status: PkiStatus::Accepted,
            status_string: None,
            fail_info: None,
        },
        time_stamp_token: Some(token),
    }
}

/// `rejection`, DER.
pub fn rejection() -> Vec<u8> {
    TimeStampResp {
        status: PkiStatusInfo {
            status: PkiStatus::Rejection,
            status_string: None,
            fail_info: None,
        },
        time_stamp_token: None,
    }
    .to_der()
    .unwrap_or_default()
}

fn is_sha2(oid: &Oid) -> bool {
    [
        "2.16.840.1.101.3.4.2.1",
        "2.16.840.1.101.3.4.2.2",
        "2.16.840.1.101.3.4.2.3",
    ]
    .contains(&oid.to_string().as_str())
}

/// The DER response to the DER `request`, as `tsa` (whose certificate
/// `chain` leads to its root) at `now`.
pub fn respond(request: &[u8], tsa: &Issued, chain: &[Certificate], now: u64) -> Vec<u8> {
    let Ok(req) = TimeStampReq::from_der(request) else {
        return rejection();
    };
    if !is_sha2(&req.message_imprint.hash_algorithm.oid) {
        return rejection();
    }
    build(&req, tsa, chain, now).unwrap_or_else(rejection)
}

fn build(req: &TimeStampReq, tsa: &Issued, chain: &[Certificate], now: u64) -> Option<Vec<u8>> {
    let mut serial = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut serial);
    serial[0] = (serial[0] & 0x7f) | 0x01;
    let tst = TstInfo {
        version: TspVersion::V1,
        policy: req.req_policy.unwrap_or(DEMO_POLICY),
        message_imprint: req.message_imprint.clone(),
        serial_number: Int::new(&serial).ok()?,
        gen_time: GeneralizedTime::from_unix_duration(std::time::Duration::from_secs(now)).ok()?,
        accuracy: Some(Accuracy {
            seconds: Some(1),
            millis: None,
            micros: None,
        }),
        ordering: false,
        nonce: req.nonce.clone(),
        tsa: None,
        extensions: None,
    };
    let content = tst.to_der().ok()?;
    let what = Content {
        content_type: TST_INFO,
        bytes: &content,
        attach: true,
    };
    let named = signer::signing_certificate(&tsa.cert).ok()?;
    // Certificates only when asked for (RFC 3161 §2.4.1, certReq).
    let carried = req.cert_req.then_some(chain);
    let token = sign_content(what, tsa, carried, now, vec![named]).ok()?;
    granted(ContentInfo::from_der(&token).ok()?).to_der().ok()
}
