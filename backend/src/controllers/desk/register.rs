use axum::Json;
use axum::extract::{Path, State};
use shared::account::Role;
use shared::request::RequestDto;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::CurrentUser;
use crate::services::desk;

/// `POST /api/desk/requests/{id}/register`: provider staff register a
/// request entered at their office (no signature: diagram 2).
pub async fn register(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
) -> AppResult<Json<RequestDto>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(desk::register(&app, &user.0, id).await?))
}
