//! The payment gateway sandbox (ПШЭП): in real life an outside system,
//! here a separate component of the portal process with its own routes
//! (`/gateway/…`), its own books (`gateway_transactions`) and its own
//! secret. It behaves like a bank's sandbox: a hosted payment page with
//! test cards, a receipt, and a signed notice posted to the licensing side
//! (retried until it is taken).
//!
//! Test cards (any future expiry, any three-digit CVC):
//! `4111 1111 1111 1111` pays, `4000 0000 0000 0002` is declined,
//! `4000 0000 0000 9995` has insufficient funds.
//!
//! Invariant: the gateway never reads the licensing side's tables; they
//! talk only through [`protocol`]. Its own table is read and written only
//! in [`store`].

pub mod card;
pub mod pages;
pub mod protocol;
pub mod store;

use std::time::Duration;

use axum::Form;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::Utc;
use serde::Deserialize;

use crate::app::{App, AppState};
use crate::db::entities::gateway_transactions as txns;
use card::{APPROVED, CardInput, DECLINED, INSUFFICIENT_FUNDS};
use pages::Lang;
use protocol::{Notice, Order};

/// How long a payment order may be opened after the merchant made it.
const ORDER_TTL_SECS: u64 = 30 * 60;
/// Waits between notice deliveries after the first failed one.
const RETRY_DELAYS: [u64; 5] = [2, 10, 30, 120, 600];
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(5);

/// The gateway's routes, nested at `/gateway`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/pay", get(show_order).post(pay))
        .route("/receipt/{transaction}", get(receipt))
}

#[derive(Debug, Deserialize)]
pub struct Sealed {
    o: String,
    s: String,
}

fn now_secs() -> u64 {
    crate::clock::now_secs()
}

/// The order if its seal is good and it is still fresh.
fn open(app: &App, sealed: &Sealed) -> Result<Order, (Lang, pages::Problem)> {
    let order = Order::open(&app.config.payments.secret, &sealed.o, &sealed.s)
        .ok_or((Lang::Ru, pages::Problem::BadOrder))?;
    let lang = Lang::parse(&order.lang);
    if now_secs().saturating_sub(order.issued_at) > ORDER_TTL_SECS
        || order.issued_at > now_secs() + 60
    {
        return Err((lang, pages::Problem::Expired));
    }
    Ok(order)
}

async fn approved(app: &App, order: &str) -> Result<Option<txns::Model>, Response> {
    store::approved_of_order(app, order).await.map_err(|e| {
        tracing::error!(error = %e, "gateway: reading transactions");
        pages::problem(Lang::Ru, pages::Problem::Unavailable)
    })
}

/// `GET /gateway/pay?o=…&s=…`: the hosted payment page (or the receipt of
/// an order paid already).
async fn show_order(State(app): State<AppState>, Query(sealed): Query<Sealed>) -> Response {
    let order = match open(&app, &sealed) {
        Ok(o) => o,
        Err((lang, problem)) => return pages::problem(lang, problem),
    };
    match approved(&app, &order.order).await {
        Ok(Some(t)) => {
            Redirect::to(&format!("/gateway/receipt/{}", t.transaction_id)).into_response()
        }
        Ok(None) => Html(pages::payment_form(
            &order,
            &sealed.o,
            &sealed.s,
            None,
            &CardInput::default(),
        ))
        .into_response(),
        Err(r) => r,
    }
}

#[derive(Debug, Deserialize)]
pub struct PayForm {
    o: String,
    s: String,
    #[serde(flatten)]
    card: CardInput,
}

