use axum::Json;
use axum::extract::State;
use shared::account::Role;
use shared::request::{RequestQuery, RequestSummary};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiQuery, CurrentUser};
use crate::services::requests;

/// `GET /api/requests`: «История получения услуг», newest first.
pub async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<RequestQuery>,
) -> AppResult<Json<Vec<RequestSummary>>> {
    user.require(&[Role::Applicant])?;
    Ok(Json(requests::list(&app, &user.0, &q).await?))
}
