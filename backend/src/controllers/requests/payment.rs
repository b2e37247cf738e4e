use axum::Json;
use axum::extract::State;
use shared::request::{PaymentRedirect, StartPayment};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, ApiPath, CurrentUser};
use crate::openapi::Problems;
use crate::services::payments::order;

/// `POST /api/requests/{id}/payment`: the payment gateway address to pay
/// the request's fee at.
#[utoipa::path(
    post,
    path = "/requests/{id}/payment",
    operation_id = "requests_start",
    tag = "requests",
    params(("id" = i32, Path, description = "The request")),
    request_body = StartPayment,
    responses((status = 200, description = "Done", body = PaymentRedirect), Problems),
    security(("bearer" = [])),
)]
pub async fn start(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
    ApiJson(req): ApiJson<StartPayment>,
) -> AppResult<Json<PaymentRedirect>> {
    user.require(super::WORKERS)?;
    Ok(Json(order::start(&app, &user.0, id, req.lang).await?))
}
