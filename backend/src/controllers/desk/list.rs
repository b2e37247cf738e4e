use axum::Json;
use axum::extract::State;
use shared::desk::{DeskQuery, DeskRow};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiQuery, CurrentUser};
use crate::openapi::Problems;
use crate::services::desk::list as desk_list;

/// `GET /api/desk/requests`: the requests entered at this desk.
#[utoipa::path(
    get,
    path = "/desk/requests",
    operation_id = "desk_list",
    tag = "desk",
    params(DeskQuery),
    responses((status = 200, description = "Done", body = Vec<DeskRow>), Problems),
    security(("bearer" = [])),
)]
pub async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<DeskQuery>,
) -> AppResult<Json<Vec<DeskRow>>> {
    user.require(super::DESK)?;
    Ok(Json(desk_list::list(&app, &user.0, &q).await?))
}
