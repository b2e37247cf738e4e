//! Who works at a desk: the desk's channel for a role, the services it
//! offers, and the requests a desk user reaches.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Select};

use crate::app::App;
use crate::db::entities::{requests, users};
use crate::error::{AppError, AppResult};
use crate::services::core::reach;
use crate::services::core::reach::Reached;
use shared::catalog::{Channel, ServiceDetail};

/// The desk's channel for `user`, or "forbidden" for a role without one.
pub fn channel_for(user: &users::Model) -> AppResult<Channel> {
    shared::desk::desk_channel(user.role()?).ok_or_else(AppError::forbidden)
}

/// Whether `user`'s desk offers `detail`: the service lists the channel,
/// and provider staff enter only their own provider's services.
pub fn offers(user: &users::Model, channel: Channel, detail: &ServiceDetail) -> bool {
    detail.channels.contains(&channel)
        && (channel != Channel::Provider
            || detail
                .providers
                .iter()
                .any(|p| Some(&p.code) == user.provider_code.as_ref()))
}

/// The request `id` as the desk user reaches it; "not found" when it is
/// not a desk request of theirs (the applicant's own access is elsewhere).
pub async fn reach_at_desk(app: &App, user: &users::Model, id: i32) -> AppResult<Reached> {
    channel_for(user)?;
    let reached = reach::reach(app, user, id).await?;
    if reached.desk {
        Ok(reached)
    } else {
        Err(AppError::not_found())
    }
}

/// The requests `user`'s desk entered: a ЦОН operator's own entries, or
/// every entry of the staff member's provider office; None for staff of
/// no provider.
pub fn entered_here(user: &users::Model) -> AppResult<Option<Select<requests::Entity>>> {
    let channel = channel_for(user)?;
    let find = requests::Entity::find().filter(requests::Column::Channel.eq(channel.code()));
    Ok(match channel {
        Channel::Provider => user
            .provider_code
            .as_ref()
            .map(|p| find.filter(requests::Column::ProviderCode.eq(p.as_str()))),
        _ => Some(find.filter(requests::Column::EnteredById.eq(user.id))),
    })
}
