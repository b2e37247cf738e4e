//! A request's payment as the portal holds it: pending or paid.

use crate::app::App;
use crate::clock;
use crate::db::entities::payments;
use crate::error::AppResult;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::money::Tiyn;
use shared::request::{PaymentDto, PaymentStatus};

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
        paid_at: p.paid_at.as_ref().map(clock::rfc3339),
    }))
}
