//! The file rules on good, spoofed and hostile files.

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
        Err(ErrorCode::FileMarkup)
    );
    // Markup behind the magic bytes of a kind taken.
    let mut jpeg_html = jpeg();
    jpeg_html.splice(6..6, b"<html><script>alert(1)</script>".iter().copied());
    assert_eq!(
        check_content("a.jpg", &jpeg_html),
        Err(ErrorCode::FileMarkup)
    );
    assert_eq!(
        check_content("a.png", b"\x89PNG\r\n\x1A\n<svg onload=alert(1)>IEND"),
        Err(ErrorCode::FileMarkup)
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
