use axum::Json;
use axum::extract::State;
use shared::account::Role;
use shared::request::LicenseDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::services::licenses;

/// `GET /api/licenses`: the user's own licenses.
pub async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
) -> AppResult<Json<Vec<LicenseDto>>> {
    user.require(&[Role::Applicant])?;
    Ok(Json(licenses::list_own(&app, &user.0).await?))
}
