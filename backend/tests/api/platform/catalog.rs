//! The service catalog: all services listed, searched in every language,
//! filtered; every passport complete; seeding it again changes nothing.

use axum::http::StatusCode;
use shared::catalog::{CatalogFacets, Eligibility, ServiceDetail, ServiceSummary};

use crate::helpers::app::TestApp;

const ALL: [&str; 7] = [
    "grain-warehouse",
    "med-license",
    "pesticide-application",
    "pesticide-production",
    "pesticide-sale",
    "phc-attachment",
    "veterinary",
];

fn codes(list: &[ServiceSummary]) -> Vec<&str> {
    let mut v: Vec<&str> = list.iter().map(|s| s.code.as_str()).collect();
    v.sort_unstable();
    v
}

#[tokio::test]
async fn lists_all_seven_services() {
    let app = TestApp::new().await;
    let res = app.get("/api/catalog/services").send().await;
    assert_eq!(res.status, StatusCode::OK);
    let list: Vec<ServiceSummary> = res.json();
    assert_eq!(codes(&list), ALL);
    let phc = list
        .iter()
        .find(|s| s.code == "phc-attachment")
        .expect("phc");
    assert!(phc.free);
    assert_eq!(phc.eligibility, Eligibility::IinOnly);
    let grain = list
        .iter()
        .find(|s| s.code == "grain-warehouse")
        .expect("grain");
    assert_eq!(grain.eligibility, Eligibility::BinOnly);
    assert!(!grain.free);
}

#[tokio::test]
async fn search_finds_words_in_every_language() {
    let app = TestApp::new().await;
    for (q, expected) in [
        ("медицинскую", "med-license"),
        ("медициналық", "med-license"),
        ("medical", "med-license"),
        ("ВЕТЕРИНАРИИ", "veterinary"),
    ] {
        let res = app
            .get(&format!("/api/catalog/services?q={}", urlencode(q)))
            .send()
            .await;
        let list: Vec<ServiceSummary> = res.json();
        assert!(
            list.iter().any(|s| s.code == expected),
            "{q}: {:?}",
            codes(&list)
        );
        assert!(list.len() < 7, "{q} should narrow the list");
    }
    let none: Vec<ServiceSummary> = app
        .get("/api/catalog/services?q=zzzzqqq")
        .send()
        .await
        .json();
    assert!(none.is_empty());
}

#[tokio::test]
async fn filters_by_category_provider_and_region() {
    let app = TestApp::new().await;
    let facets: CatalogFacets = app.get("/api/catalog/facets").send().await.json();
    assert!(
        facets.categories.len() >= 2 && facets.regions.len() >= 3 && facets.providers.len() >= 4
    );

    let pesticides: Vec<ServiceSummary> = app
        .get("/api/catalog/services?provider=akmola-agriculture")
        .send()
        .await
        .json();
    assert_eq!(
        codes(&pesticides),
        [
            "grain-warehouse",
            "pesticide-application",
            "pesticide-production",
            "pesticide-sale",
            "veterinary"
        ]
    );

    let mangistau: Vec<ServiceSummary> = app
        .get("/api/catalog/services?region=mangistau")
        .send()
        .await
        .json();
    assert_eq!(codes(&mangistau), ["med-license", "phc-attachment"]);

    let med: &ServiceSummary = &mangistau[0];
    let by_category: Vec<ServiceSummary> = app
        .get(&format!("/api/catalog/services?category={}", med.category))
        .send()
        .await
        .json();
    assert!(by_category.iter().all(|s| s.category == med.category));
    assert!(by_category.iter().any(|s| s.code == "med-license"));

    let nothing: Vec<ServiceSummary> = app
        .get("/api/catalog/services?region=no-such-region")
        .send()
        .await
        .json();
    assert!(nothing.is_empty());
}

#[tokio::test]
async fn every_passport_is_complete() {
    let app = TestApp::new().await;
    for code in ALL {
        let res = app
            .get(&format!("/api/catalog/services/{code}"))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::OK, "{code}");
        let d: ServiceDetail = res.json();
        assert!(!d.providers.is_empty(), "{code}: providers");
        assert!(!d.request_types.is_empty(), "{code}: request types");
        assert!(!d.checklist.is_empty(), "{code}: checklist");
        assert!(d.mrp_tenge > 0);
        for rt in &d.request_types {
            assert_eq!(rt.fee, rt.spec.fee_mrp.amount(d.mrp_tenge), "{code}: fee");
        }
        if code == "phc-attachment" {
            assert!(
                d.request_types
                    .iter()
                    .all(|r| r.fee.0 == 0 && r.spec.deadline_working_days == 1)
            );
            assert!(d.providers.iter().all(|p| p.capacity.is_some()));
        } else {
            assert_eq!(
                d.request_types.len(),
                3,
                "{code}: issuance, re-issuance, duplicate"
            );
        }
    }
}

#[tokio::test]
async fn passport_body_snapshot() {
    let app = TestApp::new().await;
    let body = app
        .get("/api/catalog/services/med-license")
        .send()
        .await
        .value();
    insta::assert_json_snapshot!(body, {
        ".mrp_year" => "[year]",
        ".mrp_tenge" => "[mrp]",
        ".request_types[].fee" => "[fee]",
    });
}

#[tokio::test]
async fn unknown_service_is_404() {
    let app = TestApp::new().await;
    let res = app
        .get("/api/catalog/services/no-such-service")
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.code(), "not_found");
}

#[tokio::test]
async fn seeding_twice_changes_nothing() {
    let app = TestApp::new().await;
    let before: Vec<ServiceSummary> = app.get("/api/catalog/services").send().await.json();
    let data = backend::services::catalog::data::CatalogData::load(&app.state.config.catalog_dir)
        .expect("data");
    data.seed(&app.state.db).await.expect("second seed");
    let again = backend::services::catalog::lookup::Catalog::read(&app.state.db)
        .await
        .expect("read");
    assert_eq!(again.search(&Default::default()), before);
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn a_provider_removed_from_the_data_no_longer_provides_the_service() {
    let app = TestApp::new().await;
    let mut data =
        backend::services::catalog::data::CatalogData::load(&app.state.config.catalog_dir)
            .expect("data");
    let med = data
        .services
        .iter_mut()
        .find(|s| s.code == "med-license")
        .expect("med-license");
    med.providers.retain(|p| p != "almaty-region-health");
    data.seed(&app.state.db).await.expect("seed");
    let catalog = backend::services::catalog::lookup::Catalog::read(&app.state.db)
        .await
        .expect("read");
    let detail = catalog.detail("med-license", 2026).expect("detail");
    assert_eq!(
        detail
            .providers
            .iter()
            .map(|p| p.code.as_str())
            .collect::<Vec<_>>(),
        ["mangistau-health"]
    );
}
