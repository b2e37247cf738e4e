//! The applicant's journey after the form: attachments, payment through the
//! gateway, signing and registration, notifications, the survey — and that
//! nobody else reads or changes any of it.

use axum::http::{Method, StatusCode};
use backend::clock::now_secs;
use backend::db::entities::{notifications, request_events, requests};
use backend::gateway::protocol::{self, Notice, Order, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use backend::pki::cert::KeyPurpose;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use shared::files::{FileDto, MAX_FILE_BYTES};
use shared::request::{
    Application, ClinicsDto, LicenseDto, NotificationsDto, PaymentRedirect, PaymentStatus,
    RequestDto, RequestStatus, UnreadDto,
};

use crate::helpers::{
    DEMO_APPLICANT, DEMO_COMPANY, DEMO_REVIEWER, TestApp, TestResponse, demo_keystore, iin,
    sign_bytes,
};

const SECRET: &[u8] = b"test-merchant-secret";

pub fn pdf(extra: usize) -> Vec<u8> {
    let mut v = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\n".to_vec();
    v.resize(v.len() + extra, b' ');
    v.extend_from_slice(b"\ntrailer<<>>\n%%EOF\n");
    v
}

pub fn png() -> Vec<u8> {
    let mut v = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    v.extend_from_slice(b"IHDR");
    v.extend_from_slice(&[0; 17]);
    v.extend_from_slice(&[0, 0, 0, 0]);
    v.extend_from_slice(b"IEND");
    v.extend_from_slice(&[0xAE, 0x42, 0x60, 0x82]);
    v
}

async fn draft(app: &TestApp, token: &str, service: &str, kind: &str) -> RequestDto {
    app.draft(token, service, kind).await
}

pub async fn upload(
    app: &TestApp,
    token: &str,
    id: i64,
    doc: &str,
    name: &str,
    bytes: Vec<u8>,
) -> TestResponse {
    let q = format!(
        "/api/requests/{id}/files?document={doc}&name={}",
        urlencode(name)
    );
    app.post(&q).token(token).bytes(bytes).send().await
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'.' || b == b'-' || b == b'_' {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

pub async fn show(app: &TestApp, token: &str, id: i64) -> RequestDto {
    let res = app
        .get(&format!("/api/requests/{id}"))
        .token(token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    res.json()
}

/// A medical license issuance with every answer and document in place.
pub async fn complete_med_license(app: &TestApp, token: &str) -> RequestDto {
    let d = draft(app, token, "med-license", "issuance").await;
    let res = app
        .call(Method::PUT, &format!("/api/requests/{}", d.id))
        .token(token)
        .json(json!({
            "provider": "mangistau-health",
            "answers": {
                "activity_subtype": "dentistry",
                "premises_address": "Ақтау, 14-шағын аудан, 3",
                "premises_area": "120",
                "staff_count": "6"
            }
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    for doc in [
        "diplomas",
        "premises_title",
        "sanitary_opinion",
        "equipment_list",
    ] {
        let res = upload(app, token, d.id, doc, &format!("{doc}.pdf"), pdf(10)).await;
        assert_eq!(res.status, StatusCode::CREATED, "{doc}: {:?}", res.value());
    }
    let done = show(app, token, d.id).await;
    assert!(done.problems.is_empty(), "{:?}", done.problems);
    done
}

fn notice_body(order: &str, amount: u64, transaction: &str) -> Vec<u8> {
    serde_json::to_vec(&Notice {
        order: order.into(),
        transaction: transaction.into(),
        amount_tiyn: amount,
        card: "4111 •••• 1111".into(),
        paid_at: now_secs(),
    })
    .expect("json")
}

async fn post_notice(app: &TestApp, ts: u64, sig: Option<&str>, body: Vec<u8>) -> TestResponse {
    let mut call = app
        .post("/api/payments/notice")
        .without_app_header()
        .header(TIMESTAMP_HEADER, &ts.to_string());
    if let Some(sig) = sig {
        call = call.header(SIGNATURE_HEADER, sig);
    }
    call.header("content-type", "application/json")
        .bytes(body)
        .send()
        .await
}

/// A medical license issuance of `token`'s holder, paid, signed with the
/// keystore of `signer`, registered.
pub async fn submitted_med_license(app: &TestApp, token: &str, signer: &str) -> RequestDto {
    let d = complete_med_license(app, token).await;
    let (_, order) = start_payment(app, token, d.id).await;
    pay_directly(app, &order).await;
    submit_signed(app, token, d.id, signer).await
}

/// Signs the application of a ready request with `signer`'s demo keystore
/// and submits it.
pub async fn submit_signed(app: &TestApp, token: &str, id: i64, signer: &str) -> RequestDto {
    let res = send_signed(app, token, id, signer).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    res.json()
}

/// Signs the application of a ready request with `signer`'s demo keystore,
/// sends it and gives the answer, whatever it is.
pub async fn send_signed(app: &TestApp, token: &str, id: i64, signer: &str) -> TestResponse {
    let res = app
        .get(&format!("/api/requests/{id}/application"))
        .token(token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let application: Application = res.json();
    let cms = sign_bytes(
        &demo_keystore(app, signer, KeyPurpose::Signing),
        &application.to_signed_bytes(),
    );
    app.post(&format!("/api/requests/{id}/submit"))
        .token(token)
        .json(json!({ "cms": cms }))
        .send()
        .await
}

/// Starts the payment and gives the order the gateway was sent.
pub async fn start_payment(app: &TestApp, token: &str, id: i64) -> (PaymentRedirect, Order) {
    let res = app
        .post(&format!("/api/requests/{id}/payment"))
        .token(token)
        .json(json!({ "lang": "ru" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let redirect: PaymentRedirect = res.json();
    let query = redirect.url.split_once('?').expect("query").1;
    let mut o = "";
    let mut s = "";
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("o", v)) => o = v,
            Some(("s", v)) => s = v,
            _ => {}
        }
    }
    let order = Order::open(SECRET, o, s).expect("a sealed order");
    (redirect, order)
}

pub async fn pay_directly(app: &TestApp, order: &Order) {
    let transaction = format!(
        "GW{}",
        order.order.get(..14).unwrap_or("TEST").to_uppercase()
    );
    let body = notice_body(&order.order, order.amount_tiyn, &transaction);
    let ts = now_secs();
    let sig = protocol::notice_signature(SECRET, ts, &body);
    let res = post_notice(app, ts, Some(&sig), body).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.value());
}

#[tokio::test]
async fn files_are_checked_by_content_and_hostile_ones_refused_without_losing_anything() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = draft(&app, &token, "med-license", "issuance").await;
    assert!(d.problems.contains_key("doc.diplomas"), "{:?}", d.problems);
    assert!(
        !d.problems.contains_key("doc.application"),
        "made from the form"
    );
    assert!(
        !d.problems.contains_key("doc.fee_payment"),
        "the payment stands for it"
    );

    let res = upload(&app, &token, d.id, "diplomas", "Диплом.pdf", pdf(100)).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let kept: FileDto = res.json();
    assert_eq!(kept.name, "Диплом.pdf");
    assert_eq!(kept.sha256.len(), 64);
    let res = upload(&app, &token, d.id, "diplomas", "scan.png", png()).await;
    assert_eq!(
        res.status,
        StatusCode::CREATED,
        "several files per document"
    );

    let eicar = br"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*".to_vec();
    let mut eicar_pdf = pdf(0);
    eicar_pdf.splice(9..9, eicar.iter().copied());
    let mut over = pdf(0);
    over.resize(usize::try_from(MAX_FILE_BYTES).expect("fits") + 1, b' ');
    let long_name = "я".repeat(300);
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (
            "diploma.pdf.exe",
            pdf(0),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type_not_allowed",
        ),
        (
            "diploma.exe.pdf",
            pdf(0),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type_not_allowed",
        ),
        (
            "photo.png",
            b"<html><script>alert(1)</script></html>".to_vec(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type_not_allowed",
        ),
        (
            "photo.jpg",
            png(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file_type_mismatch",
        ),
        (
            "eicar.pdf",
            eicar,
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_infected",
        ),
        (
            "report.pdf",
            eicar_pdf,
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_infected",
        ),
        (
            "empty.pdf",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_empty",
        ),
        (
            "big.pdf",
            over,
            StatusCode::PAYLOAD_TOO_LARGE,
            "file_too_large",
        ),
        (
            "../../etc/passwd.pdf",
            pdf(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_name_invalid",
        ),
        (
            "C:\\Windows\\a.pdf",
            pdf(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_name_invalid",
        ),
        (
            "a\u{0}b.pdf",
            pdf(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_name_invalid",
        ),
        (
            &long_name,
            pdf(0),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_name_too_long",
        ),
        (
            "cut.pdf",
            b"%PDF-1.4\n1 0 obj".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "file_damaged",
        ),
    ];
    for (name, bytes, status, code) in cases {
        let res = upload(&app, &token, d.id, "diplomas", name, bytes).await;
        assert_eq!(
            (res.status, res.code().as_str()),
            (status, code),
            "{name:?}"
        );
    }
    // A document the service does not ask for, or one made by the portal.
    for doc in ["passport", "application", "fee_payment", "loss_statement"] {
        let res = upload(&app, &token, d.id, doc, "a.pdf", pdf(0)).await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{doc}");
    }
    // Exactly at the limit is fine.
    let mut exact = pdf(0);
    exact.truncate(exact.len() - 6);
    exact.resize(usize::try_from(MAX_FILE_BYTES).expect("fits") - 6, b' ');
    exact.extend_from_slice(b"%%EOF\n");
    let res = upload(&app, &token, d.id, "equipment_list", "list.pdf", exact).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());

    let after = show(&app, &token, d.id).await;
    assert_eq!(
        after.files.len(),
        3,
        "nothing refused was kept, nothing kept was lost"
    );
    assert!(!after.problems.contains_key("doc.diplomas"));

    // Downloaded as it was sent, with a safe disposition.
    let res = app
        .get(&format!("/api/requests/{}/files/{}", d.id, kept.id))
        .token(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, pdf(100));
    assert_eq!(res.headers["content-type"], "application/pdf");
    let disposition = res.headers["content-disposition"].to_str().expect("ascii");
    assert!(
        disposition.starts_with("attachment; filename=\"______.pdf\"; filename*=UTF-8''%D0%94"),
        "{disposition}"
    );
    assert_eq!(res.headers["x-content-type-options"], "nosniff");

    // Removed while the request is a draft.
    let res = app
        .call(
            Method::DELETE,
            &format!("/api/requests/{}/files/{}", d.id, kept.id),
        )
        .token(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(show(&app, &token, d.id).await.files.len(), 2);
}

#[tokio::test]
async fn nobody_else_reads_or_changes_a_request_or_its_files() {
    let app = TestApp::new().await;
    let owner = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let other = app.login_token(DEMO_COMPANY.0, DEMO_COMPANY.1).await;
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let d = draft(&app, &owner, "med-license", "issuance").await;
    let file: FileDto = upload(&app, &owner, d.id, "diplomas", "d.pdf", pdf(0))
        .await
        .json();
    let base = format!("/api/requests/{}", d.id);
    let file_path = format!("{base}/files/{}", file.id);
    for token in [&other, &reviewer] {
        for (method, path) in [
            (Method::GET, base.clone()),
            (Method::GET, file_path.clone()),
            (Method::DELETE, file_path.clone()),
            (Method::DELETE, base.clone()),
            (Method::GET, format!("{base}/application")),
        ] {
            let res = app.call(method.clone(), &path).token(token).send().await;
            assert!(
                matches!(res.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
                "{method} {path}: {}",
                res.status
            );
        }
        let res = app
            .call(Method::PUT, &base)
            .token(token)
            .json(json!({ "answers": { "premises_area": "1" } }))
            .send()
            .await;
        assert!(matches!(
            res.status,
            StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
        ));
        let res = upload(&app, token, d.id, "diplomas", "x.pdf", pdf(0)).await;
        assert!(matches!(
            res.status,
            StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
        ));
        let res = app
            .post(&format!("{base}/payment"))
            .token(token)
            .json(json!({}))
            .send()
            .await;
        assert!(matches!(
            res.status,
            StatusCode::NOT_FOUND | StatusCode::FORBIDDEN
        ));
    }
    let res = app.get(&file_path).send().await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    // Still the owner's, untouched.
    let after = show(&app, &owner, d.id).await;
    assert_eq!(after.files.len(), 1);
    assert!(after.answers.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn payment_notices_need_a_signature_a_fresh_time_and_the_right_amount_and_apply_once() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = complete_med_license(&app, &token).await;
    // Not paid: cannot be signed (condition 2).
    let res = app
        .get(&format!("/api/requests/{}/application", d.id))
        .token(&token)
        .send()
        .await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (StatusCode::PAYMENT_REQUIRED, "payment_required")
    );

    let (redirect, order) = start_payment(&app, &token, d.id).await;
    assert!(redirect.url.starts_with("http://127.0.0.1/gateway/pay?o="));
    assert_eq!(order.amount_tiyn, d.fee.0);
    assert!(order.amount_tiyn > 0);
    let awaiting = show(&app, &token, d.id).await;
    assert_eq!(awaiting.status, RequestStatus::AwaitingPayment);
    assert_eq!(
        awaiting.payment.as_ref().map(|p| p.status),
        Some(PaymentStatus::Pending)
    );
    // Starting again keeps the same order.
    let (_, again) = start_payment(&app, &token, d.id).await;
    assert_eq!(again.order, order.order);

    let good = notice_body(&order.order, order.amount_tiyn, "GW00000000000001");
    let now = now_secs();
    let sig = protocol::notice_signature(SECRET, now, &good);
    let wrong_amount = notice_body(&order.order, order.amount_tiyn - 100, "GW00000000000001");
    let unknown = notice_body("nosuchorder", order.amount_tiyn, "GW00000000000001");
    let cases: Vec<(u64, Option<String>, Vec<u8>)> = vec![
        (now, None, good.clone()),
        (now, Some("00".repeat(32)), good.clone()),
        (
            now,
            Some(protocol::notice_signature(b"another-secret", now, &good)),
            good.clone(),
        ),
        (now + 1, Some(sig.clone()), good.clone()),
        (
            now - 3600,
            Some(protocol::notice_signature(SECRET, now - 3600, &good)),
            good.clone(),
        ),
        (
            now + 3600,
            Some(protocol::notice_signature(SECRET, now + 3600, &good)),
            good.clone(),
        ),
        (
            now,
            Some(protocol::notice_signature(SECRET, now, &wrong_amount)),
            wrong_amount,
        ),
        (
            now,
            Some(protocol::notice_signature(SECRET, now, &unknown)),
            unknown,
        ),
        (
            now,
            Some(protocol::notice_signature(SECRET, now, b"{}")),
            b"{}".to_vec(),
        ),
    ];
    for (i, (ts, sig, body)) in cases.into_iter().enumerate() {
        let res = post_notice(&app, ts, sig.as_deref(), body).await;
        // Not the gateway's (unsigned, forged, replayed): forbidden; the
        // gateway's but wrong: a bad request.
        let status = if i < 6 {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::BAD_REQUEST
        };
        assert_eq!(
            (res.status, res.code().as_str()),
            (status, "callback_rejected"),
            "case {i}"
        );
    }
    assert_eq!(
        show(&app, &token, d.id).await.status,
        RequestStatus::AwaitingPayment
    );

    // Ten copies of the good one at once: one change.
    let sends = (0..10).map(|_| post_notice(&app, now, Some(&sig), good.clone()));
    for res in futures_util::future::join_all(sends).await {
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.value());
    }
    let paid = show(&app, &token, d.id).await;
    assert_eq!(paid.status, RequestStatus::AwaitingSignature);
    let payment = paid.payment.expect("payment");
    assert_eq!(payment.status, PaymentStatus::Paid);
    assert_eq!(payment.transaction.as_deref(), Some("GW00000000000001"));
    let signature_events = request_events::Entity::find()
        .filter(request_events::Column::RequestId.eq(i32::try_from(d.id).expect("id")))
        .filter(request_events::Column::Status.eq("awaiting_signature"))
        .count(&app.state.db.read)
        .await
        .expect("count");
    assert_eq!(signature_events, 1);
    // A transaction already reported for this order, claimed for another one.
    let other = complete_med_license(&app, &token).await;
    let (_, other_order) = start_payment(&app, &token, other.id).await;
    let reused = notice_body(
        &other_order.order,
        other_order.amount_tiyn,
        "GW00000000000001",
    );
    let res = post_notice(
        &app,
        now,
        Some(&protocol::notice_signature(SECRET, now, &reused)),
        reused,
    )
    .await;
    assert_eq!(
        (res.status, res.code().as_str()),
        (StatusCode::BAD_REQUEST, "callback_rejected")
    );
    assert_eq!(
        show(&app, &token, other.id).await.status,
        RequestStatus::AwaitingPayment
    );
    // Paying again is refused.
    let res = app
        .post(&format!("/api/requests/{}/payment", d.id))
        .token(&token)
        .json(json!({}))
        .send()
        .await;
    assert_eq!(res.code(), "already_paid");
}

#[tokio::test]
async fn the_gateway_page_declines_then_takes_a_card_and_tells_the_licensing_side() {
    let app = TestApp::builder().serve().build().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = complete_med_license(&app, &token).await;
    let (redirect, _) = start_payment(&app, &token, d.id).await;
    let path = redirect
        .url
        .split_once("/gateway")
        .map(|(_, p)| format!("/gateway{p}"))
        .expect("gateway path");
    let page = app.get(&path).send().await;
    assert_eq!(page.status, StatusCode::OK);
    let html = String::from_utf8(page.body.clone()).expect("utf-8");
    assert!(html.contains("data-test=\"gw-card\""));
    assert!(html.contains("Лицензионный сбор"));
    // A tampered order is not shown.
    let tampered = path.replacen("o=", "o=x", 1);
    assert_eq!(
        app.get(&tampered).send().await.status,
        StatusCode::BAD_REQUEST
    );

    let query = path.split_once('?').expect("query").1.to_owned();
    let form = |card: &str| {
        format!(
            "{query}&card={}&expiry=12%2F30&cvc=123&holder=ERLAN",
            card.replace(' ', "+")
        )
    };
    let pay = |body: String| async {
        app.post("/gateway/pay")
            .without_app_header()
            .header("content-type", "application/x-www-form-urlencoded")
            .bytes(body.into_bytes())
            .send()
            .await
    };
    let declined = pay(form("4000 0000 0000 0002")).await;
    assert_eq!(declined.status, StatusCode::PAYMENT_REQUIRED);
    assert!(String::from_utf8_lossy(&declined.body).contains("data-test=\"gw-notice\""));
    let poor = pay(form("4000 0000 0000 9995")).await;
    assert!(String::from_utf8_lossy(&poor.body).contains("недостаточно средств"));
    let typo = pay(form("4111 1111 1111 1112")).await;
    assert_eq!(typo.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        show(&app, &token, d.id).await.status,
        RequestStatus::AwaitingPayment
    );

    let ok = pay(form("4111 1111 1111 1111")).await;
    assert_eq!(
        ok.status,
        StatusCode::SEE_OTHER,
        "{}",
        String::from_utf8_lossy(&ok.body)
    );
    let receipt_path = ok.headers["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let receipt = app.get(&receipt_path).send().await;
    assert_eq!(receipt.status, StatusCode::OK);
    assert!(String::from_utf8_lossy(&receipt.body).contains(&format!("/requests/{}", d.id)));
    let paid = show(&app, &token, d.id).await;
    assert_eq!(
        paid.status,
        RequestStatus::AwaitingSignature,
        "the notice arrived over HTTP"
    );
    assert_eq!(
        paid.payment.as_ref().and_then(|p| p.card.as_deref()),
        Some("4111 •••• 1111")
    );
    // The same order cannot be charged twice: the page shows the receipt.
    let again = pay(form("4111 1111 1111 1111")).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert_eq!(again.headers["location"], receipt_path.as_str());
}

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

#[tokio::test]
async fn the_survey_is_answered_once_after_a_result() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = draft(&app, &token, "med-license", "issuance").await;
    let path = format!("/api/requests/{}/survey", d.id);
    let body = json!({ "process": "satisfied", "information": "partially", "lang": "kk" });
    let res = app
        .post(&path)
        .token(&token)
        .json(body.clone())
        .send()
        .await;
    assert_eq!(res.code(), "survey_closed", "no result yet");
    assert!(!show(&app, &token, d.id).await.survey_open);

    // The provider's decision (the review's part), straight in the database.
    let row = requests::Entity::find_by_id(i32::try_from(d.id).expect("id"))
        .one(&app.state.db.read)
        .await
        .expect("db")
        .expect("row");
    let mut active = row.into_active_model();
    active.status = Set("approved".to_owned());
    active.update(&app.state.db.write).await.expect("update");
    assert!(show(&app, &token, d.id).await.survey_open);

    let other = app.login_token(DEMO_COMPANY.0, DEMO_COMPANY.1).await;
    assert_eq!(
        app.post(&path)
            .token(&other)
            .json(body.clone())
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let res = app
        .post(&path)
        .token(&token)
        .json(json!({ "process": "great" }))
        .send()
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "only the three answers"
    );
    let res = app
        .post(&path)
        .token(&token)
        .json(body.clone())
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.value());
    assert!(!show(&app, &token, d.id).await.survey_open);
    let res = app.post(&path).token(&token).json(body).send().await;
    assert_eq!(res.code(), "survey_closed", "once per request");
    let count = notifications::Entity::find()
        .count(&app.state.db.read)
        .await
        .expect("count");
    assert_eq!(
        count, 0,
        "a direct database change is nobody's notification"
    );
}
