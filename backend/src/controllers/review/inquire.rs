use axum::extract::State;
use axum::http::StatusCode;
use shared::account::Role;
use shared::request::inquiry::Inquire;

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::inquiries::ask;

/// `POST /api/review/requests/{id}/inquiries`: a preliminary refusal (the
/// hearing) or a request for documents, to the applicant.
#[utoipa::path(
    post,
    path = "/review/requests/{id}/inquiries",
    operation_id = "review_inquire",
    tag = "review",
    params(("id" = i32, Path, description = "The request")),
    request_body = Inquire,
    responses((status = 204, description = "Sent"), Problems),
    security(("bearer" = [])),
)]
pub async fn inquire(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
    ApiJson(req): ApiJson<Inquire>,
) -> AppResult<StatusCode> {
    user.require(&[Role::Reviewer])?;
    ask::ask(&app, &user.0, id, &req).await?;
    Ok(StatusCode::NO_CONTENT)
}
