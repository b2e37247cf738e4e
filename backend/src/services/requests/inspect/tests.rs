//! The checks on files written here byte by byte: benign ones pass, each
//! hostile kind gets its own refusal. (The API tests send more, made with
//! `lopdf` and `image`.)

use std::io::{Cursor, Write};

use flate2::Compression;
use flate2::write::ZlibEncoder;
use image::{ImageFormat, RgbImage};
use shared::ErrorCode;
use shared::files::MediaType;

use super::check;

/// A PDF of `objects` (numbered from 1, the first the catalog), without a
/// cross-reference table: the parser rebuilds it, as viewers do.
fn raw(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    for (i, body) in objects.iter().enumerate() {
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    out.extend_from_slice(b"trailer\n<</Root 1 0 R>>\n%%EOF\n");
    out
}

fn catalog(extra: &str) -> Vec<u8> {
    format!("<</Type/Catalog/Pages 2 0 R{extra}>>").into_bytes()
}

fn pages() -> Vec<u8> {
    b"<</Type/Pages/Kids[]/Count 0>>".to_vec()
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
    z.write_all(data).expect("compress");
    z.finish().expect("compress")
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<<{dict}/Length {}>>stream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

fn pdf(bytes: &[u8]) -> Result<(), ErrorCode> {
    check(MediaType::Pdf, bytes)
}

#[test]
fn benign_documents_pass() {
    assert_eq!(pdf(&raw(&[catalog(""), pages()])), Ok(()));
    let content = stream("/Filter/FlateDecode", &zlib(b"BT /F1 12 Tf (Hi) Tj ET"));
    let with_link = catalog("/URI<</Base(https://egov.kz/)>>");
    assert_eq!(pdf(&raw(&[with_link, pages(), content])), Ok(()));
}

#[test]
fn actions_and_embedded_files_are_refused_each_with_its_code() {
    let action = |a: &str| raw(&[catalog("/Names 3 0 R"), pages(), a.into()]);
    for (body, code) in [
        (
            "<</S/JavaScript/JS(app.alert(1))>>",
            ErrorCode::PdfJavascript,
        ),
        ("<</JS 4 0 R>>", ErrorCode::PdfJavascript),
        ("<</S/Launch/F(cmd.exe)>>", ErrorCode::PdfLaunch),
        (
            "<</S/SubmitForm/F(https://evil.example/)>>",
            ErrorCode::PdfExternalAction,
        ),
        (
            "<</S/ImportData/F(data.fdf)>>",
            ErrorCode::PdfExternalAction,
        ),
        (
            "<</S/GoToR/F(other.pdf)/D[0]>>",
            ErrorCode::PdfExternalAction,
        ),
        ("<</S/GoToE/T<</R/C/N(a)>>>>", ErrorCode::PdfExternalAction),
        ("<</Subtype/RichMedia>>", ErrorCode::PdfExternalAction),
        (
            "<</EmbeddedFiles<</Names[(a.exe)4 0 R]>>>>",
            ErrorCode::PdfEmbeddedFile,
        ),
        ("<</Type/EmbeddedFile>>", ErrorCode::PdfEmbeddedFile),
        ("<</XFA 4 0 R>>", ErrorCode::PdfXfa),
        // Hex escapes in names are decoded before the comparison.
        ("<</S/J#61va#53cript/JS(x)>>", ErrorCode::PdfJavascript),
        ("<</S/#4C#61unch>>", ErrorCode::PdfLaunch),
    ] {
        assert_eq!(pdf(&action(body)), Err(code), "{body}");
    }
    let on_open = raw(&[
        catalog("/OpenAction 3 0 R"),
        pages(),
        b"<</S/GoTo>>".to_vec(),
    ]);
    assert_eq!(pdf(&on_open), Err(ErrorCode::PdfOpenAction));
    let encrypted = b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R/Encrypt<</Filter/Standard/V 1/R 2/O(x)/U(y)/P -4>>>>\n%%EOF\n";
    assert_eq!(pdf(encrypted), Err(ErrorCode::PdfEncrypted));
}

#[test]
fn javascript_inside_a_compressed_object_stream_is_found() {
    let member = b"9 0 <</S/JavaScript/JS(app.alert(1))>>";
    let objstm = stream("/Type/ObjStm/N 1/First 4/Filter/FlateDecode", &zlib(member));
    let doc = raw(&[catalog("/Names 9 0 R"), pages(), objstm]);
    assert_eq!(pdf(&doc), Err(ErrorCode::PdfJavascript));
}

#[test]
fn what_the_parser_cannot_read_is_damaged() {
    assert_eq!(
        pdf(b"%PDF-1.7\nnothing here\n%%EOF\n"),
        Err(ErrorCode::FileDamaged)
    );
}

#[test]
fn a_bomb_is_refused_before_parsing() {
    let bomb = stream("/Filter/FlateDecode", &zlib(&vec![0; 120 << 20]));
    assert_eq!(
        pdf(&raw(&[catalog(""), pages(), bomb])),
        Err(ErrorCode::PdfInflatesTooFar {
            max: super::inflate::MAX_INFLATED
        })
    );
}

fn encoded(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    RgbImage::new(width, height)
        .write_to(&mut Cursor::new(&mut out), format)
        .expect("encoded");
    out
}

#[test]
fn pictures_decode_as_their_kind_or_are_refused() {
    let png = encoded(ImageFormat::Png, 3, 2);
    let jpeg = encoded(ImageFormat::Jpeg, 3, 2);
    assert_eq!(check(MediaType::Png, &png), Ok(()));
    assert_eq!(check(MediaType::Jpeg, &jpeg), Ok(()));
    assert_eq!(
        check(MediaType::Jpeg, &png),
        Err(ErrorCode::ImageUndecodable)
    );
    assert_eq!(
        check(MediaType::Png, &jpeg),
        Err(ErrorCode::ImageUndecodable)
    );
    // A PNG whose pixel data is cut off.
    let cut = &png[..png.len() - 20];
    assert_eq!(check(MediaType::Png, cut), Err(ErrorCode::ImageUndecodable));
    // A PNG declaring 30,000 × 30,000 pixels in a few bytes.
    let mut huge = png.clone();
    huge[16..24].copy_from_slice(&[0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30]);
    let mut crc = flate2::Crc::new();
    crc.update(&huge[12..29]);
    huge[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    assert_eq!(
        check(MediaType::Png, &huge),
        Err(ErrorCode::ImageTooLarge {
            max_pixels: super::picture::MAX_PIXELS
        })
    );
}
