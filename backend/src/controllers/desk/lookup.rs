use axum::Json;
use axum::extract::State;
use shared::desk::{LookupQuery, RegistryRecord};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiQuery, CurrentUser};
use crate::openapi::Problems;
use crate::services::desk::lookup;

/// `GET /api/desk/registry?kind=…&id_number=…`: the visitor as ГБД ФЛ or
/// ГБД ЮЛ knows them.
#[utoipa::path(
    get,
    path = "/desk/registry",
    operation_id = "desk_lookup",
    tag = "desk",
    params(LookupQuery),
    responses((status = 200, description = "Done", body = RegistryRecord), Problems),
    security(("bearer" = [])),
)]
pub async fn lookup(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<LookupQuery>,
) -> AppResult<Json<RegistryRecord>> {
    user.require(super::DESK)?;
    Ok(Json(lookup::lookup(&app, &user.0, &q).await?))
}
