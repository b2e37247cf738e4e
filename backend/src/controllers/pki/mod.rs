//! The demo certification center's services beside its published files
//! (`/pki/`): the OCSP responder and the timestamping authority, each a
//! DER request answered by a DER response; 404 on a portal without the
//! center.

pub mod ocsp;
pub mod tsp;

use axum::body::Bytes;
use axum::http::header;
use axum::response::IntoResponse;

use crate::app::AppState;
use crate::demo::center::Center;
use crate::error::{AppError, AppResult};

/// `body` answered by `respond` of the center, as `content_type`.
async fn answer_with(
    app: AppState,
    body: Bytes,
    respond: fn(&Center, &[u8], u64) -> Vec<u8>,
    content_type: &'static str,
) -> AppResult<impl IntoResponse> {
    let center = app.demo_center.clone().ok_or_else(AppError::not_found)?;
    let now = crate::clock::now_secs();
    let der = tokio::task::spawn_blocking(move || respond(&center, &body, now))
        .await
        .map_err(AppError::internal)?;
    Ok(([(header::CONTENT_TYPE, content_type)], der))
}
