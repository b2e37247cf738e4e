//! The other decisions: a refusal carries its reasons to the applicant; a
//! reissue supersedes the original license in the registry.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shared::request::{LicenseStatus, RequestStatus};
use shared::review::RegistryEntry;

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::requests::steps::{
    pay_directly, pdf, show, start_payment, submit_signed, submitted_med_license, upload,
};
use crate::review::steps::{all_met, decide, heard, pdftotext, take, take_and_approve};

#[tokio::test]
async fn a_refusal_carries_its_reasons_to_the_applicant() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let reviewer_token = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let review = take(&app, &reviewer_token, sent.id).await;
    let mut marks = all_met(&review);
    marks[0]["met"] = json!(false);
    marks[0]["comment"] = json!("Площадь помещения меньше нормы");
    heard(&app, &reviewer_token, &applicant, sent.id).await;
    let res = decide(&app, &reviewer_token, sent.id, json!({ "outcome": "refuse", "checklist": marks, "reasons": "Устраните замечание и подайте заново." }), DEMO_REVIEWER.0).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let done = show(&app, &applicant, sent.id).await;
    assert_eq!(done.status, RequestStatus::Refused);
    let reason = done
        .history
        .last()
        .and_then(|e| e.reason.clone())
        .expect("a reason");
    assert!(reason.contains("Устраните замечание"), "{reason}");
    let pdf_res = app
        .get(&format!("/api/requests/{}/result", sent.id))
        .token(&applicant)
        .send()
        .await;
    let text = pdftotext(&pdf_res.body);
    assert!(text.contains("МОТИВИРОВАННЫЙ ОТКАЗ"), "{text}");
    assert!(text.contains("Площадь помещения меньше нормы"), "{text}");
}

#[tokio::test]
async fn a_reissue_supersedes_the_original_in_the_registry() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = app.draft(&applicant, "med-license", "reissuance").await;
    let res = app
        .call(Method::PUT, &format!("/api/requests/{}", d.id))
        .token(&applicant)
        .json(json!({ "license": "KZ-L-2023-00000058", "provider": "mangistau-health", "answers": { "reissue_grounds": "address_change" } }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let res = upload(&app, &applicant, d.id, "change_proof", "proof.pdf", pdf(0)).await;
    assert_eq!(res.status, StatusCode::CREATED);
    let (_, order) = start_payment(&app, &applicant, d.id).await;
    pay_directly(&app, &order).await;
    submit_signed(&app, &applicant, d.id, DEMO_APPLICANT.0).await;
    let reviewer_token = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let decision = take_and_approve(&app, &reviewer_token, d.id, DEMO_REVIEWER.0).await;
    let number = decision.number.expect("number");
    let old: RegistryEntry = app
        .get("/api/registry/KZ-L-2023-00000058")
        .send()
        .await
        .json();
    assert_eq!(old.status, LicenseStatus::Reissued);
    assert_eq!(
        old.history.last().and_then(|e| e.reason.clone()),
        Some(number.clone())
    );
    let new: RegistryEntry = app
        .get(&format!("/api/registry/{number}"))
        .send()
        .await
        .json();
    assert_eq!(new.original.as_deref(), Some("KZ-L-2023-00000058"));
    let text = pdftotext(
        &app.get(&format!("/api/requests/{}/result", d.id))
            .token(&applicant)
            .send()
            .await
            .body,
    );
    assert!(
        text.contains("ПЕРЕОФОРМЛЕННАЯ ЛИЦЕНЗИЯ") && text.contains("KZ-L-2023-00000058"),
        "{text}"
    );
}
