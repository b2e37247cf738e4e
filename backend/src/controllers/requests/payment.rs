use axum::Json;
use axum::extract::{Path, State};
use shared::request::{PaymentRedirect, StartPayment};

use crate::app::AppState;
use crate::error::AppResult;
use crate::extract::{ApiJson, CurrentUser};
use crate::services::payments;

/// `POST /api/requests/{id}/payment`: the payment gateway address to pay
/// the request's fee at.
pub async fn start(
    State(app): State<AppState>,
    user: CurrentUser,
    Path(id): Path<i32>,
    ApiJson(req): ApiJson<StartPayment>,
) -> AppResult<Json<PaymentRedirect>> {
    user.require(super::WORKERS)?;
    Ok(Json(payments::start(&app, &user.0, id, req.lang).await?))
}
