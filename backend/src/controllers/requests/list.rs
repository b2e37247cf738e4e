use axum::Json;
use axum::extract::State;
use shared::account::Role;
use shared::request::{RequestQuery, RequestSummary};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiQuery, CurrentUser};
use crate::openapi::Problems;
use crate::services::requests::view;

/// `GET /api/requests`: «История получения услуг», newest first.
#[utoipa::path(
    get,
    path = "/requests",
    operation_id = "requests_list",
    tag = "requests",
    params(RequestQuery),
    responses((status = 200, description = "Done", body = Vec<RequestSummary>), Problems),
    security(("bearer" = [])),
)]
pub async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<RequestQuery>,
) -> AppResult<Json<Vec<RequestSummary>>> {
    user.require(&[Role::Applicant])?;
    Ok(Json(view::list(&app, &user.0, &q).await?))
}
