use axum::Json;
use shared::account::UserDto;

use crate::extract::CurrentUser;

/// `GET /api/me`.
pub async fn show(user: CurrentUser) -> Json<UserDto> {
    Json(user.0.to_dto())
}
