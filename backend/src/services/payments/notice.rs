//! The gateway's signed notice, taken only with a valid signature, a fresh
//! timestamp and the right amount, and applied exactly once however many times
//! it arrives.

use crate::app::App;
use crate::db::entities::{payments, requests};
use crate::error::{AppError, AppResult};
use crate::gateway::protocol::{self, Notice};
use crate::services::core::model;
use crate::services::core::notifications;
use crate::services::core::transition;
use crate::services::payments::status::{self, PAID, PENDING};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};
use shared::ErrorCode;
use shared::request::{PaymentStatus, RequestStatus};

/// A signed notice the portal cannot take.
pub fn rejected(why: &str) -> AppError {
    AppError::new(StatusCode::BAD_REQUEST, ErrorCode::CallbackRejected)
        .with_cause(format_args!("payment notice refused: {why}"))
}

/// A notice that is not the gateway's: not signed with the shared secret,
/// or signed too long ago (a replay).
pub fn unsigned(why: &str) -> AppError {
    AppError::new(StatusCode::FORBIDDEN, ErrorCode::CallbackRejected)
        .with_cause(format_args!("payment notice refused: {why}"))
}

/// Takes the gateway's notice. Refused without a valid signature, with a
/// timestamp off by more than the allowed skew, for an unknown order or a
/// different amount. A notice for an order already paid is acknowledged
/// and changes nothing.
pub async fn accept_notice(
    app: &App,
    timestamp: &str,
    signature: &str,
    body: &[u8],
) -> AppResult<()> {
    let secret = &app.config.payments.secret;
    if !protocol::notice_signed(secret, timestamp, body, signature) {
        return Err(unsigned("bad signature"));
    }
    let ts: u64 = timestamp.parse().map_err(|_| unsigned("bad timestamp"))?;
    let now = crate::clock::now_secs();
    if now.abs_diff(ts) > app.config.payments.max_skew_secs {
        return Err(unsigned("stale timestamp"));
    }
    let notice: Notice = serde_json::from_slice(body).map_err(|_| rejected("bad body"))?;
    let payment = payments::Entity::find()
        .filter(payments::Column::OrderId.eq(notice.order.as_str()))
        .one(&app.db.read)
        .await?
        .ok_or_else(|| rejected("unknown order"))?;
    if u64::try_from(payment.amount_tiyn).ok() != Some(notice.amount_tiyn) {
        return Err(rejected("wrong amount"));
    }
    // A transaction the gateway already reported for another order.
    if payments::Entity::find()
        .filter(payments::Column::TransactionId.eq(notice.transaction.as_str()))
        .filter(payments::Column::Id.ne(payment.id))
        .one(&app.db.read)
        .await?
        .is_some()
    {
        return Err(rejected("transaction of another order"));
    }
    let paid_at: DateTime<Utc> = i64::try_from(notice.paid_at)
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .unwrap_or_else(Utc::now);

    let txn = app.db.write.begin().await?;
    // The status guard makes the change once: a copy arriving later (or at
    // the same time, waiting on the row) finds the order paid and updates
    // nothing.
    let updated = payments::Entity::update_many()
        .col_expr(payments::Column::Status, Expr::value(PAID))
        .col_expr(
            payments::Column::TransactionId,
            Expr::value(notice.transaction.clone()),
        )
        .col_expr(payments::Column::CardMask, Expr::value(notice.card.clone()))
        .col_expr(
            payments::Column::PaidAt,
            Expr::value(sea_orm::Value::ChronoDateTimeWithTimeZone(Some(Box::new(
                paid_at.into(),
            )))),
        )
        .filter(payments::Column::Id.eq(payment.id))
        .filter(payments::Column::Status.eq(PENDING))
        .exec(&txn)
        .await?;
    if updated.rows_affected == 1 {
        let request = requests::Entity::find_by_id(payment.request_id)
            .one(&txn)
            .await?
            .ok_or_else(|| AppError::internal("a payment without its request"))?;
        if model::status_of(&request)? == RequestStatus::AwaitingPayment {
            let mail = notifications::letter(app, &request, RequestStatus::AwaitingSignature);
            transition::transition(
                &txn,
                request,
                RequestStatus::AwaitingSignature,
                None,
                // The transaction is the payment's own (shown with it), not
                // a note in words of one language.
                None,
                mail,
                |_| {},
            )
            .await?;
        }
        tracing::info!(order = %notice.order, transaction = %notice.transaction, "payment confirmed");
    } else if status::status_of(&payment)? == PaymentStatus::Paid
        && payment.transaction_id.as_deref() != Some(&notice.transaction)
    {
        tracing::warn!(order = %notice.order, transaction = %notice.transaction, "a second payment of a paid order");
    }
    txn.commit().await?;
    app.mailer.wake();
    Ok(())
}
