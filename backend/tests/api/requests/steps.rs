//! Steps of an applicant's request that other tests reuse: documents to
//! attach, a complete medical license issuance, paying through the
//! gateway's notice, signing and submitting.

use axum::http::{Method, StatusCode};
use backend::clock::now_secs;
use backend::gateway::protocol::{self, Notice, Order, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use backend::pki::cert::KeyPurpose;
use serde_json::json;
use shared::request::{Application, PaymentRedirect, RequestDto};

use crate::helpers::app::TestApp;
use crate::helpers::call::TestResponse;
use crate::helpers::keys::{demo_keystore, sign_bytes};

pub const SECRET: &[u8] = b"test-merchant-secret";

/// A small PDF the parser reads (its cross-reference data rebuilt, as
/// viewers do), `extra` spaces longer.
pub fn pdf(extra: usize) -> Vec<u8> {
    let mut v = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\n".to_vec();
    v.resize(v.len() + extra, b' ');
    v.extend_from_slice(b"\ntrailer<< /Root 1 0 R >>\n%%EOF\n");
    v
}

/// A 4 × 3 PNG that decodes.
pub fn png() -> Vec<u8> {
    image_of(image::ImageFormat::Png)
}

/// A 4 × 3 picture of `format`, made by the `image` crate.
pub fn image_of(format: image::ImageFormat) -> Vec<u8> {
    let mut out = Vec::new();
    image::RgbImage::from_pixel(4, 3, image::Rgb([200, 30, 90]))
        .write_to(&mut std::io::Cursor::new(&mut out), format)
        .expect("an image is encoded");
    out
}

pub async fn draft(app: &TestApp, token: &str, service: &str, kind: &str) -> RequestDto {
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

pub fn notice_body(order: &str, amount: u64, transaction: &str) -> Vec<u8> {
    serde_json::to_vec(&Notice {
        order: order.into(),
        transaction: transaction.into(),
        amount_tiyn: amount,
        card: "4111 •••• 1111".into(),
        paid_at: now_secs(),
    })
    .expect("json")
}

pub async fn post_notice(app: &TestApp, ts: u64, sig: Option<&str>, body: Vec<u8>) -> TestResponse {
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