/// Luhn's check digit rule.
fn luhn(digits: &str) -> bool {
    let mut sum = 0;
    for (i, c) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(c - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// The card's problem, if any, before charging it.
fn check_card(input: &CardInput, today: (i32, u32)) -> Result<String, pages::CardProblem> {
    let digits: String = input
        .card
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if !(13..=19).contains(&digits.len())
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !luhn(&digits)
    {
        return Err(pages::CardProblem::Number);
    }
    let expiry: Vec<&str> = input.expiry.trim().split('/').map(str::trim).collect();
    let valid_expiry = match expiry.as_slice() {
        [m, y] if m.len() == 2 && y.len() == 2 => match (m.parse::<u32>(), y.parse::<i32>()) {
            (Ok(m), Ok(y)) if (1..=12).contains(&m) => (2000 + y, m) >= today,
            _ => false,
        },
        _ => false,
    };
    if !valid_expiry {
        return Err(pages::CardProblem::Expiry);
    }
    let cvc = input.cvc.trim();
    if cvc.len() != 3 || !cvc.bytes().all(|b| b.is_ascii_digit()) {
        return Err(pages::CardProblem::Cvc);
    }
    Ok(digits)
}

/// What the sandbox bank answers for a card.
fn outcome(digits: &str) -> &'static str {
    match digits {
        "4111111111111111" => APPROVED,
        "4000000000009995" => INSUFFICIENT_FUNDS,
        _ => DECLINED,
    }
}

fn mask(digits: &str) -> String {
    format!("{} •••• {}", &digits[..4], &digits[digits.len() - 4..])
}

/// `POST /gateway/pay`: charges the card (once per order).
async fn pay(State(app): State<AppState>, Form(form): Form<PayForm>) -> Response {
    let sealed = Sealed {
        o: form.o,
        s: form.s,
    };
    let order = match open(&app, &sealed) {
        Ok(o) => o,
        Err((lang, problem)) => return pages::problem(lang, problem),
    };
    match approved(&app, &order.order).await {
        Ok(Some(t)) => {
            return Redirect::to(&format!("/gateway/receipt/{}", t.transaction_id)).into_response();
        }
        Ok(None) => {}
        Err(r) => return r,
    }
    let today = {
        use chrono::Datelike;
        let d = Utc::now();
        (d.year(), d.month())
    };
    let digits = match check_card(&form.card, today) {
        Ok(d) => d,
        Err(p) => {
            let page = pages::payment_form(
                &order,
                &sealed.o,
                &sealed.s,
                Some(pages::Notice::Card(p)),
                &form.card,
            );
            return (StatusCode::UNPROCESSABLE_ENTITY, Html(page)).into_response();
        }
    };
    let result = outcome(&digits);
    let transaction = format!(
        "GW{}",
        uuid::Uuid::new_v4().simple().to_string()[..16].to_uppercase()
    );
    let row = store::record(&app, &order, result, &transaction, mask(&digits)).await;
    let row = match row {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "gateway: recording a transaction");
            return pages::problem(Lang::parse(&order.lang), pages::Problem::Unavailable);
        }
    };
    tracing::info!(order = %order.order, transaction = %transaction, outcome = result, "gateway: card charged");
    if result != APPROVED {
        let page = pages::payment_form(
            &order,
            &sealed.o,
            &sealed.s,
            Some(pages::Notice::Refused(result)),
            // What the payer typed stays: they may correct one part.
            &form.card,
        );
        return (StatusCode::PAYMENT_REQUIRED, Html(page)).into_response();
    }
    // Tell the merchant now, so the payer returns to a paid request; retry
    // in the background if it did not take.
    if !deliver(&app, &row).await {
        let app = app.clone();
        tokio::spawn(async move {
            for secs in RETRY_DELAYS {
                tokio::time::sleep(Duration::from_secs(secs)).await;
                if deliver(&app, &row).await {
                    break;
                }
            }
        });
    }
    Redirect::to(&format!("/gateway/receipt/{transaction}")).into_response()
}

