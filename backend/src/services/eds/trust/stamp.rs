//! Timestamps for accepted signatures (CAdES-T): the signature value sent
//! to the configured TSA with a fresh nonce, the token judged — over this
//! value and nonce, by a timestamping key whose path to a trusted root is
//! established, its time now — on the blocking pool. A TSA that does not
//! answer leaves the signature without a timestamp (logged): the signature
//! was verified when it arrived, and its record says when.

use x509_cert::Certificate;

use crate::adapters::pki_post::Kind;
use crate::error::AppResult;
use crate::pki::tsp::{self, Timestamp};

/// How far a token's time may be from the portal's clock.
const SKEW_SECS: u64 = 300;

impl super::Trust {
    /// A timestamp of the signature value of the CMS `der` from the TSA,
    /// or None when no TSA is configured or it gave no acceptable token.
    pub async fn stamp(&self, der: &[u8], now: u64) -> AppResult<Option<Timestamp>> {
        let Some(url) = &self.tsa else {
            return Ok(None);
        };
        let cms = der.to_vec();
        let Some(value) = self
            .bounded(move || crate::pki::cms::signature_value(&cms))
            .await?
        else {
            return Ok(None);
        };
        let (request, nonce) = match tsp::request(&value) {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(error = %e, "a timestamp request not built");
                return Ok(None);
            }
        };
        let answer = match self.poster.ask(Kind::Timestamp, url, request).await {
            Ok(answer) => answer,
            Err(e) => {
                tracing::warn!(url, error = %e, "the TSA did not answer; kept without a timestamp");
                return Ok(None);
            }
        };
        let store = self.store.clone();
        let judged = self
            .bounded(move || -> Result<Timestamp, String> {
                let token = tsp::token_of(&answer).map_err(|e| e.to_string())?;
                let stamp = tsp::judge(&token, &value, Some(&nonce)).map_err(|e| e.to_string())?;
                let carried: Vec<Certificate> = stamp.certificates.clone();
                let store = store.with_intermediates(&carried);
                crate::pki::chain::established_path(&stamp.tsa, &store)
                    .ok_or("the TSA's certificate is not of a trusted center")?;
                if stamp.gen_time + SKEW_SECS < now || stamp.gen_time > now + SKEW_SECS {
                    return Err(format!("a token of another time ({})", stamp.gen_time));
                }
                Ok(Timestamp {
                    token,
                    at: stamp.gen_time,
                })
            })
            .await?;
        match judged {
            Ok(t) => Ok(Some(t)),
            Err(e) => {
                tracing::warn!(url, error = %e, "a timestamp refused; kept without one");
                Ok(None)
            }
        }
    }
}
