use axum::Json;
use axum::extract::State;
use axum::response::Response;
use shared::account::Role;
use shared::review::{DecisionDraft, DecisionDto, SignDecision};

use crate::app::AppState;
use crate::controllers::download::{self, Disposition};
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::openapi::{Binary, Problems};
use crate::services::review::decisions;
use crate::services::review::draft;
use crate::services::review::sign;

/// `POST /api/review/requests/{id}/decision`: the result document to sign.
#[utoipa::path(
    post,
    path = "/review/requests/{id}/decision",
    operation_id = "review_draft",
    tag = "review",
    params(("id" = i32, Path, description = "The request")),
    request_body = DecisionDraft,
    responses((status = 200, description = "Done", body = DecisionDto), Problems),
    security(("bearer" = [])),
)]
pub async fn draft(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
    ApiJson(req): ApiJson<DecisionDraft>,
) -> AppResult<Json<DecisionDto>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(draft::draft(&app, &user.0, id, &req).await?))
}

/// `GET /api/review/decisions/{id}/pdf`: the result document (to read and
/// to sign).
#[utoipa::path(
    get,
    path = "/review/decisions/{id}/pdf",
    operation_id = "review_pdf",
    tag = "review",
    params(("id" = i32, Path, description = "The decision")),
    responses((status = 200, description = "The decision as it will be signed", body = Binary, content_type = "application/pdf"), Problems),
    security(("bearer" = [])),
)]
pub async fn pdf(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
) -> AppResult<Response> {
    user.require(&[Role::Reviewer])?;
    let bytes = decisions::decision_pdf(&app, &user.0, id).await?;
    Ok(download::file(
        bytes,
        "application/pdf",
        "result.pdf",
        Disposition::Inline,
    ))
}

/// `POST /api/review/decisions/{id}/sign`: the reviewer's signature; the
/// result is issued.
#[utoipa::path(
    post,
    path = "/review/decisions/{id}/sign",
    operation_id = "review_sign",
    tag = "review",
    params(("id" = i32, Path, description = "The decision")),
    request_body = SignDecision,
    responses((status = 200, description = "Done", body = DecisionDto), Problems),
    security(("bearer" = [])),
)]
pub async fn sign(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
    ApiJson(req): ApiJson<SignDecision>,
) -> AppResult<Json<DecisionDto>> {
    user.require(&[Role::Reviewer])?;
    Ok(Json(sign::sign(&app, &user.0, id, &req.cms).await?))
}
