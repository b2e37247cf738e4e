//! Signing and registration: a signed request gets a number and a due
//! date, and notifications; an incomplete one is neither paid nor signed.

use axum::http::{Method, StatusCode};
use backend::pki::cert::KeyPurpose;
use serde_json::json;
use shared::request::{Application, NotificationsDto, RequestDto, RequestStatus, UnreadDto};

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_REVIEWER, iin};
use crate::helpers::app::TestApp;
use crate::helpers::keys::{demo_keystore, sign_bytes};
use crate::requests::steps::{
    complete_med_license, draft, pay_directly, pdf, show, start_payment, upload,
};

#[tokio::test]
async fn a_signed_request_is_registered_with_a_number_and_a_due_date() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = complete_med_license(&app, &token).await;
    let (_, order) = start_payment(&app, &token, d.id).await;
    pay_directly(&app, &order).await;

    let res = app
        .get(&format!("/api/requests/{}/application", d.id))
        .token(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let application: Application = res.json();
    assert_eq!(application.applicant, DEMO_APPLICANT.0);
    assert_eq!(application.files.len(), 4);
    assert_eq!(
        application.payment.as_ref().map(|p| p.amount_tiyn),
        Some(order.amount_tiyn)
    );
    let content = application.to_signed_bytes();
    let submit = |cms: String| {
        let path = format!("/api/requests/{}/submit", d.id);
        let token = token.clone();
        let app = &app;
        async move {
            app.post(&path)
                .token(&token)
                .json(json!({ "cms": cms }))
                .send()
                .await
        }
    };

    // Another person's signing key: refused (condition 3), nothing lost.
    let stranger = sign_bytes(
        &demo_keystore(&app, DEMO_REVIEWER.0, KeyPurpose::Signing),
        &content,
    );
    let res = submit(stranger).await;
    assert_eq!(res.code(), "signature_rejected");
    assert_eq!(res.value()["error"]["reason"]["code"], "iin_mismatch");
    // The authentication key may not sign a request.
    let auth = sign_bytes(
        &demo_keystore(&app, DEMO_APPLICANT.0, KeyPurpose::Authentication),
        &content,
    );
    assert_eq!(
        submit(auth).await.value()["error"]["reason"]["code"],
        "auth_key_for_signing"
    );
    // A signature over something else than what is stored.
    let mut changed = application.clone();
    changed.answers.insert("staff_count".into(), "60".into());
    let other = sign_bytes(
        &demo_keystore(&app, DEMO_APPLICANT.0, KeyPurpose::Signing),
        &changed.to_signed_bytes(),
    );
    assert_eq!(submit(other).await.code(), "signature_rejected");
    let kept = show(&app, &token, d.id).await;
    assert_eq!(kept.status, RequestStatus::AwaitingSignature);
    assert_eq!(kept.answers, d.answers);
    assert_eq!(kept.files.len(), 4);

    let good = sign_bytes(
        &demo_keystore(&app, DEMO_APPLICANT.0, KeyPurpose::Signing),
        &content,
    );
    let res = submit(good.clone()).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let done: RequestDto = res.json();
    assert_eq!(done.status, RequestStatus::Submitted);
    let number = done.number.clone().expect("number");
    assert_eq!(
        number.as_str(),
        format!("KZ-{}-{:08}", &done.created_at[..4], d.id)
    );
    let due = done.due_date.expect("due date");
    let today = backend::clock::today();
    assert!(
        app.state.calendar.working_days_left(today, due) >= 14,
        "15 working days: {due}"
    );
    assert!(done.submitted_at.is_some());
    assert_eq!(
        done.history.last().map(|e| e.status),
        Some(RequestStatus::Submitted)
    );
    // Sent: no more changes, no second registration.
    let res = app
        .call(Method::PUT, &format!("/api/requests/{}", d.id))
        .token(&token)
        .json(json!({ "answers": {} }))
        .send()
        .await;
    assert_eq!(res.code(), "not_editable");
    assert_eq!(submit(good).await.code(), "not_editable");
    let res = upload(&app, &token, d.id, "diplomas", "late.pdf", pdf(0)).await;
    assert_eq!(res.code(), "not_editable");

    // The provider's reviewer may now read the files; a reviewer elsewhere may not.
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let file = &done.files[0];
    let res = app
        .get(&format!("/api/requests/{}/files/{}", d.id, file.id))
        .token(&reviewer)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);

    // History and notifications.
    let list: Vec<shared::request::RequestSummary> =
        app.get("/api/requests").token(&token).send().await.json();
    assert_eq!(list[0].number.as_ref(), Some(&number));
    let n: NotificationsDto = app
        .get("/api/notifications")
        .token(&token)
        .send()
        .await
        .json();
    assert_eq!(
        n.unread, 3,
        "awaiting payment, awaiting signature, submitted: {n:?}"
    );
    assert_eq!(n.items[0].status, RequestStatus::Submitted);
    assert_eq!(badge(&app, &token).await, 3);
    assert_eq!(
        app.get("/api/notifications/unread").send().await.status,
        StatusCode::UNAUTHORIZED
    );
    // Another applicant's badge counts none of them.
    let (other, _) = app
        .register_individual(&iin("900101", 777), "another long pass")
        .await;
    assert_eq!(badge(&app, &other.access_token).await, 0);
    let res = app
        .post("/api/notifications/read")
        .token(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let n: NotificationsDto = app
        .get("/api/notifications")
        .token(&token)
        .send()
        .await
        .json();
    assert_eq!(n.unread, 0);
    assert!(n.items.iter().all(|i| i.read));
    assert_eq!(badge(&app, &token).await, 0);
}

/// The header's badge: how many of the holder of `token`'s notifications are unread.
async fn badge(app: &TestApp, token: &str) -> u32 {
    let dto: UnreadDto = app
        .get("/api/notifications/unread")
        .token(token)
        .send()
        .await
        .json();
    dto.unread
}

#[tokio::test]
async fn an_incomplete_request_cannot_be_paid_or_signed() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = draft(&app, &token, "med-license", "issuance").await;
    let res = app
        .post(&format!("/api/requests/{}/payment", d.id))
        .token(&token)
        .json(json!({}))
        .send()
        .await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, "request_incomplete")
    );
    assert!(res.value()["fields"]["doc.diplomas"].is_array());
    let res = app
        .get(&format!("/api/requests/{}/application", d.id))
        .token(&token)
        .send()
        .await;
    assert_eq!(res.code(), "request_incomplete");
    let res = app
        .post(&format!("/api/requests/{}/submit", d.id))
        .token(&token)
        .json(json!({ "cms": "AAAA" }))
        .send()
        .await;
    assert_eq!(res.code(), "request_incomplete");
    // Status and number are the system's: a save carrying them changes neither.
    let res = app
        .call(Method::PUT, &format!("/api/requests/{}", d.id))
        .token(&token)
        .json(json!({ "answers": {}, "status": "approved", "number": "KZ-2026-00000001", "payment": { "status": "paid" }, "due_date": "2026-01-01" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let after: RequestDto = res.json();
    assert_eq!(after.status, RequestStatus::Draft);
    assert!(after.number.is_none() && after.payment.is_none() && after.due_date.is_none());
}
