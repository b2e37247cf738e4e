//! A request's payment as the portal holds it: pending or paid.

use crate::app::App;
use crate::clock;
use crate::db::entities::payments;
use crate::db::stored;
use crate::error::AppResult;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::money::Tiyn;
use shared::request::{PaymentDto, PaymentStatus};

/// The code a payment's status is stored as.
pub const fn code(status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::Pending => "pending",
        PaymentStatus::Paid => "paid",
    }
}

pub const PENDING: &str = code(PaymentStatus::Pending);

pub const PAID: &str = code(PaymentStatus::Paid);

/// A payment's stored status; a value that does not decode is an error.
pub fn status_of(p: &payments::Model) -> AppResult<PaymentStatus> {
    let parse = |raw: &str| {
        [PaymentStatus::Pending, PaymentStatus::Paid]
            .into_iter()
            .find(|s| code(*s) == raw)
    };
    stored::state("payments.status", &p.status, parse)
}

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
    let Some(p) = row else { return Ok(None) };
    Ok(Some(PaymentDto {
        status: status_of(&p)?,
        amount: Tiyn(u64::try_from(p.amount_tiyn).unwrap_or(0)),
        transaction: p.transaction_id.clone(),
        card: p.card_mask.clone(),
        paid_at: p.paid_at.as_ref().map(clock::rfc3339),
    }))
}
