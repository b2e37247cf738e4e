//! The provider's side: the queue of one's own provider, assignment, the
//! decision signed with the reviewer's ЭЦП, the result documents, the
//! license registry, public verification and the audit log.

use axum::http::{Method, StatusCode};
use backend::db::entities::audit_log;
use backend::services::accounts::account as accounts;
use backend::services::accounts::account::NewAccount;
use base64::Engine as _;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, QueryOrder, Set};
use serde_json::{Value, json};
use shared::account::{AccountKind, Role};
use shared::calendar::Date;
use shared::password::Password;
use shared::request::{LicenseStatus, RequestDto, RequestStatus};
use shared::review::{
    DecisionDto, DueFilter, QueueQuery, QueueRow, RegistryEntry, ReviewDto, VerifyOutcome,
};

use crate::helpers::{
    DEMO_APPLICANT, DEMO_COMPANY, DEMO_REVIEWER, TestApp, demo_keystore, iin, sign_bytes,
};
use crate::journey::{
    pay_directly, pdf, show, start_payment, submit_signed, submitted_med_license, upload,
};
use backend::pki::cert::KeyPurpose;

/// A reviewer account of `provider`, and its token.
async fn reviewer(app: &TestApp, provider: &str, serial: u32) -> (i32, String) {
    let number = iin("880808", serial);
    let user = accounts::create(
        &app.state,
        NewAccount {
            kind: AccountKind::Individual,
            id_number: number.clone(),
            name: format!("Reviewer {serial}"),
            phone: "+77010000000".into(),
            email: "r@example.kz".into(),
            role: Role::Reviewer,
            provider_code: Some(provider.into()),
            password: Password::parse("Reviewer-pass-2026").expect("password"),
        },
    )
    .await
    .expect("account");
    (
        user.id,
        app.login_token(&number, "Reviewer-pass-2026").await,
    )
}

fn all_met(review: &ReviewDto) -> Value {
    Value::Array(
        review
            .checklist
            .iter()
            .map(|i| json!({ "code": i.code, "met": true, "comment": "" }))
            .collect(),
    )
}

