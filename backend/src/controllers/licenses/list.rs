use axum::Json;
use axum::extract::State;
use shared::request::{ApplicantQuery, LicenseDto};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiQuery, CurrentUser};
use crate::openapi::Problems;
use crate::services::registry::licenses;

/// `GET /api/licenses[?request=ID]`: the user's own licenses, or those of
/// the applicant of a request the user works on at a desk.
#[utoipa::path(
    get,
    path = "/licenses",
    operation_id = "licenses_list",
    tag = "requests",
    params(ApplicantQuery),
    responses((status = 200, description = "Done", body = Vec<LicenseDto>), Problems),
    security(("bearer" = [])),
)]
pub async fn list(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<ApplicantQuery>,
) -> AppResult<Json<Vec<LicenseDto>>> {
    let applicant = crate::controllers::requests::applicant_for(&app, &user, q).await?;
    Ok(Json(licenses::list_own(&app, &applicant).await?))
}
