use axum::Json;
use axum::extract::State;
use shared::account::AccessRow;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::openapi::Problems;
use crate::services::core::accesses;

/// `GET /api/me/access`: who else read the user's requests, newest first.
#[utoipa::path(
    get,
    path = "/me/access",
    operation_id = "me_access",
    tag = "me",
    responses((status = 200, description = "Done", body = Vec<AccessRow>), Problems),
    security(("bearer" = [])),
)]
pub async fn access(
    State(app): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<AccessRow>>> {
    Ok(Json(accesses::accesses_of(&app, &user.0).await?))
}
