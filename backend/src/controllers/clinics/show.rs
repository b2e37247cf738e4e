use axum::Json;
use axum::extract::State;
use shared::account::Role;
use shared::request::ClinicsDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::services::clinics;

/// `GET /api/clinics`: each organization's places and the user's current
/// attachment.
pub async fn show(State(app): State<AppState>, user: CurrentUser) -> AppResult<Json<ClinicsDto>> {
    user.require(&[Role::Applicant])?;
    Ok(Json(clinics::overview(&app, &user.0).await?))
}
