use axum::extract::{Path, State};
use axum::http::StatusCode;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::services::requests;

/// `DELETE /api/requests/{id}`: discards a draft never sent.
pub async fn discard(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<StatusCode> {
    user.require(super::WORKERS)?;
    requests::discard(&app, &user.0, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
