//! Starting a payment: the order sealed for the payment gateway and the
//! applicant sent there.

use crate::app::App;
use crate::db::entities::{payments, users};
use crate::error::{AppError, AppResult};
use crate::gateway::protocol::Order;
use crate::services::core::model;
use crate::services::core::notifications;
use crate::services::core::reach;
use crate::services::core::transition;
use crate::services::payments::status::PENDING;
use crate::services::payments::status::is_paid;
use crate::services::requests::files;
use crate::services::requests::problems;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use shared::ErrorCode;
use shared::Lang;
use shared::request::{PaymentRedirect, RequestStatus};

/// Makes (or renews) the payment order of the user's request and gives the
/// gateway address to send the browser to.
pub async fn start(
    app: &App,
    user: &users::Model,
    id: i32,
    lang: Lang,
) -> AppResult<PaymentRedirect> {
    let model = reach::reach(app, user, id).await?.model;
    reach::require_editable(&model)?;
    let detail = model::service(app, &model.service_code)?;
    let fee = model::fee(&detail, &model)?;
    if fee.is_zero() {
        return Err(AppError::conflict(ErrorCode::NothingToPay));
    }
    if is_paid(app, model.id).await? {
        return Err(AppError::conflict(ErrorCode::AlreadyPaid));
    }
    let stored = files::of_request(app, model.id).await?;
    problems::require_complete(&detail, &model, &stored)?;

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
    if model::status_of(&model)? == RequestStatus::Draft {
        transition::transition(
            &txn,
            model.clone(),
            RequestStatus::AwaitingPayment,
            Some(user.id),
            None,
            notifications::letter(app, &model, RequestStatus::AwaitingPayment),
            |_| {},
        )
        .await?;
    }
    txn.commit().await?;
    app.mailer.wake();

    let service_name = detail.name.get(lang);
    let description = match lang {
        Lang::Kk => format!("Лицензиялық алым: {service_name}, сұрау № {}", model.id),
        Lang::Ru => format!("Лицензионный сбор: {service_name}, запрос № {}", model.id),
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
        issued_at: crate::clock::now_secs(),
    };
    let (blob, sig) = order.seal(&app.config.payments.secret);
    Ok(PaymentRedirect {
        url: format!(
            "{}/pay?o={blob}&s={sig}",
            app.config.payments.gateway_url.trim_end_matches('/')
        ),
    })
}
