//! Markup disguised as a document: a file whose first kilobytes look like
//! HTML, SVG, XML or a script is refused whatever its name or magic bytes,
//! since a browser or viewer that sniffs it may run it (HTML behind a JPEG
//! header named `.jpg`, or behind `%PDF-` named `.pdf`).

/// How much of the file is looked at.
const HEAD_BYTES: usize = 4096;

/// What a markup file starts with, after whitespace and byte-order marks.
const LEADS: &[&[u8]] = &[
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<?xml",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<style",
    b"<meta",
    b"<!--",
    b"<xsl",
];

/// What gives markup away anywhere in the head, after magic bytes too.
/// (`<?xml` alone is not among them: image and PDF metadata, XMP, carries
/// XML packets legitimately.)
const ANYWHERE: &[&[u8]] = &[
    b"<script",
    b"<html",
    b"<!doctype html",
    b"<svg",
    b"<iframe",
    b"<body",
    b"<?xml-stylesheet",
    b"javascript:",
];

/// True when the first kilobytes of `bytes` look like HTML, SVG, XML or a
/// script (ASCII case folded; NUL bytes dropped, so UTF-16 text is seen
/// too).
pub fn looks_like_markup(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(HEAD_BYTES)];
    let folded: Vec<u8> = head
        .iter()
        .filter(|b| **b != 0)
        .map(u8::to_ascii_lowercase)
        .collect();
    let lead = skip_blank(&folded);
    LEADS.iter().any(|l| lead.starts_with(l)) || ANYWHERE.iter().any(|n| contains(&folded, n))
}

/// `bytes` past leading whitespace and byte-order marks (UTF-8, and the
/// UTF-16 ones with their NULs already dropped).
fn skip_blank(mut bytes: &[u8]) -> &[u8] {
    loop {
        if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            bytes = rest;
        } else if let Some(rest) = bytes
            .strip_prefix(&[0xFE, 0xFF])
            .or_else(|| bytes.strip_prefix(&[0xFF, 0xFE]))
        {
            bytes = rest;
        } else if let Some((first, rest)) = bytes.split_first()
            && (first.is_ascii_whitespace() || *first == 0x0B)
        {
            bytes = rest;
        } else {
            return bytes;
        }
    }
}

pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::looks_like_markup;

    #[test]
    fn markup_is_seen_however_it_is_dressed() {
        for text in [
            &b"<html><body>x</body></html>"[..],
            b"  \r\n\t<!DOCTYPE html><p>",
            b"\xEF\xBB\xBF<svg xmlns='http://www.w3.org/2000/svg'/>",
            b"<?xml version='1.0'?><svg/>",
            b"<ScRiPt>alert(1)</script>",
            b"\xFF\xFE<\0h\0t\0m\0l\0>\0",
            b"\xFF\xD8\xFF\xE0 JFIF junk <script>alert(1)</script>",
            b"%PDF-1.4\n<html><body onload=alert(1)>",
        ] {
            assert!(looks_like_markup(text), "{text:?}");
        }
    }

    #[test]
    fn documents_are_not_markup() {
        let mut deep = b"%PDF-1.4\n".to_vec();
        deep.resize(5000, b' ');
        deep.extend_from_slice(b"<script>");
        for text in [
            &b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj<</Type/Catalog>>endobj"[..],
            b"\xFF\xD8\xFF\xE1http://ns.adobe.com/xap/1.0/\0<?xpacket begin='' id='W5M0'?><x:xmpmeta>",
            b"\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR",
            b"a < b and <3",
            &deep,
        ] {
            assert!(!looks_like_markup(text), "{text:?}");
        }
    }
}
