//! The validation report as a PDF sealed by the portal (issue 25, item 6):
//! the report of `validate`, in Kazakh and Russian as the result documents
//! are, in the words the app shows (its kk and ru texts, read at build
//! time), with a PAdES signature by the portal's information-system
//! certificate and, when a TSA is configured, its timestamp (PAdES-T).

use std::collections::HashMap;
use std::sync::OnceLock;

use shared::eds::validation::{SignerReport, ValidationReport};

use crate::app::App;
use crate::error::{AppError, AppResult};
use crate::pdf::{self, Row};
use crate::pki::{pades, sign, tsp};

/// The app's page texts, kk and ru.
fn texts() -> &'static [HashMap<String, String>; 2] {
    static TEXTS: OnceLock<[HashMap<String, String>; 2]> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let read = |json: &str| serde_json::from_str(json).unwrap_or_default();
        [
            read(include_str!("../../../../frontend/locales/pages/kk.json")),
            read(include_str!("../../../../frontend/locales/pages/ru.json")),
        ]
    })
}

/// `validate.<key>` in Kazakh and in Russian, "kk / ru".
fn both(key: &str) -> String {
    let [kk, ru] = texts();
    let key = format!("validate.{key}");
    let of = |t: &HashMap<String, String>| t.get(&key).cloned().unwrap_or_else(|| key.clone());
    format!("{} / {}", of(kk), of(ru))
}

fn time(at: u64) -> String {
    chrono::DateTime::from_timestamp(i64::try_from(at).unwrap_or(0), 0)
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_default()
}

fn field(rows: &mut Vec<Row>, key: &str, value: String) {
    rows.push((9.0, both(key)));
    rows.push((11.0, value));
}

fn signer_rows(rows: &mut Vec<Row>, n: usize, s: &SignerReport) {
    rows.push((6.0, String::new()));
    let name = s.subject.clone().unwrap_or_else(|| both("unknown_signer"));
    rows.push((12.5, format!("{n}. {name}")));
    rows.push((11.0, both(&format!("indication.{}", s.indication.code()))));
    if let Some(sub) = s.sub_indication {
        rows.push((9.5, both(&format!("sub.{}", sub.code()))));
    }
    for (key, value) in [
        ("iin", &s.iin),
        ("bin", &s.bin),
        ("organization", &s.organization),
    ] {
        if let Some(v) = value {
            field(rows, key, v.clone());
        }
    }
    if !s.roles.is_empty() {
        let roles: Vec<String> = s
            .roles
            .iter()
            .map(|r| both(&format!("role.{}", r.code())))
            .collect();
        field(rows, "roles", roles.join("; "));
    }
    if let Some(a) = &s.key_algorithm {
        field(rows, "algorithm", a.clone());
    }
    for (key, at) in [("signing_time", s.signing_time), ("timestamp", s.timestamp)] {
        if let Some(at) = at {
            field(rows, key, time(at));
        }
    }
    field(rows, "validation_time", time(s.validation_time));
    if !s.path.is_empty() {
        field(rows, "path", s.path.join(" → "));
    }
    if let Some(r) = s.revocation {
        let source = both(&format!("source.{}", r.source.code()));
        field(rows, "revocation", format!("{source}, {}", time(r.at)));
    }
}

/// The report's rows: the verdict, the document's digest, each signer.
fn rows(report: &ValidationReport) -> Vec<Row> {
    let mut rows = vec![(16.0, both("report")), (6.0, String::new())];
    rows.push((
        13.0,
        both(&format!("indication.{}", report.indication.code())),
    ));
    if let Some(sub) = report.sub_indication {
        rows.push((10.0, both(&format!("sub.{}", sub.code()))));
    }
    rows.push((
        9.0,
        format!("ETSI EN 319 102-1: {}", indication_codes(report)),
    ));
    if let Some(sha) = &report.document_sha256 {
        field(&mut rows, "document_sha256", sha.clone());
    }
    field(&mut rows, "validation_time", time(report.validated_at));
    for (i, s) in report.signers.iter().enumerate() {
        signer_rows(&mut rows, i + 1, s);
    }
    rows.push((6.0, String::new()));
    rows.push((9.0, both("sealed")));
    rows
}

fn indication_codes(report: &ValidationReport) -> String {
    match report.sub_indication {
        Some(sub) => format!("{} / {}", report.indication.code(), sub.code()),
        None => report.indication.code().to_owned(),
    }
}

/// `report` as a PDF sealed by the portal's certificate, at `now`.
pub async fn sealed(app: &App, report: &ValidationReport, now: u64) -> AppResult<Vec<u8>> {
    let center = app
        .demo_center
        .clone()
        .ok_or_else(|| AppError::unavailable().with_cause("no seal certificate is configured"))?;
    let font = app.font.clone();
    let rows = rows(report);
    let reason = both("sealed");
    let prepared = app
        .trust
        .bounded(move || {
            let pdf = pdf::render(&font, &rows, None)?;
            pades::prepare(&pdf, &reason, now)
        })
        .await?
        .map_err(AppError::internal)?;
    let covered = prepared.covered();
    let cms = app
        .trust
        .bounded(move || {
            let chain = [center.nca.cert.clone(), center.root.cert.clone()];
            sign::sign_cades(&covered, &center.seal, &chain, now).map_err(|e| e.to_string())
        })
        .await?
        .map_err(AppError::internal)?;
    // PAdES-T when the TSA answers; the seal alone when it does not.
    let cms = match app.trust.stamp(&cms, now).await? {
        Some(stamp) => tsp::cades_t(&cms, &stamp.token).map_err(AppError::internal)?,
        None => cms,
    };
    prepared.finish(&cms).map_err(AppError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_the_report_uses_is_in_both_languages() {
        let [kk, ru] = texts();
        for key in [
            "report",
            "sealed",
            "iin",
            "path",
            "revocation",
            "indication.TOTAL_PASSED",
        ] {
            let key = format!("validate.{key}");
            assert!(kk.contains_key(&key) && ru.contains_key(&key), "{key}");
        }
        assert!(!both("sealed").contains("validate."));
    }
}
