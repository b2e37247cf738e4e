//! In-app notifications: one per status change of a request, for its
//! applicant (the header's badge counts the unread ones).

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use shared::request::{NotificationDto, NotificationsDto, RequestNumber, RequestStatus};

use crate::app::App;
use crate::db::entities::{notifications, requests, users};
use crate::error::AppResult;
use crate::services::requests::rfc3339;

/// How many notifications the list shows.
const SHOWN: u64 = 30;

/// Records that `request` (of `user`) moved to `status`. A draft being
/// started is not news.
pub async fn record(
    db: &impl ConnectionTrait,
    user: i32,
    request: i32,
    status: RequestStatus,
) -> AppResult<()> {
    if status == RequestStatus::Draft {
        return Ok(());
    }
    notifications::ActiveModel {
        user_id: Set(user),
        request_id: Set(request),
        status: Set(status.code().to_owned()),
        created_at: Set(Utc::now().into()),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The user's latest notifications and the unread count.
pub async fn list(app: &App, user: &users::Model) -> AppResult<NotificationsDto> {
    let unread = notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user.id))
        .filter(notifications::Column::ReadAt.is_null())
        .count(&app.db.read)
        .await?;
    let rows = notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(user.id))
        .find_also_related(requests::Entity)
        .order_by_desc(notifications::Column::Id)
        .limit(SHOWN)
        .all(&app.db.read)
        .await?;
    Ok(NotificationsDto {
        unread: u32::try_from(unread).unwrap_or(u32::MAX),
        items: rows
            .into_iter()
            .filter_map(|(n, r)| {
                let r = r?;
                Some(NotificationDto {
                    id: i64::from(n.id),
                    request: i64::from(r.id),
                    service: r.service_code,
                    number: r.number.as_deref().and_then(RequestNumber::parse),
                    status: RequestStatus::parse(&n.status)?,
                    at: rfc3339(&n.created_at),
                    read: n.read_at.is_some(),
                })
            })
            .collect(),
    })
}

/// Marks every notification of the user read.
pub async fn mark_all_read(app: &App, user: &users::Model) -> AppResult<()> {
    notifications::Entity::update_many()
        .col_expr(
            notifications::Column::ReadAt,
            Expr::value(sea_orm::Value::ChronoDateTimeWithTimeZone(Some(Box::new(
                Utc::now().into(),
            )))),
        )
        .filter(notifications::Column::UserId.eq(user.id))
        .filter(notifications::Column::ReadAt.is_null())
        .exec(&app.db.write)
        .await?;
    Ok(())
}
