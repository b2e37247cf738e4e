//! Requests other than a paid issuance: a reissuance or duplicate names one
//! of the applicant's own licenses; a PHC attachment is free, one at a
//! time and within capacity.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shared::request::{ClinicsDto, LicenseDto, RequestDto};

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_COMPANY, iin};
use crate::helpers::app::TestApp;
use crate::requests::steps::{draft, pdf, upload};

#[tokio::test]
async fn reissuance_and_duplicates_name_one_of_the_applicants_own_licenses() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let licenses: Vec<LicenseDto> = app.get("/api/licenses").token(&token).send().await.json();
    let own = licenses
        .iter()
        .find(|l| l.service == "med-license")
        .expect("a medical license");
    let d = draft(&app, &token, "med-license", "reissuance").await;
    assert!(d.problems.contains_key("license"));
    assert!(d.problems.contains_key("doc.change_proof"));
    let path = format!("/api/requests/{}", d.id);
    // The company's license is not the citizen's.
    for number in ["KZ-L-2024-00000117", "KZ-L-2025-00000342", "nonsense"] {
        let res = app
            .call(Method::PUT, &path)
            .token(&token)
            .json(json!({ "license": number, "answers": {} }))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{number}");
    }
    let res = app
        .call(Method::PUT, &path)
        .token(&token)
        .json(json!({
            "license": own.number, "provider": "mangistau-health",
            "answers": { "reissue_grounds": "address_change", "original_license_number": "typed-over" }
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let saved: RequestDto = res.json();
    assert_eq!(saved.license.as_deref(), Some(own.number.as_str()));
    assert_eq!(saved.answers["original_license_number"], own.number);
    assert_eq!(
        saved.answers["original_license_date"],
        own.issued_on.to_string()
    );
    assert!(!saved.problems.contains_key("license"));
    assert!(!saved.problems.contains_key("original_license_date"));

    // A duplicate for the company's own license; an issuance takes no license.
    let company = app.login_token(DEMO_COMPANY.0, DEMO_COMPANY.1).await;
    let dup = draft(&app, &company, "med-license", "duplicate").await;
    let res = app
        .call(Method::PUT, &format!("/api/requests/{}", dup.id))
        .token(&company)
        .json(json!({ "license": "KZ-L-2024-00000117", "answers": { "duplicate_reason": "lost" } }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let issuance = draft(&app, &company, "med-license", "issuance").await;
    let res = app
        .call(Method::PUT, &format!("/api/requests/{}", issuance.id))
        .token(&company)
        .json(json!({ "license": "KZ-L-2024-00000117", "answers": {} }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn phc_attachment_is_free_one_at_a_time_and_within_capacity() {
    let app = TestApp::new().await;
    let person = iin("950505", 4100);
    let (session, _) = app.register_individual(&person, "Qwerty-2026-long").await;
    let token = session.access_token;
    let overview: ClinicsDto = app.get("/api/clinics").token(&token).send().await.json();
    assert!(overview.current.is_none());
    assert_eq!(overview.clinics.len(), 7);
    assert!(
        overview
            .clinics
            .iter()
            .all(|c| c.capacity > 0 && c.attached == 0)
    );

    let d = draft(&app, &token, "phc-attachment", "issuance").await;
    assert_eq!(d.fee.0, 0);
    let res = app
        .call(Method::PUT, &format!("/api/requests/{}", d.id))
        .token(&token)
        .json(json!({
            "provider": "aktau-polyclinic-2",
            "answers": { "residence_address": "Ақтау, 5-шағын аудан, 12", "reason": "residence", "contact_phone": "+7 701 111 22 33", "consent": "true" }
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let res = upload(&app, &token, d.id, "residence_proof", "address.pdf", pdf(0)).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    // Free: nothing to pay, signed directly.
    let res = app
        .post(&format!("/api/requests/{}/payment", d.id))
        .token(&token)
        .json(json!({}))
        .send()
        .await;
    assert_eq!(res.code(), "nothing_to_pay");

    // Already attached to this organization: refused; elsewhere: allowed.
    let user = backend::services::accounts::account::find_by_number(&app.state, &person)
        .await
        .expect("db")
        .expect("user");
    backend::services::registry::clinics::attach(
        &app.state.db.write,
        user.id,
        "aktau-polyclinic-2",
        None,
    )
    .await
    .expect("attach");
    let res = app
        .get(&format!("/api/requests/{}/application", d.id))
        .token(&token)
        .send()
        .await;
    assert_eq!(res.code(), "already_attached");
    let overview: ClinicsDto = app.get("/api/clinics").token(&token).send().await.json();
    assert_eq!(
        overview.current.as_ref().map(|c| c.provider.as_str()),
        Some("aktau-polyclinic-2")
    );
    assert_eq!(
        overview
            .clinics
            .iter()
            .find(|c| c.provider == "aktau-polyclinic-2")
            .map(|c| c.attached),
        Some(1)
    );
    let res = app
        .call(Method::PUT, &format!("/api/requests/{}", d.id))
        .token(&token)
        .json(json!({
            "provider": "aktau-polyclinic-1",
            "answers": { "residence_address": "Ақтау, 5-шағын аудан, 12", "reason": "residence", "contact_phone": "+7 701 111 22 33", "consent": "true" }
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let res = app
        .get(&format!("/api/requests/{}/application", d.id))
        .token(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    // A new attachment ends the old one: one active at a time.
    backend::services::registry::clinics::attach(
        &app.state.db.write,
        user.id,
        "aktau-polyclinic-1",
        None,
    )
    .await
    .expect("attach");
    let overview: ClinicsDto = app.get("/api/clinics").token(&token).send().await.json();
    assert_eq!(
        overview.current.map(|c| c.provider),
        Some("aktau-polyclinic-1".to_owned())
    );
    assert_eq!(overview.clinics.iter().map(|c| c.attached).sum::<u32>(), 1);
}