/// Posts the notice of an approved transaction; gives whether the merchant
/// took it.
pub async fn deliver(app: &App, row: &txns::Model) -> bool {
    let notice = Notice {
        order: row.order_id.clone(),
        transaction: row.transaction_id.clone(),
        amount_tiyn: u64::try_from(row.amount_tiyn).unwrap_or(0),
        card: row.card_mask.clone(),
        paid_at: u64::try_from(row.created_at.timestamp()).unwrap_or(0),
    };
    let Ok(body) = serde_json::to_vec(&notice) else {
        return false;
    };
    let ts = now_secs();
    let signature = protocol::notice_signature(&app.config.payments.secret, ts, &body);
    let ok = post(&row.callback_url, ts, &signature, body).await;
    let attempts = row.attempts + 1;
    if let Err(e) = store::record_delivery(app, row, attempts, ok).await {
        tracing::warn!(error = %e, "gateway: recording a delivery");
    }
    if !ok {
        tracing::warn!(transaction = %row.transaction_id, attempts, "gateway: the notice was not taken; will retry");
    }
    ok
}

async fn post(url: &str, ts: u64, signature: &str, body: Vec<u8>) -> bool {
    let Ok(uri) = url.parse::<axum::http::Uri>() else {
        return false;
    };
    let request = axum::http::Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .header(protocol::TIMESTAMP_HEADER, ts.to_string())
        .header(protocol::SIGNATURE_HEADER, signature)
        .body(http_body_util::Full::new(bytes::Bytes::from(body)));
    let Ok(request) = request else {
        return false;
    };
    let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
        .build_http::<http_body_util::Full<bytes::Bytes>>();
    match tokio::time::timeout(DELIVERY_TIMEOUT, client.request(request)).await {
        Ok(Ok(response)) => response.status().is_success(),
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "gateway: posting a notice");
            false
        }
        Err(_) => false,
    }
}

/// `GET /gateway/receipt/{transaction}`: the receipt of a payment.
async fn receipt(State(app): State<AppState>, Path(transaction): Path<String>) -> Response {
    let row = store::approved(&app, &transaction).await;
    match row {
        Ok(Some(t)) => Html(pages::receipt(&t)).into_response(),
        Ok(None) => pages::problem(Lang::Ru, pages::Problem::NoReceipt),
        Err(e) => {
            tracing::error!(error = %e, "gateway: reading a receipt");
            pages::problem(Lang::Ru, pages::Problem::Unavailable)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_are_checked_before_charging() {
        let card = |n: &str, e: &str, c: &str| CardInput {
            card: n.into(),
            expiry: e.into(),
            cvc: c.into(),
            holder: String::new(),
        };
        let today = (2026, 11);
        assert_eq!(
            check_card(&card("4111 1111 1111 1111", "12/30", "123"), today).as_deref(),
            Ok("4111111111111111")
        );
        assert_eq!(
            check_card(&card("4111 1111 1111 1112", "12/30", "123"), today),
            Err(pages::CardProblem::Number)
        );
        assert_eq!(
            check_card(&card("4111", "12/30", "123"), today),
            Err(pages::CardProblem::Number)
        );
        assert_eq!(
            check_card(&card("4111 1111 1111 1111", "10/26", "123"), today),
            Err(pages::CardProblem::Expiry)
        );
        assert_eq!(
            check_card(&card("4111 1111 1111 1111", "11/26", "123"), today).map(|_| ()),
            Ok(())
        );
        assert_eq!(
            check_card(&card("4111 1111 1111 1111", "13/30", "123"), today),
            Err(pages::CardProblem::Expiry)
        );
        assert_eq!(
            check_card(&card("4111 1111 1111 1111", "12/30", "12a"), today),
            Err(pages::CardProblem::Cvc)
        );
        assert_eq!(outcome("4111111111111111"), APPROVED);
        assert_eq!(outcome("4000000000000002"), DECLINED);
        assert_eq!(outcome("4000000000009995"), INSUFFICIENT_FUNDS);
        assert!(luhn("4000000000000002") && luhn("4000000000009995"));
        assert_eq!(mask("4111111111111111"), "4111 •••• 1111");
    }
}
