use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use shared::ErrorCode;
use shared::files::{FileDto, MAX_FILE_BYTES};
use shared::request::UploadQuery;

use crate::app::AppState;
use crate::controllers::download::{self, Disposition};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, ApiQuery, CurrentUser};
use crate::openapi::{Binary, Problems};
use crate::services::requests::files;

fn too_large() -> AppError {
    AppError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::FileTooLarge {
            max: MAX_FILE_BYTES,
        },
    )
}

/// A body declared this large is read into its own anonymous mapping,
/// given back to the system the moment the file is dropped: the allocator
/// keeps a freed block of a file's size resident for a while, and two
/// workers' worth of them broke the 60 MiB upload's memory budget
/// (BENCHMARKS.md).
const MAPPED_FROM: usize = 1 << 20;

/// The body, at most [`MAX_FILE_BYTES`], read frame by frame into one
/// buffer of the declared size (the checks read the whole file; no second
/// copy is made of it, here or on its way to the store).
async fn read_body(body: Body, declared: Option<u64>) -> AppResult<Bytes> {
    let limit = usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX);
    let expected = declared.and_then(|n| usize::try_from(n).ok()).unwrap_or(0);
    if (MAPPED_FROM..=limit).contains(&expected) {
        return read_mapped(body, expected).await;
    }
    let mut buffer = BytesMut::with_capacity(expected.min(limit));
    let mut body = body.into_data_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| AppError::bad_request().with_cause(e))?;
        if buffer.len() + chunk.len() > limit {
            return Err(too_large());
        }
        buffer.extend_from_slice(&chunk);
    }
    Ok(buffer.freeze())
}

/// [`read_body`] into an anonymous mapping of the declared `size` (the
/// server refuses a body longer than its Content-Length).
async fn read_mapped(body: Body, size: usize) -> AppResult<Bytes> {
    let mut map = memmap2::MmapMut::map_anon(size).map_err(AppError::internal)?;
    let mut len = 0;
    let mut body = body.into_data_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| AppError::bad_request().with_cause(e))?;
        let room = map
            .get_mut(len..len + chunk.len())
            .ok_or_else(|| AppError::bad_request().with_cause("a body past its length"))?;
        room.copy_from_slice(&chunk);
        len += chunk.len();
    }
    Ok(Bytes::from_owner(map).slice(..len))
}

/// `POST /api/requests/{id}/files?document=…&name=…`: the file's bytes as
/// the body. A body over the limit is refused as soon as it is known.
#[utoipa::path(
    post,
    path = "/requests/{id}/files",
    operation_id = "requests_upload",
    tag = "requests",
    params(("id" = i32, Path, description = "The request"), UploadQuery),
    request_body(content = Binary, content_type = "application/octet-stream", description = "The file's bytes: PDF, JPEG or PNG"),
    responses((status = 201, description = "Created", body = FileDto), Problems),
    security(("bearer" = [])),
)]
pub async fn upload(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath(id): ApiPath<i32>,
    // The file name's own check refuses control characters by name.
    ApiQuery(q): ApiQuery<UploadQuery, true>,
    headers: HeaderMap,
    body: Body,
) -> AppResult<(StatusCode, Json<FileDto>)> {
    user.require(super::WORKERS)?;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_FILE_BYTES) {
        return Err(too_large());
    }
    let bytes = read_body(body, declared).await?;
    let dto = files::upload(&app, &user.0, id, &q.document, &q.name, bytes).await?;
    Ok((StatusCode::CREATED, Json(dto)))
}

/// `GET /api/requests/{id}/files/{file}`: the file, as a download.
#[utoipa::path(
    get,
    path = "/requests/{id}/files/{file}",
    operation_id = "requests_download",
    tag = "requests",
    params(("id" = i32, Path, description = "The request"), ("file" = i32, Path, description = "The file")),
    responses((status = 200, description = "The file", content((Binary = "application/pdf"), (Binary = "image/jpeg"), (Binary = "image/png"))), Problems),
    security(("bearer" = [])),
)]
pub async fn download(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath((id, file)): ApiPath<(i32, i32)>,
) -> AppResult<Response> {
    let (dto, blob) = files::download(&app, &user.0, id, file).await?;
    Ok(download::stream(
        blob,
        dto.media_type.mime(),
        &dto.name,
        Disposition::Attachment,
    ))
}

/// `DELETE /api/requests/{id}/files/{file}`.
#[utoipa::path(
    delete,
    path = "/requests/{id}/files/{file}",
    operation_id = "requests_remove",
    tag = "requests",
    params(("id" = i32, Path, description = "The request"), ("file" = i32, Path, description = "The file")),
    responses((status = 204, description = "The file is gone"), Problems),
    security(("bearer" = [])),
)]
pub async fn remove(
    State(app): State<AppState>,
    user: CurrentUser,
    ApiPath((id, file)): ApiPath<(i32, i32)>,
) -> AppResult<StatusCode> {
    user.require(super::WORKERS)?;
    files::remove(&app, &user.0, id, file).await?;
    Ok(StatusCode::NO_CONTENT)
}
