use axum::Json;
use axum::extract::State;
use shared::request::{ApplicantQuery, ClinicsDto};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiQuery, CurrentUser};
use crate::openapi::Problems;
use crate::services::registry::clinics;

/// `GET /api/clinics[?request=ID]`: each organization's places and the
/// current attachment of the user, or of the applicant of a request the
/// user works on at a desk.
#[utoipa::path(
    get,
    path = "/clinics",
    operation_id = "clinics_show",
    tag = "requests",
    params(ApplicantQuery),
    responses((status = 200, description = "Done", body = ClinicsDto), Problems),
    security(("bearer" = [])),
)]
pub async fn show(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<ApplicantQuery>,
) -> AppResult<Json<ClinicsDto>> {
    let applicant = crate::controllers::requests::applicant_for(&app, &user, q).await?;
    Ok(Json(clinics::overview(&app, &applicant).await?))
}
