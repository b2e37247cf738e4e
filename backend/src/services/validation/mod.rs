//! The public signature validation service (issue 25, item 6), as the
//! national center's «проверка ЭЦП» and SiVa are: anyone uploads a CMS
//! signature (DER or PEM; with its document when detached) and gets a
//! report in ETSI EN 319 102-1 terms for it and for each of its signers
//! (`judge`), at today's date or a time asked for. Anonymous use is
//! throttled per client address; nothing uploaded is kept (the bytes live
//! only for the request).

mod judge;
mod report_pdf;

use std::sync::Arc;

use sha2::{Digest, Sha256};
use shared::FieldCode;
use shared::eds::validation::ValidationReport;

use crate::app::App;
use crate::error::{AppError, AppResult};

/// Validations per client address in the throttle's window (15 minutes).
pub const USES_PER_CLIENT: u32 = 60;
/// The largest signature taken (a CMS with a few certificates is a few KB;
/// an attached one carries its document).
pub const MAX_SIGNATURE_BYTES: usize = 11 * 1024 * 1024;

/// What was uploaded.
#[derive(Debug, Clone, Default)]
pub struct Upload {
    /// The CMS signature, DER or PEM.
    pub signature: Vec<u8>,
    /// The signed document, for a detached signature.
    pub document: Option<Vec<u8>>,
    /// The validation time asked for (Unix seconds); None: now.
    pub at: Option<u64>,
}

/// The DER of a PEM (`PKCS7`, `CMS`) or DER signature.
fn der_of(bytes: &[u8]) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).ok().map(str::trim);
    if let Some(text) = text
        && text.starts_with("-----BEGIN")
        && let Ok((label, der)) = x509_cert::der::pem::decode_vec(text.as_bytes())
        && matches!(label, "PKCS7" | "CMS")
    {
        return der;
    }
    bytes.to_vec()
}

/// The report on `upload` for the client at `client`.
pub async fn validate(app: &App, client: &str, upload: Upload) -> AppResult<ValidationReport> {
    if upload.signature.is_empty() {
        return Err(AppError::field("signature", FieldCode::Required));
    }
    let key = format!("validation-client:{client}");
    if let Some(wait) = app
        .throttle
        .check(&app.db.write, &key, USES_PER_CLIENT)
        .await?
    {
        return Err(AppError::too_many_attempts(wait));
    }
    app.throttle.fail(&app.db.write, &key).await?;
    let now = crate::clock::now_secs();
    let at = upload.at.unwrap_or(now);
    let der: Arc<[u8]> = Arc::from(der_of(&upload.signature));
    let gathered = app.trust.gather(&der, now).await?;
    let store = app.trust.store();
    let document = upload.document;
    let signers = app
        .trust
        .bounded(move || {
            let evidence = gathered.evidence(now);
            crate::pki::cms::verify_each(&der, document.as_deref()).map(|each| {
                let sha = each
                    .iter()
                    .flatten()
                    .next()
                    .map(|v| crate::pki::hex(&Sha256::digest(&v.content)));
                let reports: Vec<_> = each
                    .iter()
                    .map(|v| match v {
                        Ok(v) => judge::signer(v, &store, &evidence, at),
                        Err(e) => judge::refused(e, at),
                    })
                    .collect();
                (reports, sha)
            })
        })
        .await?;
    let validated_at = now;
    Ok(match signers {
        Ok((signers, document_sha256)) => {
            let (indication, sub_indication) = ValidationReport::overall(&signers);
            ValidationReport {
                indication,
                sub_indication,
                signers,
                document_sha256,
                validated_at,
            }
        }
        Err(e) => {
            let (indication, sub) = judge::of_cms(&e);
            ValidationReport {
                indication,
                sub_indication: Some(sub),
                signers: Vec::new(),
                document_sha256: None,
                validated_at,
            }
        }
    })
}

/// The report on `upload` as a PDF sealed by the portal (`report_pdf`).
pub async fn sealed_report(app: &App, client: &str, upload: Upload) -> AppResult<Vec<u8>> {
    let report = validate(app, client, upload).await?;
    report_pdf::sealed(app, &report, crate::clock::now_secs()).await
}
