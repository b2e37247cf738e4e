//! The fee, on the licensing side (SPEC §3 step 4): a payment order sent to
//! the payment gateway, and the gateway's signed notice, taken only with a
//! valid signature, a fresh timestamp and the right amount, and applied
//! exactly once however many times it arrives.

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use shared::Lang;
use shared::request::{PaymentDto, PaymentRedirect, PaymentStatus, RequestStatus};
use shared::{ErrorCode, money::Tiyn};

use crate::app::App;
use crate::db::entities::{payments, requests, users};
use crate::error::{AppError, AppResult};
use crate::gateway::protocol::{self, Notice, Order};
use crate::services::{files, notifications, requests as request_service};

pub const PENDING: &str = "pending";
pub const PAID: &str = "paid";

/// The request's paid payment, if any.
pub async fn paid(app: &App, request: i32) -> AppResult<Option<payments::Model>> {
    Ok(payments::Entity::find()
        .filter(payments::Column::RequestId.eq(request))
        .filter(payments::Column::Status.eq(PAID))
        .order_by_asc(payments::Column::Id)
        .one(&app.db.read)
        .await?)
}

pub async fn is_paid(app: &App, request: i32) -> AppResult<bool> {
    Ok(paid(app, request).await?.is_some())
}

/// The payment as the request screen shows it: the paid one, else the
/// latest pending one.
pub async fn of_request(app: &App, request: i32) -> AppResult<Option<PaymentDto>> {
    let row = match paid(app, request).await? {
        Some(p) => Some(p),
        None => {
            payments::Entity::find()
                .filter(payments::Column::RequestId.eq(request))
                .order_by_desc(payments::Column::Id)
                .one(&app.db.read)
                .await?
        }
    };
    Ok(row.map(|p| PaymentDto {
        status: if p.status == PAID {
            PaymentStatus::Paid
        } else {
            PaymentStatus::Pending
        },
        amount: Tiyn(u64::try_from(p.amount_tiyn).unwrap_or(0)),
        transaction: p.transaction_id.clone(),
        card: p.card_mask.clone(),
        paid_at: p.paid_at.as_ref().map(request_service::rfc3339),
    }))
}

/// Makes (or renews) the payment order of the user's request and gives the
/// gateway address to send the browser to.
pub async fn start(
    app: &App,
    user: &users::Model,
    id: i32,
    lang: Lang,
) -> AppResult<PaymentRedirect> {
    let model = request_service::reach(app, user, id).await?.model;
    request_service::require_editable(&model)?;
    let detail = request_service::service(app, &model.service_code)?;
    let fee = request_service::fee(&detail, &model);
    if fee.is_zero() {
        return Err(AppError::conflict(ErrorCode::NothingToPay));
    }
    if is_paid(app, model.id).await? {
        return Err(AppError::conflict(ErrorCode::AlreadyPaid));
    }
    let stored = files::of_request(app, model.id).await?;
    request_service::require_complete(&detail, &model, &stored)?;

    let amount = i64::try_from(fee.0).map_err(AppError::internal)?;
    let now = Utc::now();
    let txn = app.db.write.begin().await?;
    // One open order per request and amount: paying twice needs two orders.
    let existing = payments::Entity::find()
        .filter(payments::Column::RequestId.eq(model.id))
        .filter(payments::Column::Status.eq(PENDING))
        .filter(payments::Column::AmountTiyn.eq(amount))
        .one(&txn)
        .await?;
    let order_id = match existing {
        Some(p) => p.order_id,
        None => {
            let order_id = uuid::Uuid::new_v4().simple().to_string();
            payments::ActiveModel {
                request_id: Set(model.id),
                order_id: Set(order_id.clone()),
                amount_tiyn: Set(amount),
                status: Set(PENDING.to_owned()),
                transaction_id: Set(None),
                card_mask: Set(None),
                created_at: Set(now.into()),
                paid_at: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            order_id
        }
    };
    let mut changed = None;
    if request_service::status_of(&model) == RequestStatus::Draft {
        let moved = request_service::transition(
            &txn,
            model.clone(),
            RequestStatus::AwaitingPayment,
            Some(user.id),
            None,
            |_| {},
        )
        .await?;
        changed = Some(moved);
    }
    txn.commit().await?;
    notifications::email_if(app, changed.as_ref());

    let service_name = detail.name.get(lang);
    let description = match lang {
        Lang::Kk => format!("Лицензиялық алым: {service_name}, өтініш № {}", model.id),
        Lang::Ru => format!("Лицензионный сбор: {service_name}, заявка № {}", model.id),
        Lang::En => format!("License fee: {service_name}, request No. {}", model.id),
    };
    let order = Order {
        order: order_id,
        amount_tiyn: fee.0,
        description,
        callback: app.config.payments.notice_url.clone(),
        return_url: format!(
            "{}/requests/{}/check",
            app.config.public_url.trim_end_matches('/'),
            model.id
        ),
        lang: lang.code().to_owned(),
        issued_at: crate::services::tokens::now_secs(),
    };
    let (blob, sig) = order.seal(&app.config.payments.secret);
    Ok(PaymentRedirect {
        url: format!(
            "{}/pay?o={blob}&s={sig}",
            app.config.payments.gateway_url.trim_end_matches('/')
        ),
    })
}

/// A signed notice the portal cannot take.
fn rejected(why: &str) -> AppError {
    AppError::new(StatusCode::BAD_REQUEST, ErrorCode::CallbackRejected)
        .with_cause(format_args!("payment notice refused: {why}"))
}

/// A notice that is not the gateway's: not signed with the shared secret,
/// or signed too long ago (a replay).
fn unsigned(why: &str) -> AppError {
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
    let now = crate::services::tokens::now_secs();
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
    let mut changed = None;
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
        if request_service::status_of(&request) == RequestStatus::AwaitingPayment {
            let moved = request_service::transition(
                &txn,
                request,
                RequestStatus::AwaitingSignature,
                None,
                Some(format!("payment {}", notice.transaction)),
                |_| {},
            )
            .await?;
            changed = Some(moved);
        }
        tracing::info!(order = %notice.order, transaction = %notice.transaction, "payment confirmed");
    } else if payment.status == PAID
        && payment.transaction_id.as_deref() != Some(&notice.transaction)
    {
        tracing::warn!(order = %notice.order, transaction = %notice.transaction, "a second payment of a paid order");
    }
    txn.commit().await?;
    notifications::email_if(app, changed.as_ref());
    Ok(())
}
