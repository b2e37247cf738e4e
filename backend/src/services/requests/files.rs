//! Files attached to a request (SPEC §3 step 3): checked by content, stored
//! under server-made names with their SHA-256 through the [`BlobStore`],
//! readable only by the applicant and by the provider that reviews the
//! request.
//!
//! [`BlobStore`]: crate::adapters::storage::BlobStore

use axum::http::StatusCode;
use bytes::Bytes;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use sha2::{Digest, Sha256};
use shared::account::Role;
use shared::catalog::DocumentSource;
use shared::files::{self, FileDto, MAX_FILES_PER_REQUEST, MAX_REQUEST_BYTES, MediaType};
use shared::request::inquiry::ANSWER_DOCUMENT;
use shared::{ErrorCode, FieldCode};

use crate::adapters::storage;
use crate::app::App;
use crate::clock;
use crate::db::entities::{files as file_rows, requests, users};
use crate::db::stored;
use crate::error::{AppError, AppResult};
use crate::services::core::model;
use crate::services::core::reach;
use crate::services::inquiries::gate;
use crate::services::requests::inspect;

fn refused(code: ErrorCode) -> AppError {
    let status = match code {
        ErrorCode::FileTooLarge { .. } | ErrorCode::RequestFilesTooLarge { .. } => {
            StatusCode::PAYLOAD_TOO_LARGE
        }
        ErrorCode::FileTypeNotAllowed | ErrorCode::FileTypeMismatch | ErrorCode::FileMarkup => {
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        }
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    AppError::new(status, code)
}

pub fn to_dto(row: &file_rows::Model) -> AppResult<FileDto> {
    Ok(FileDto {
        id: i64::from(row.id),
        document: row.document_code.clone(),
        name: row.file_name.clone(),
        media_type: stored::state("files.media_type", &row.media_type, MediaType::parse)?,
        size: u64::try_from(row.size_bytes).unwrap_or(0),
        sha256: row.sha256.clone(),
        uploaded_at: clock::rfc3339(&row.created_at),
    })
}

/// The files of `request`, oldest first.
pub async fn of_request(app: &App, request: i32) -> AppResult<Vec<file_rows::Model>> {
    Ok(file_rows::Entity::find()
        .filter(file_rows::Column::RequestId.eq(request))
        .order_by_asc(file_rows::Column::Id)
        .all(&app.db.read)
        .await?)
}

/// Attaches `bytes` named `name` to the document `document` of the user's
/// own editable request. Nothing is stored unless every check passes.
pub async fn upload(
    app: &App,
    user: &users::Model,
    request_id: i32,
    document: &str,
    name: &str,
    bytes: Bytes,
) -> AppResult<FileDto> {
    let request = reach::reach(app, user, request_id).await?.model;
    // A sent request takes files only for the answer to an open inquiry.
    let answering = !model::status_of(&request)?.is_editable();
    if answering && gate::open(&app.db.read, request.id).await?.is_none() {
        return Err(AppError::conflict(ErrorCode::NotEditable));
    }
    let detail = model::service(app, &request.service_code)?;
    let kind = model::request_type_of(&request)?;
    let answer = answering && document == ANSWER_DOCUMENT;
    if !answer
        && !detail
            .documents
            .iter()
            .any(|d| d.code == document && d.source == DocumentSource::Upload && d.applies_to(kind))
    {
        return Err(AppError::field("document", FieldCode::UnknownChoice));
    }
    files::check_name(name).map_err(refused)?;
    let media = files::check_content(name, &bytes).map_err(refused)?;
    inspect::inspect(app, media, bytes.clone())
        .await?
        .map_err(refused)?;
    let existing = of_request(app, request.id).await?;
    if existing.len() >= MAX_FILES_PER_REQUEST as usize {
        return Err(refused(ErrorCode::TooManyFiles {
            max: MAX_FILES_PER_REQUEST,
        }));
    }
    let total: u64 = existing
        .iter()
        .map(|f| u64::try_from(f.size_bytes).unwrap_or(0))
        .sum();
    let size = bytes.len() as u64;
    if total + size > MAX_REQUEST_BYTES {
        return Err(refused(ErrorCode::RequestFilesTooLarge {
            max: MAX_REQUEST_BYTES,
        }));
    }
    let sha256 = crate::pki::hex(&Sha256::digest(&bytes));
    let key = storage::new_key();
    app.storage
        .put(&key, bytes)
        .await
        .map_err(|e| AppError::internal(format_args!("storing a file: {e}")))?;
    let now = Utc::now();
    let row = file_rows::ActiveModel {
        request_id: Set(request.id),
        document_code: Set(document.to_owned()),
        file_name: Set(name.trim().to_owned()),
        media_type: Set(media.code().to_owned()),
        size_bytes: Set(i64::try_from(size).unwrap_or(i64::MAX)),
        sha256: Set(sha256),
        storage_key: Set(key.clone()),
        created_at: Set(now.into()),
        inquiry_id: Set(None),
        ..Default::default()
    }
    .insert(&app.db.write)
    .await;
    let row = match row {
        Ok(row) => row,
        Err(e) => {
            if let Err(del) = app.storage.delete(&key).await {
                tracing::warn!(error = %del, "an orphan file is left in storage");
            }
            return Err(e.into());
        }
    };
    reach::touch(app, request).await?;
    tracing::info!(request_id, file_id = row.id, size, "file attached");
    to_dto(&row)
}

/// Who may read a request's files: its applicant, the desk that entered
/// it, and once it is sent, the staff of the provider that reviews it.
fn may_read(user: &users::Model, request: &requests::Model) -> AppResult<bool> {
    if request.user_id == user.id || crate::services::core::reach::may_work_on(user, request)? {
        return Ok(true);
    }
    Ok(user.role()? == Role::Reviewer
        && !user.disabled
        && user.provider_code.is_some()
        && user.provider_code == request.provider_code
        && !model::status_of(request)?.is_editable())
}

/// The file and its bytes (a stream from the store), for someone allowed
/// to read it; "not found" for everyone else.
pub async fn download(
    app: &App,
    user: &users::Model,
    request_id: i32,
    file_id: i32,
) -> AppResult<(FileDto, storage::BlobStream)> {
    let request = requests::Entity::find_by_id(request_id)
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !may_read(user, &request)? {
        return Err(AppError::not_found());
    }
    let row = file_rows::Entity::find_by_id(file_id)
        .filter(file_rows::Column::RequestId.eq(request.id))
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    let blob = app
        .storage
        .open(&row.storage_key)
        .await
        .map_err(|e| AppError::internal(format_args!("reading a stored file: {e}")))?;
    if request.user_id != user.id {
        crate::services::core::audit::record(
            app,
            Some(user.id),
            "download",
            Some(request.id),
            &format!("file {}", row.id),
        )
        .await?;
    }
    Ok((to_dto(&row)?, blob))
}

/// Removes a file from the user's own editable request.
pub async fn remove(
    app: &App,
    user: &users::Model,
    request_id: i32,
    file_id: i32,
) -> AppResult<()> {
    let request = reach::reach(app, user, request_id).await?.model;
    let row = file_rows::Entity::find_by_id(file_id)
        .filter(file_rows::Column::RequestId.eq(request.id))
        .one(&app.db.read)
        .await?
        .ok_or_else(AppError::not_found)?;
    // Once sent, only a file added for the open inquiry's answer, before
    // the answer is sent.
    if !model::status_of(&request)?.is_editable() {
        let open = gate::open(&app.db.read, request.id).await?;
        if !open.is_some_and(|q| row.inquiry_id.is_none() && row.created_at >= q.asked_at) {
            return Err(AppError::conflict(ErrorCode::NotEditable));
        }
    }
    let key = row.storage_key.clone();
    file_rows::Entity::delete_by_id(row.id)
        .exec(&app.db.write)
        .await?;
    if let Err(e) = app.storage.delete(&key).await {
        tracing::warn!(error = %e, "a removed file stays in storage");
    }
    reach::touch(app, request).await?;
    Ok(())
}

/// Drops the stored files of a request being discarded (its rows go with
/// the request).
pub async fn forget_all(app: &App, rows: &[file_rows::Model]) {
    for row in rows {
        if let Err(e) = app.storage.delete(&row.storage_key).await {
            tracing::warn!(error = %e, "a discarded file stays in storage");
        }
    }
}
