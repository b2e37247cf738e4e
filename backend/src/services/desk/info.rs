//! How a request came in at a desk, as its page shows it.

use crate::app::App;
use crate::clock;
use crate::db::entities::requests;
use crate::error::AppResult;
use crate::services::accounts::account;
use crate::services::core::model::channel_of;
use crate::services::core::model::paper_of;
use shared::catalog::Channel;
use shared::desk::DeskInfo;

/// The desk part of a request's view: `None` for one made on the portal.
pub async fn info(app: &App, model: &requests::Model) -> AppResult<Option<DeskInfo>> {
    let channel = channel_of(model)?;
    if channel == Channel::Portal {
        return Ok(None);
    }
    let entered_by = match model.entered_by_id {
        Some(id) => account::find(app, id).await?.map(|u| u.name),
        None => None,
    };
    let handed_over_by = match model.handed_over_by_id {
        Some(id) => account::find(app, id).await?.map(|u| u.name),
        None => None,
    };
    Ok(Some(DeskInfo {
        channel,
        entered_by: entered_by.unwrap_or_default(),
        paper: paper_of(model)?,
        handed_over_at: model.handed_over_at.as_ref().map(clock::rfc3339),
        handed_over_by,
    }))
}
