//! A JPEG or PNG decoded in full as the kind it claims, within limits: a
//! picture past [`MAX_PIXELS`] (say a PNG that declares 100,000 × 100,000
//! pixels in a few hundred bytes) is refused from its header, before any
//! buffer is made, and the decoder's allocations are bounded besides.

use std::io::Cursor;

use image::{ImageError, ImageFormat, ImageReader, Limits};
use shared::ErrorCode;

/// The most pixels a picture may have: 64 megapixels (a 600 dpi A4 scan is
/// about 35).
pub const MAX_PIXELS: u64 = 64_000_000;
/// The longest side, in pixels.
const MAX_SIDE: u32 = 20_000;
/// The most the decoder may allocate: the pixels at four bytes each.
const MAX_ALLOC: u64 = MAX_PIXELS * 4;

fn too_large() -> ErrorCode {
    ErrorCode::ImageTooLarge {
        max_pixels: MAX_PIXELS,
    }
}

fn refusal(e: &ImageError) -> ErrorCode {
    match e {
        ImageError::Limits(_) => too_large(),
        _ => ErrorCode::ImageUndecodable,
    }
}

fn reader(format: ImageFormat, bytes: &[u8]) -> ImageReader<Cursor<&[u8]>> {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    reader
}

pub fn check(format: ImageFormat, bytes: &[u8]) -> Result<(), ErrorCode> {
    let (width, height) = reader(format, bytes)
        .into_dimensions()
        .map_err(|e| refusal(&e))?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(too_large());
    }
    if width == 0 || height == 0 {
        return Err(ErrorCode::ImageUndecodable);
    }
    reader(format, bytes)
        .decode()
        .map(drop)
        .map_err(|e| refusal(&e))
}
