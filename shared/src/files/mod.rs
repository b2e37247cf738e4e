//! The rules for files attached to a request: which kinds are taken (PDF,
//! JPEG, PNG — recognised by their content, never by their name or declared
//! type), how big, and what a file name may look like. The browser checks a
//! file with them before sending it; the server checks it again on arrival.

mod markup;

use serde::{Deserialize, Serialize};

use self::markup::contains;
pub use self::markup::looks_like_markup;
use crate::ErrorCode;

/// The most one file may weigh: 10 MB.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// The most all of a request's files may weigh together.
pub const MAX_REQUEST_BYTES: u64 = 60 * 1024 * 1024;
/// The most files one request may carry.
pub const MAX_FILES_PER_REQUEST: u32 = 30;
/// The longest file name kept, in characters.
pub const MAX_NAME_CHARS: u32 = 120;

/// What a file is, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum MediaType {
    Pdf,
    Jpeg,
    Png,
}

impl MediaType {
    pub const ALL: [MediaType; 3] = [MediaType::Pdf, MediaType::Jpeg, MediaType::Png];

    /// The `Content-Type` it is served with.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            MediaType::Pdf => "pdf",
            MediaType::Jpeg => "jpeg",
            MediaType::Png => "png",
        }
    }

    pub fn parse(code: &str) -> Option<MediaType> {
        MediaType::ALL.into_iter().find(|m| m.code() == code)
    }

    /// The name endings a file of this kind may have (lower case).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            MediaType::Pdf => &["pdf"],
            MediaType::Jpeg => &["jpg", "jpeg"],
            MediaType::Png => &["png"],
        }
    }

    /// Recognises the kind from the first bytes (at least 16 are read when
    /// the file has them). The whole file is checked by [`check_content`].
    pub fn sniff(head: &[u8]) -> Option<MediaType> {
        if head.starts_with(b"%PDF-") {
            Some(MediaType::Pdf)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(MediaType::Jpeg)
        } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A])
            && head.get(12..16) == Some(b"IHDR")
        {
            Some(MediaType::Png)
        } else {
            None
        }
    }
}

/// The EICAR anti-malware test string: a file carrying it anywhere is
/// treated as infected (the standard way to prove the check runs).
const EICAR: &[u8] = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE";

/// Name endings that mark a file as something to run, wherever they stand
/// in the name ("scan.pdf.exe", "scan.exe.pdf").
const EXECUTABLE: &[&str] = &[
    "exe", "com", "bat", "cmd", "scr", "pif", "msi", "dll", "js", "mjs", "vbs", "vbe", "jse",
    "wsf", "wsh", "ps1", "sh", "php", "phtml", "jsp", "asp", "aspx", "jar", "apk", "app", "html",
    "htm", "xhtml", "svg", "hta", "lnk", "reg", "py", "pl", "cgi",
];

/// Checks a file name as the user gave it: one plain name (no folders, no
/// control characters), of sane length, ending in the extension of a kind
/// taken, and not hiding an executable extension inside.
pub fn check_name(name: &str) -> Result<(), ErrorCode> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(ErrorCode::FileNameInvalid);
    }
    if trimmed.chars().count() > MAX_NAME_CHARS as usize {
        return Err(ErrorCode::FileNameTooLong {
            max: MAX_NAME_CHARS,
        });
    }
    let bad_char = |c: char| {
        c.is_control()
            || matches!(
                c,
                '/' | '\\'
                    | ':'
                    | '*'
                    | '?'
                    | '"'
                    | '<'
                    | '>'
                    | '|'
                    | '\u{202E}'
                    | '\u{200E}'
                    | '\u{200F}'
            )
    };
    if trimmed.chars().any(bad_char) || trimmed.starts_with('.') || trimmed.contains("..") {
        return Err(ErrorCode::FileNameInvalid);
    }
    let lower = trimmed.to_lowercase();
    let mut parts = lower.split('.');
    parts.next();
    let exts: Vec<&str> = parts.collect();
    let Some(last) = exts.last() else {
        return Err(ErrorCode::FileTypeNotAllowed);
    };
    if exts.iter().any(|e| EXECUTABLE.contains(&e.trim())) {
        return Err(ErrorCode::FileTypeNotAllowed);
    }
    if !MediaType::ALL.iter().any(|m| m.extensions().contains(last)) {
        return Err(ErrorCode::FileTypeNotAllowed);
    }
    Ok(())
}

/// The extension of a (checked) name, lower case.
fn extension(name: &str) -> String {
    name.trim()
        .rsplit_once('.')
        .map(|(_, e)| e.to_lowercase())
        .unwrap_or_default()
}

/// Checks a whole file: size, the malware test signature, markup in its
/// head (see [`looks_like_markup`]), kind by content (and its name agreeing
/// with it), and structure enough to tell a real file from a renamed one.
/// Gives the kind. The server then parses it as that kind (a PDF's actions,
/// embedded files and streams, an image's decoding), which needs libraries
/// the browser does not load.
pub fn check_content(name: &str, bytes: &[u8]) -> Result<MediaType, ErrorCode> {
    if bytes.is_empty() {
        return Err(ErrorCode::FileEmpty);
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ErrorCode::FileTooLarge {
            max: MAX_FILE_BYTES,
        });
    }
    if contains(bytes, EICAR) {
        return Err(ErrorCode::FileInfected);
    }
    if looks_like_markup(bytes) {
        return Err(ErrorCode::FileMarkup);
    }
    let kind = MediaType::sniff(bytes).ok_or(ErrorCode::FileTypeNotAllowed)?;
    if !kind.extensions().contains(&extension(name).as_str()) {
        return Err(ErrorCode::FileTypeMismatch);
    }
    let whole = match kind {
        // A PDF ends with its end-of-file marker (trailing whitespace allowed).
        MediaType::Pdf => contains(&bytes[bytes.len().saturating_sub(1024)..], b"%%EOF"),
        // A JPEG ends with its end-of-image marker (some writers pad after it).
        MediaType::Jpeg => contains(&bytes[bytes.len().saturating_sub(64)..], &[0xFF, 0xD9]),
        // A PNG ends with its IEND chunk.
        MediaType::Png => contains(&bytes[bytes.len().saturating_sub(64)..], b"IEND"),
    };
    if !whole {
        return Err(ErrorCode::FileDamaged);
    }
    Ok(kind)
}

/// A file attached to a request, as its owner and its reviewer see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileDto {
    pub id: i64,
    /// The catalog code of the document it is for.
    pub document: String,
    pub name: String,
    pub media_type: MediaType,
    pub size: u64,
    /// Hex SHA-256 of the content: what the signature covers.
    pub sha256: String,
    /// RFC 3339.
    pub uploaded_at: String,
}

#[cfg(test)]
mod tests;
