use axum::Json;
use axum::extract::State;
use shared::desk::{DeskQuery, DeskRow};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiQuery, CurrentUser};
use crate::services::desk;

/// `GET /api/desk/requests`: the requests entered at this desk.
pub async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<DeskQuery>,
) -> AppResult<Json<Vec<DeskRow>>> {
    user.require(super::DESK)?;
    Ok(Json(desk::list(&app, &user.0, &q).await?))
}
