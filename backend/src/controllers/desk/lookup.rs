use axum::Json;
use axum::extract::State;
use shared::desk::{LookupQuery, RegistryRecord};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiQuery, CurrentUser};
use crate::services::desk;

/// `GET /api/desk/registry?kind=…&id_number=…`: the visitor as ГБД ФЛ or
/// ГБД ЮЛ knows them.
pub async fn lookup(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiQuery(q): ApiQuery<LookupQuery>,
) -> AppResult<Json<RegistryRecord>> {
    user.require(super::DESK)?;
    Ok(Json(desk::lookup(&app, &user.0, &q).await?))
}
