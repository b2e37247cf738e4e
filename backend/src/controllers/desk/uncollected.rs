use axum::Json;
use axum::extract::State;
use shared::desk::UncollectedList;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::openapi::Problems;
use crate::services::desk::uncollected;

/// `GET /api/desk/uncollected`: the results waiting at this desk to be
/// handed over, the longest waiting first (seed 000 §17.6).
#[utoipa::path(
    get,
    path = "/desk/uncollected",
    operation_id = "desk_uncollected",
    tag = "desk",
    responses((status = 200, description = "Done", body = UncollectedList), Problems),
    security(("bearer" = [])),
)]
pub async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<UncollectedList>> {
    user.require(super::DESK)?;
    Ok(Json(uncollected::list(&app, &user.0).await?))
}
