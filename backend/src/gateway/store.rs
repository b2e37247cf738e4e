//! The gateway's own books: the `gateway_transactions` table, read and
//! written only here (the handlers in [`super`] stay thin).

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter, Set,
};

use super::card::APPROVED;
use super::protocol::Order;
use crate::app::App;
use crate::db::entities::gateway_transactions as txns;

/// The approved transaction of `order`, if it was paid already.
pub async fn approved_of_order(app: &App, order: &str) -> Result<Option<txns::Model>, DbErr> {
    txns::Entity::find()
        .filter(txns::Column::OrderId.eq(order))
        .filter(txns::Column::Outcome.eq(APPROVED))
        .one(&app.db.read)
        .await
}

/// The approved transaction `transaction`, for its receipt.
pub async fn approved(app: &App, transaction: &str) -> Result<Option<txns::Model>, DbErr> {
    txns::Entity::find()
        .filter(txns::Column::TransactionId.eq(transaction))
        .filter(txns::Column::Outcome.eq(APPROVED))
        .one(&app.db.read)
        .await
}

/// Records a charge of `order`'s card (masked as `card_mask`) with its
/// `outcome`, not yet told to the merchant.
pub async fn record(
    app: &App,
    order: &Order,
    outcome: &str,
    transaction: &str,
    card_mask: String,
) -> Result<txns::Model, DbErr> {
    txns::ActiveModel {
        order_id: Set(order.order.clone()),
        amount_tiyn: Set(i64::try_from(order.amount_tiyn).unwrap_or(i64::MAX)),
        outcome: Set(outcome.to_owned()),
        transaction_id: Set(transaction.to_owned()),
        card_mask: Set(card_mask),
        callback_url: Set(order.callback.clone()),
        return_url: Set(order.return_url.clone()),
        created_at: Set(Utc::now().into()),
        delivered_at: Set(None),
        attempts: Set(0),
        ..Default::default()
    }
    .insert(&app.db.write)
    .await
}

/// Counts a delivery attempt of the notice of `row` (`attempts` in all),
/// and when it was taken. A row that cannot be read back is left as it is.
pub async fn record_delivery(
    app: &App,
    row: &txns::Model,
    attempts: i32,
    taken: bool,
) -> Result<(), DbErr> {
    if let Ok(Some(current)) = txns::Entity::find_by_id(row.id).one(&app.db.read).await {
        let mut active = current.into_active_model();
        active.attempts = Set(attempts);
        if taken {
            active.delivered_at = Set(Some(Utc::now().into()));
        }
        active.update(&app.db.write).await?;
    }
    Ok(())
}
