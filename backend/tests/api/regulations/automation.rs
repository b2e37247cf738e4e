//! The degree of automation and the kind of each service, as its
//! regulation's items 3 and 4 state them, on every passport, in the seeds'
//! words.

use axum::http::StatusCode;
use shared::catalog::{Automation, Channel, ServiceDetail, ServiceKind, ServiceSummary};

use crate::helpers::app::TestApp;

/// The app's texts of one language (`frontend/locales/pages/<lang>.json`).
fn page_texts(lang: &str) -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../frontend/locales/pages")
        .join(format!("{lang}.json"));
    serde_json::from_slice(&std::fs::read(path).expect("locale")).expect("json")
}

/// Seed 000 item 3 («частично автоматизированная»), seed 002 item 3
/// («полностью автоматизированная»), seed 001 items 3 of both
/// regulations in Kazakh («ішінара» / «толық автоматтандырылған»), seeds
/// 003 and 004 item 3; item 4 of every seed: «транзакционная»
/// («транзакциялық»).
#[tokio::test]
async fn every_passport_states_the_seeds_degree_of_automation_and_kind() {
    let app = TestApp::new().await;
    let list: Vec<ServiceSummary> = app.get("/api/catalog/services").send().await.json();
    assert_eq!(list.len(), 7);
    for s in &list {
        let res = app
            .get(&format!("/api/catalog/services/{}", s.code))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::OK);
        let d: ServiceDetail = res.json();
        let expected = if d.code == "phc-attachment" {
            Automation::Full
        } else {
            Automation::Partial
        };
        assert_eq!(d.automation, expected, "{}", d.code);
        assert_eq!(d.service_kind, ServiceKind::Transactional, "{}", d.code);
        let body = res.value();
        assert!(body["automation"].is_string() && body["service_kind"] == "transactional");
    }
    for (lang, partial, full, kind) in [
        (
            "ru",
            "частично автоматизированная",
            "полностью автоматизированная",
            "транзакционная",
        ),
        (
            "kk",
            "ішінара автоматтандырылған",
            "толық автоматтандырылған",
            "транзакциялық",
        ),
        (
            "en",
            "partially automated",
            "fully automated",
            "transactional",
        ),
    ] {
        let texts = page_texts(lang);
        assert_eq!(texts["automation.partial"], partial, "{lang}");
        assert_eq!(texts["automation.full"], full, "{lang}");
        assert_eq!(texts["service_kind.transactional"], kind, "{lang}");
    }
}

/// Where the person at a desk signs: a ЦОН's operator (seed 000 §8,
/// process 5), the PHC clinic's employee (seed 002 §7, process 5); a
/// license provider's staff register without a signature (seed 000 §7,
/// process 7).
#[tokio::test]
async fn the_desks_that_sign_are_those_of_the_seeds() {
    let app = TestApp::new().await;
    for (code, signs) in [
        ("med-license", vec![Channel::Con]),
        ("veterinary", vec![]),
        ("phc-attachment", vec![Channel::Provider]),
    ] {
        let d: ServiceDetail = app
            .get(&format!("/api/catalog/services/{code}"))
            .send()
            .await
            .json();
        assert_eq!(d.desk_signs, signs, "{code}");
    }
}
