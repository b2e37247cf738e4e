//! Payment through the gateway: its notices need a signature, a fresh time
//! and the right amount and apply once; its page declines, then takes a
//! card and tells the licensing side.

use axum::http::StatusCode;
use backend::clock::now_secs;
use backend::db::entities::request_events;
use backend::gateway::protocol;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use shared::request::{PaymentStatus, RequestStatus};

use crate::helpers::accounts::DEMO_APPLICANT;
use crate::helpers::app::TestApp;
use crate::requests::steps::{
    SECRET, complete_med_license, notice_body, post_notice, show, start_payment,
};

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
