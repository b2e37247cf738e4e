//! A reviewer takes a request, checks it and signs an approval; the
//! applicant gets the license, the registry lists it, anyone can verify it.

use axum::http::StatusCode;
use backend::pki::cert::KeyPurpose;
use base64::Engine as _;
use serde_json::json;
use shared::request::{LicenseStatus, RequestDto, RequestStatus};
use shared::review::{DecisionDto, QueueRow, RegistryEntry, VerifyOutcome};

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::helpers::keys::{demo_keystore, sign_bytes};
use crate::requests::steps::{show, submitted_med_license};
use crate::review::steps::{all_met, decide, pdftotext, review_of};

#[tokio::test]
async fn a_reviewer_takes_checks_and_signs_an_approval_and_the_applicant_gets_the_license() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let reviewer_token = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;

    let queue: Vec<QueueRow> = app
        .get("/api/review/requests")
        .token(&reviewer_token)
        .send()
        .await
        .json();
    let row = queue
        .iter()
        .find(|r| r.id == sent.id)
        .expect("in the queue");
    assert_eq!(row.applicant_tax_id, DEMO_APPLICANT.0);
    assert!(row.days_left.is_some_and(|d| d >= 14));
    assert!(row.assignee.is_none());

    // «Следующий запрос» takes it.
    let res = app
        .post("/api/review/next")
        .token(&reviewer_token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    assert_eq!(res.value()["id"], sent.id);
    let review = review_of(&app, &reviewer_token, sent.id).await;
    assert_eq!(review.status, RequestStatus::InReview);
    assert_eq!(
        review.assignee.as_ref().map(|a| a.name.as_str()),
        Some("Жұмабаева Айгүл Нұрланқызы")
    );
    assert_eq!(review.files.len(), 4);
    let signature = review
        .signature
        .clone()
        .expect("the applicant's signature report");
    assert_eq!(signature.iin.as_deref(), Some(DEMO_APPLICANT.0));
    assert!(review.payment.is_some());
    assert!(!review.checklist.is_empty());
    // The queue is empty now.
    let res = app
        .post("/api/review/next")
        .token(&reviewer_token)
        .send()
        .await;
    assert_eq!(res.code(), "queue_empty");

    // An approval with an unmet requirement does not add up.
    let mut marks = all_met(&review);
    marks[0]["met"] = json!(false);
    let res = app
        .post(&format!("/api/review/requests/{}/decision", sent.id))
        .token(&reviewer_token)
        .json(json!({ "outcome": "approve", "checklist": marks }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.value()["fields"]["outcome"][0]["code"],
        "decision_mismatch"
    );

    // A signature that is not one: refused.
    let res = app
        .post(&format!("/api/review/requests/{}/decision", sent.id))
        .token(&reviewer_token)
        .json(json!({ "outcome": "approve", "checklist": all_met(&review) }))
        .send()
        .await;
    let garbage_draft: DecisionDto = res.json();
    let res = app
        .post(&format!("/api/review/decisions/{}/sign", garbage_draft.id))
        .token(&reviewer_token)
        .json(json!({ "cms": "MIIBAAAAAAAA" }))
        .send()
        .await;
    assert_eq!(res.code(), "signature_rejected");
    // Signed with a key that is not the reviewer's: refused, nothing issued.
    let body = json!({ "outcome": "approve", "checklist": all_met(&review) });
    let res = decide(
        &app,
        &reviewer_token,
        sent.id,
        body.clone(),
        DEMO_APPLICANT.0,
    )
    .await;
    assert_eq!(res.code(), "signature_rejected");
    assert_eq!(res.value()["error"]["reason"]["code"], "iin_mismatch");
    assert_eq!(
        show(&app, &applicant, sent.id).await.status,
        RequestStatus::InReview
    );

    let res = decide(&app, &reviewer_token, sent.id, body, DEMO_REVIEWER.0).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let decision: DecisionDto = res.json();
    let number = decision.number.clone().expect("a license number");
    assert!(number.starts_with("KZ-L-"), "{number}");

    // The applicant sees the result, with who looked at the request.
    let done: RequestDto = show(&app, &applicant, sent.id).await;
    assert_eq!(done.status, RequestStatus::Approved);
    assert!(done.survey_open);
    // Issue 26, item 9: the history carries no note in words of one
    // language ("payment GW…", "license KZ-L-…"): the transaction and the
    // number are the payment's and the result's own.
    assert!(
        done.history.iter().all(|e| e.reason.is_none()),
        "{:?}",
        done.history
    );
    assert_eq!(
        done.result.as_ref().and_then(|r| r.number.clone()),
        Some(number.clone())
    );
    assert!(
        done.views
            .iter()
            .any(|v| v.name == "Жұмабаева Айгүл Нұрланқызы")
    );
    let pdf_res = app
        .get(&format!("/api/requests/{}/result", sent.id))
        .token(&applicant)
        .send()
        .await;
    assert_eq!(pdf_res.status, StatusCode::OK);
    let text = pdftotext(&pdf_res.body);
    for needle in [
        "ЭЛЕКТРОНДЫҚ ЛИЦЕНЗИЯ",
        "ЭЛЕКТРОННАЯ ЛИЦЕНЗИЯ",
        number.as_str(),
        "Асқаров Ерлан Серікұлы",
        DEMO_APPLICANT.0,
        "Лицензиар",
    ] {
        assert!(text.contains(needle), "{needle} not in:\n{text}");
    }
    let sig = app
        .get(&format!("/api/requests/{}/result/signature", sent.id))
        .token(&applicant)
        .send()
        .await;
    assert_eq!(sig.status, StatusCode::OK);

    // The registry has it, active; anyone can verify the PDF with its signature.
    let entry: RegistryEntry = app
        .get(&format!("/api/registry/{number}"))
        .send()
        .await
        .json();
    assert_eq!(entry.status, LicenseStatus::Active);
    assert_eq!(entry.holder_id, "900101*****7");
    let b64 = base64::engine::general_purpose::STANDARD;
    let check =
        |pdf: &[u8], sig: &[u8]| json!({ "pdf": b64.encode(pdf), "signature": b64.encode(sig) });
    let v: VerifyOutcome = app
        .post("/api/verify")
        .json(check(&pdf_res.body, &sig.body))
        .send()
        .await
        .json();
    assert!(v.authentic, "{v:?}");
    assert_eq!(v.number.as_deref(), Some(number.as_str()));
    let mut changed = pdf_res.body.clone();
    let last = changed.len() - 10;
    changed[last] ^= 1;
    let v: VerifyOutcome = app
        .post("/api/verify")
        .json(check(&changed, &sig.body))
        .send()
        .await
        .json();
    assert!(!v.authentic);
    assert_eq!(v.problem.as_deref(), Some("unknown_document"));
    let other_sig = base64::engine::general_purpose::STANDARD
        .decode(sign_bytes(
            &demo_keystore(&app, DEMO_APPLICANT.0, KeyPurpose::Signing),
            &pdf_res.body,
        ))
        .expect("b64");
    let v: VerifyOutcome = app
        .post("/api/verify")
        .json(check(&pdf_res.body, &other_sig))
        .send()
        .await
        .json();
    assert_eq!(v.problem.as_deref(), Some("bad_signature"));

    // Decided: no second decision.
    let res = app
        .post(&format!("/api/review/requests/{}/decision", sent.id))
        .token(&reviewer_token)
        .json(json!({ "outcome": "approve", "checklist": all_met(&review) }))
        .send()
        .await;
    assert_eq!(res.code(), "already_decided");

    // Suspended with a reason: the public page says so.
    let res = app
        .post(&format!("/api/registry/{number}/status"))
        .token(&reviewer_token)
        .json(json!({ "action": "suspend", "reason": "Проверка выявила нарушение" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let entry: RegistryEntry = app
        .get(&format!("/api/registry/{number}"))
        .send()
        .await
        .json();
    assert_eq!(entry.status, LicenseStatus::Suspended);
    assert_eq!(
        entry.history.last().map(|e| e.event.as_str()),
        Some("suspended")
    );
    let res = app
        .post(&format!("/api/registry/{number}/status"))
        .token(&reviewer_token)
        .json(json!({ "action": "suspend", "reason": "again" }))
        .send()
        .await;
    assert_eq!(res.code(), "license_status_conflict");
}
