//! What a file is, beyond its magic bytes: a PDF parsed for the actions and
//! embedded files it carries and its streams inflated within a bound
//! (`pdf`, `inflate`), a JPEG or PNG decoded within pixel and memory limits
//! (`picture`). The cheap checks of `shared::files` (size, EICAR, markup,
//! kind, end marker) come first; these need libraries the browser does not
//! load, and run on the blocking pool within the deadline of
//! [`Trust::bounded`](crate::services::eds::trust::Trust::bounded), as every
//! parse of hostile input does.

mod inflate;
mod pdf;
mod picture;
#[cfg(test)]
mod tests;

use bytes::Bytes;
use shared::ErrorCode;
use shared::files::MediaType;

use crate::app::App;
use crate::error::AppResult;

/// Parses `bytes` as `kind` off the runtime's threads: `Ok(Err(code))` is a
/// refusal, `Err` a check that did not end in time (503).
pub async fn inspect(app: &App, kind: MediaType, bytes: Bytes) -> AppResult<Result<(), ErrorCode>> {
    app.trust.bounded(move || check(kind, &bytes)).await
}

/// The verdict on a file that `shared::files::check_content` took as `kind`.
pub fn check(kind: MediaType, bytes: &[u8]) -> Result<(), ErrorCode> {
    match kind {
        MediaType::Pdf => pdf::check(bytes),
        MediaType::Jpeg => picture::check(image::ImageFormat::Jpeg, bytes),
        MediaType::Png => picture::check(image::ImageFormat::Png, bytes),
    }
}
