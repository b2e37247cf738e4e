use axum::Json;
use axum::extract::State;
use shared::desk::{StatusAnswer, StatusQuery};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiQuery, CurrentUser};
use crate::openapi::Problems;
use crate::services::desk::status;

/// `GET /api/desk/status?number=…&id_number=…`: a ЦОН operator tells a
/// visitor the status and deadline of any request of theirs.
#[utoipa::path(
    get,
    path = "/desk/status",
    operation_id = "desk_status",
    tag = "desk",
    params(StatusQuery),
    responses((status = 200, description = "Done", body = StatusAnswer), Problems),
    security(("bearer" = [])),
)]
pub async fn status(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<StatusQuery>,
) -> AppResult<Json<StatusAnswer>> {
    user.require(&[shared::account::Role::Operator])?;
    Ok(Json(status::status(&app, &user.0, &q).await?))
}
