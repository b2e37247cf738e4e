//! The rules for files attached to a request: which kinds are taken (PDF,
//! JPEG, PNG — recognised by their content, never by their name or declared
//! type), how big, and what a file name may look like. The browser checks a
//! file with them before sending it; the server checks it again on arrival.

use serde::{Deserialize, Serialize};

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

/// Checks a whole file: size, kind by content (and its name agreeing with
/// it), structure enough to tell a real file from a renamed one, and the
/// malware test signature. Gives the kind.
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

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
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
mod tests {
    use super::*;

    fn pdf() -> Vec<u8> {
        b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec()
    }

    fn png() -> Vec<u8> {
        let mut v = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        v.extend_from_slice(b"IHDR");
        v.extend_from_slice(&[0; 17]);
        v.extend_from_slice(&[0, 0, 0, 0]);
        v.extend_from_slice(b"IEND");
        v.extend_from_slice(&[0xAE, 0x42, 0x60, 0x82]);
        v
    }

    fn jpeg() -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
        v.extend_from_slice(b"JFIF\0");
        v.extend_from_slice(&[0; 16]);
        v.extend_from_slice(&[0xFF, 0xD9]);
        v
    }

    #[test]
    fn good_files_pass() {
        assert_eq!(check_content("Диплом.pdf", &pdf()), Ok(MediaType::Pdf));
        assert_eq!(check_content("plan.PNG", &png()), Ok(MediaType::Png));
        assert_eq!(check_content("photo.jpeg", &jpeg()), Ok(MediaType::Jpeg));
        assert_eq!(check_content("photo.jpg", &jpeg()), Ok(MediaType::Jpeg));
        for n in [
            "Диплом.pdf",
            "scan 2026-01-02.jpg",
            "a.b.c.png",
            "Лицензия №5.pdf",
        ] {
            assert_eq!(check_name(n), Ok(()), "{n}");
        }
    }

    #[test]
    fn names_refused() {
        for n in [
            "",
            "   ",
            "../etc/passwd.pdf",
            "a/b.pdf",
            "a\\b.pdf",
            "..pdf",
            ".hidden.pdf",
            "a\0.pdf",
            "a\n.pdf",
            "C:scan.pdf",
            "fdp.\u{202E}fdp.exe",
        ] {
            assert_eq!(check_name(n), Err(ErrorCode::FileNameInvalid), "{n:?}");
        }
        for n in [
            "scan.pdf.exe",
            "scan.exe.pdf",
            "scan",
            "scan.docx",
            "scan.svg",
            "page.html",
            "x.pdf.js",
        ] {
            assert_eq!(check_name(n), Err(ErrorCode::FileTypeNotAllowed), "{n:?}");
        }
        let long = format!("{}.pdf", "я".repeat(MAX_NAME_CHARS as usize));
        assert_eq!(
            check_name(&long),
            Err(ErrorCode::FileNameTooLong {
                max: MAX_NAME_CHARS
            })
        );
    }

    #[test]
    fn contents_refused() {
        assert_eq!(check_content("a.pdf", b""), Err(ErrorCode::FileEmpty));
        // Spoofed: a PNG named .pdf, HTML named .png, a PDF named .jpg.
        assert_eq!(
            check_content("a.pdf", &png()),
            Err(ErrorCode::FileTypeMismatch)
        );
        assert_eq!(
            check_content("a.jpg", &pdf()),
            Err(ErrorCode::FileTypeMismatch)
        );
        assert_eq!(
            check_content("a.png", b"<html><script>alert(1)</script></html>"),
            Err(ErrorCode::FileTypeNotAllowed)
        );
        // EICAR, alone or inside a PDF.
        let eicar = br"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
        assert_eq!(check_content("a.pdf", eicar), Err(ErrorCode::FileInfected));
        let mut p = pdf();
        p.splice(9..9, eicar.iter().copied());
        assert_eq!(check_content("a.pdf", &p), Err(ErrorCode::FileInfected));
        // Truncated: no end marker.
        assert_eq!(
            check_content("a.pdf", b"%PDF-1.4\n1 0 obj"),
            Err(ErrorCode::FileDamaged)
        );
        // One byte over the limit.
        let mut big = pdf();
        big.resize(usize::try_from(MAX_FILE_BYTES).expect("fits") + 1, b' ');
        assert_eq!(
            check_content("a.pdf", &big),
            Err(ErrorCode::FileTooLarge {
                max: MAX_FILE_BYTES
            })
        );
        big.truncate(usize::try_from(MAX_FILE_BYTES).expect("fits") - 6);
        big.extend_from_slice(b"%%EOF\n");
        assert_eq!(check_content("a.pdf", &big), Ok(MediaType::Pdf));
    }
}