async fn review_of(app: &TestApp, token: &str, id: i64) -> ReviewDto {
    let res = app
        .get(&format!("/api/review/requests/{id}"))
        .token(token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    res.json()
}

/// Drafts `body` and signs it with `signer`'s keystore; gives the answer to the signature.
async fn decide(
    app: &TestApp,
    token: &str,
    id: i64,
    body: Value,
    signer: &str,
) -> crate::helpers::TestResponse {
    let res = app
        .post(&format!("/api/review/requests/{id}/decision"))
        .token(token)
        .json(body)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let draft: DecisionDto = res.json();
    let pdf = app
        .get(&format!("/api/review/decisions/{}/pdf", draft.id))
        .token(token)
        .send()
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    let cms = sign_bytes(&demo_keystore(app, signer, KeyPurpose::Signing), &pdf.body);
    app.post(&format!("/api/review/decisions/{}/sign", draft.id))
        .token(token)
        .json(json!({ "cms": cms }))
        .send()
        .await
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian poppler-utils) runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

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

#[tokio::test]
async fn a_refusal_carries_its_reasons_to_the_applicant() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let reviewer_token = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let res = app
        .post(&format!("/api/review/requests/{}/take", sent.id))
        .token(&reviewer_token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let review = review_of(&app, &reviewer_token, sent.id).await;
    let mut marks = all_met(&review);
    marks[0]["met"] = json!(false);
    marks[0]["comment"] = json!("Площадь помещения меньше нормы");
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
    app.post(&format!("/api/review/requests/{}/take", d.id))
        .token(&reviewer_token)
        .send()
        .await;
    let review = review_of(&app, &reviewer_token, d.id).await;
    let res = decide(
        &app,
        &reviewer_token,
        d.id,
        json!({ "outcome": "approve", "checklist": all_met(&review) }),
        DEMO_REVIEWER.0,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let number = res.json::<DecisionDto>().number.expect("number");
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

#[tokio::test]
async fn reviewers_see_only_their_providers_requests_and_applicants_none() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let (_, stranger) = reviewer(&app, "almaty-region-health", 5100).await;
    let (colleague_id, colleague) = reviewer(&app, "mangistau-health", 5200).await;
    let queue: Vec<QueueRow> = app
        .get("/api/review/requests")
        .token(&stranger)
        .send()
        .await
        .json();
    assert!(queue.is_empty());
    let file = sent.files[0].id;
    for (method, path, body) in [
        (
            Method::GET,
            format!("/api/review/requests/{}", sent.id),
            None,
        ),
        (
            Method::POST,
            format!("/api/review/requests/{}/take", sent.id),
            None,
        ),
        (
            Method::POST,
            format!("/api/review/requests/{}/assign", sent.id),
            Some(json!({ "user": colleague_id })),
        ),
        (
            Method::POST,
            format!("/api/review/requests/{}/decision", sent.id),
            Some(json!({ "outcome": "refuse", "checklist": [], "reasons": "x" })),
        ),
        (
            Method::GET,
            format!("/api/requests/{}/files/{file}", sent.id),
            None,
        ),
        (
            Method::GET,
            format!("/api/requests/{}/result", sent.id),
            None,
        ),
    ] {
        let mut call = app.call(method.clone(), &path).token(&stranger);
        if let Some(b) = body {
            call = call.json(b);
        }
        let res = call.send().await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    // The owner sees that the result is not there yet.
    for path in ["result", "result/signature"] {
        let res = app
            .get(&format!("/api/requests/{}/{path}", sent.id))
            .token(&applicant)
            .send()
            .await;
        assert_eq!(
            (res.status, res.code().as_str()),
            (StatusCode::CONFLICT, "no_result_yet"),
            "{path}"
        );
    }
    assert_eq!(
        app.post("/api/review/next")
            .token(&stranger)
            .send()
            .await
            .code(),
        "queue_empty"
    );
    // The applicant reaches no reviewer endpoint.
    for (method, path) in [
        (Method::GET, "/api/review/requests".to_owned()),
        (Method::POST, "/api/review/next".to_owned()),
        (Method::GET, format!("/api/review/requests/{}", sent.id)),
        (
            Method::POST,
            format!("/api/review/requests/{}/take", sent.id),
        ),
    ] {
        let res = app.call(method, &path).token(&applicant).send().await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
    }
    // Assigned to a colleague: the demo reviewer may not decide it.
    let demo = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let res = app
        .post(&format!("/api/review/requests/{}/assign", sent.id))
        .token(&demo)
        .json(json!({ "user": colleague_id }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.post(&format!("/api/review/requests/{}/take", sent.id))
            .token(&demo)
            .send()
            .await
            .code(),
        "assigned_to_other"
    );
    let res = app
        .post(&format!("/api/review/requests/{}/decision", sent.id))
        .token(&demo)
        .json(json!({ "outcome": "refuse", "checklist": [], "reasons": "x" }))
        .send()
        .await;
    assert_eq!(res.code(), "assigned_to_other");
    let res = app
        .post(&format!("/api/review/requests/{}/release", sent.id))
        .token(&colleague)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    // A БИН holder's licenses are public by БИН; an individual's ИИН finds nothing.
    let by_bin: Vec<RegistryEntry> = app
        .get(&format!("/api/registry?q={}", DEMO_COMPANY.0))
        .send()
        .await
        .json();
    assert_eq!(by_bin.len(), 1);
    let by_iin: Vec<RegistryEntry> = app
        .get(&format!("/api/registry?q={}", DEMO_APPLICANT.0))
        .send()
        .await
        .json();
    assert!(by_iin.is_empty());
}

#[tokio::test]
async fn overdue_requests_are_found_with_an_injected_clock() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let due = sent.due_date.expect("due");
    let reviewer =
        backend::services::accounts::account::find_by_number(&app.state, DEMO_REVIEWER.0)
            .await
            .expect("db")
            .expect("user");
    let queue = |today: Date, due_filter: Option<DueFilter>| {
        let app = &app;
        let reviewer = reviewer.clone();
        async move {
            backend::services::review::queue::queue(
                &app.state,
                &reviewer,
                &QueueQuery {
                    due: due_filter,
                    ..Default::default()
                },
                today,
            )
            .await
            .expect("queue")
        }
    };
    assert!(queue(due, Some(DueFilter::Overdue)).await.is_empty());
    assert_eq!(queue(due, Some(DueFilter::Soon)).await.len(), 1);
    let late = app.state.calendar.add_working_days(due, 3);
    let rows = queue(late, Some(DueFilter::Overdue)).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].days_left, Some(-3));
    let early = Date::from_unix_days(due.unix_days() - 30);
    assert!(queue(early, Some(DueFilter::Soon)).await.is_empty());
}

#[tokio::test]
async fn the_queue_is_paged_with_and_without_the_due_filter() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(
            submitted_med_license(&app, &applicant, DEMO_APPLICANT.0)
                .await
                .id,
        );
    }
    let token = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let page = |query: &'static str| {
        let (app, token) = (&app, token.clone());
        async move {
            let rows: Vec<QueueRow> = app
                .get(&format!("/api/review/requests?{query}"))
                .token(&token)
                .send()
                .await
                .json();
            rows.into_iter().map(|r| r.id).collect::<Vec<_>>()
        }
    };
    let all = page("").await;
    assert_eq!(all.len(), 3, "{all:?}");
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    let mut seen = all.clone();
    seen.sort_unstable();
    assert_eq!(seen, sorted);
    assert_eq!(page("limit=2").await, all[..2]);
    assert_eq!(page("limit=2&offset=2").await, all[2..]);
    assert!(page("offset=3").await.is_empty());
    // Due in ten working days: soon from nine working days on.
    assert_eq!(page("due=soon&limit=1&offset=1").await, Vec::<i64>::new());
    let soon = |today| {
        let app = &app;
        async move {
            let reviewer =
                backend::services::accounts::account::find_by_number(&app.state, DEMO_REVIEWER.0)
                    .await
                    .expect("db")
                    .expect("user");
            let q = QueueQuery {
                due: Some(DueFilter::Soon),
                limit: Some(1),
                offset: Some(1),
                ..Default::default()
            };
            backend::services::review::queue::queue(&app.state, &reviewer, &q, today)
                .await
                .expect("queue")
                .into_iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        }
    };
    let due = app
        .get(&format!("/api/requests/{}", all[0]))
        .token(&applicant)
        .send()
        .await
        .json::<shared::request::RequestDto>()
        .due_date
        .expect("due");
    assert_eq!(soon(due).await, all[1..2]);
}

#[tokio::test]
async fn the_audit_check_finds_an_edited_a_removed_and_a_reordered_entry() {
    let app = TestApp::new().await;
    for i in 0..5 {
        backend::services::core::audit::record(
            &app.state,
            None,
            "view",
            Some(1),
            &format!("entry {i}"),
        )
        .await
        .expect("record");
    }
    let db = &app.state.db.write;
    assert_eq!(
        backend::services::core::audit::check(db)
            .await
            .expect("check"),
        Ok(5)
    );
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await
        .expect("rows");

    // Edited.
    let mut edited = rows[2].clone().into_active_model();
    edited.detail = Set("entry 2, changed".into());
    edited.update(db).await.expect("update");
    let broken = backend::services::core::audit::check(db)
        .await
        .expect("check")
        .expect_err("broken");
    assert_eq!(broken.id, rows[2].id);
    rows[2]
        .clone()
        .into_active_model()
        .reset_all()
        .update(db)
        .await
        .expect("restore");
    assert_eq!(
        backend::services::core::audit::check(db)
            .await
            .expect("check"),
        Ok(5)
    );

    // Reordered: two entries swap their contents.
    for (a, b) in [(1, 3), (3, 1)] {
        let mut m = rows[a].clone().into_active_model();
        let other = &rows[b];
        m.at = Set(other.at);
        m.detail = Set(other.detail.clone());
        m.prev_hash = Set(other.prev_hash.clone());
        m.hash = Set(format!("{}x", &other.hash[..63]));
        m.update(db).await.expect("swap");
    }
    assert!(
        backend::services::core::audit::check(db)
            .await
            .expect("check")
            .is_err()
    );
    for r in [&rows[1], &rows[3]] {
        r.clone()
            .into_active_model()
            .reset_all()
            .update(db)
            .await
            .expect("restore");
    }
    assert_eq!(
        backend::services::core::audit::check(db)
            .await
            .expect("check"),
        Ok(5)
    );

    // Removed.
    audit_log::Entity::delete_by_id(rows[1].id)
        .exec(db)
        .await
        .expect("delete");
    let broken = backend::services::core::audit::check(db)
        .await
        .expect("check")
        .expect_err("broken");
    assert_eq!(broken.id, rows[2].id);
}

#[tokio::test]
async fn the_indicators_count_surveys_decisions_and_refusal_reasons() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let reviewer_token = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let mut first_code = String::new();
    for refuse in [false, true] {
        let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
        app.post(&format!("/api/review/requests/{}/take", sent.id))
            .token(&reviewer_token)
            .send()
            .await;
        let review = review_of(&app, &reviewer_token, sent.id).await;
        let mut marks = all_met(&review);
        first_code = review.checklist[0].code.clone();
        let outcome = if refuse {
            marks[0]["met"] = json!(false);
            "refuse"
        } else {
            "approve"
        };
        let res = decide(
            &app,
            &reviewer_token,
            sent.id,
            json!({ "outcome": outcome, "checklist": marks }),
            DEMO_REVIEWER.0,
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
        let res = app
            .post(&format!("/api/requests/{}/survey", sent.id))
            .token(&applicant)
            .json(json!({ "process": if refuse { "not_satisfied" } else { "satisfied" }, "information": "partially" }))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT);
    }
    let stats: shared::review::StatsDto = app.get("/api/stats").send().await.json();
    let g = stats
        .groups
        .iter()
        .find(|g| g.service == "med-license" && g.provider == "mangistau-health")
        .expect("a group");
    assert_eq!((g.decided, g.approved, g.refused, g.on_time), (2, 1, 1, 2));
    assert_eq!(g.quality, [1, 0, 1]);
    assert_eq!(g.accessibility, [0, 2, 0]);
    assert_eq!(g.median_days, Some(0.0));
    assert_eq!(g.refusal_reasons, vec![(first_code, 1)]);
}
