//! Hostile files made here, each aimed at one refusal: PDFs written by
//! `lopdf` (its cross-reference data correct, object streams compressed
//! when `modern`), pictures by `image`, then bent by hand.

use std::io::Read;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Dictionary, Document, Object, SaveOptions, Stream, dictionary};

use image::ImageFormat;

use crate::requests::steps::{image_of, png};

/// A one-page PDF; `edit` adds to the document, its catalog and its page.
pub fn pdf_with(
    modern: bool,
    edit: impl FnOnce(&mut Document, &mut Dictionary, &mut Dictionary),
) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages = doc.new_object_id();
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 12 Tf (Hi) Tj ET".to_vec(),
    ));
    let mut page = dictionary! {
        "Type" => "Page", "Parent" => pages, "Contents" => content,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    };
    let mut catalog = dictionary! { "Type" => "Catalog", "Pages" => pages };
    edit(&mut doc, &mut catalog, &mut page);
    let page = doc.add_object(page);
    let kids = dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 };
    doc.objects.insert(pages, Object::Dictionary(kids));
    let catalog = doc.add_object(catalog);
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    let options = SaveOptions::builder()
        .use_object_streams(modern)
        .use_xref_streams(modern)
        .compression_level(6)
        .build();
    doc.save_with_options(&mut out, options)
        .expect("a PDF is written");
    out
}

/// A plain one-page PDF.
pub fn plain(modern: bool) -> Vec<u8> {
    pdf_with(modern, |_, _, _| {})
}

/// A PDF whose catalog has `key` set to `value` (added as an object).
pub fn catalog_with(modern: bool, key: &'static str, value: Object) -> Vec<u8> {
    pdf_with(modern, |doc, catalog, _| {
        let id = doc.add_object(value);
        catalog.set(key, id);
    })
}

/// A PDF whose page has a link annotation doing `action`.
pub fn link_doing(modern: bool, action: Dictionary) -> Vec<u8> {
    pdf_with(modern, |doc, _, page| {
        let rect = vec![0.into(), 0.into(), 100.into(), 20.into()];
        let annot = doc.add_object(
            dictionary! { "Type" => "Annot", "Subtype" => "Link", "Rect" => rect, "A" => action },
        );
        page.set("Annots", vec![annot.into()]);
    })
}

pub fn javascript() -> Dictionary {
    dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") }
}

/// `bytes` with `from` replaced by `to` of the same length, so the
/// cross-reference offsets still hold (`/J#2361va` → `/J#61va  `).
pub fn replaced(mut bytes: Vec<u8>, from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("the text to replace is there");
    bytes[at..at + from.len()].copy_from_slice(to);
    bytes
}

/// `zeros` zero bytes, zlib-compressed.
pub fn zeros(zeros: usize) -> Vec<u8> {
    let mut z = ZlibEncoder::new(Vec::new(), Compression::default());
    std::io::copy(&mut std::io::repeat(0).take(zeros as u64), &mut z).expect("compressed");
    z.finish().expect("compressed")
}

/// A PDF with one Flate stream per entry of `streams`, each that many
/// zero bytes inflated.
pub fn inflating(streams: &[usize]) -> Vec<u8> {
    pdf_with(false, |doc, _, page| {
        let mut xobjects = Dictionary::new();
        for (i, n) in streams.iter().enumerate() {
            let data = Stream::new(dictionary! { "Filter" => "FlateDecode" }, zeros(*n))
                .with_compression(false);
            xobjects.set(format!("X{i}"), doc.add_object(data));
        }
        page.set("Resources", dictionary! { "XObject" => xobjects });
    })
}

/// A JPEG (4 × 3) whose start-of-frame says `height` × `width`.
pub fn jpeg_claiming(height: u16, width: u16) -> Vec<u8> {
    let mut jpeg = image_of(ImageFormat::Jpeg);
    let sof = jpeg
        .windows(2)
        .position(|w| w == [0xFF, 0xC0])
        .expect("a baseline frame");
    jpeg[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    jpeg
}

/// A PNG (4 × 3) whose header says `width` × `height`, its checksum fixed.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = png();
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&png[12..29]);
    png[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    png
}

/// Pictures, and markup dressed as pictures and documents, with the code
/// each is refused with.
pub fn pictures() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let jpeg = image_of(ImageFormat::Jpeg);
    let mut html_jpeg = jpeg[..20].to_vec();
    html_jpeg.extend_from_slice(b"<html><script>alert(document.cookie)</script></html>\xFF\xD9");
    let mut png_svg = png()[..33].to_vec();
    png_svg.extend_from_slice(
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>IEND\xAE\x42\x60\x82",
    );
    let mut broken_png = png();
    let idat = broken_png
        .windows(4)
        .position(|w| w == b"IDAT")
        .expect("IDAT");
    broken_png[idat + 6] ^= 0xFF;
    let mut png_as_jpeg = vec![0xFF, 0xD8, 0xFF];
    png_as_jpeg.extend_from_slice(&png());
    png_as_jpeg.extend_from_slice(&[0xFF, 0xD9]);
    vec![
        ("photo.jpg", html_jpeg, "file_markup"),
        ("scan.png", png_svg, "file_markup"),
        (
            "page.pdf",
            b"<!DOCTYPE html><html><script>alert(1)</script>%PDF-1.4 %%EOF".to_vec(),
            "file_markup",
        ),
        (
            "utf16.png",
            b"\xFF\xFE<\0s\0v\0g\0>\0".to_vec(),
            "file_markup",
        ),
        (
            "feed.jpg",
            b"\xEF\xBB\xBF  <?xml version='1.0'?><rss/>".to_vec(),
            "file_markup",
        ),
        (
            "noise.jpg",
            [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[0x5A; 300], &[0xFF, 0xD9]].concat(),
            "image_undecodable",
        ),
        ("png-inside.jpg", png_as_jpeg, "image_undecodable"),
        ("broken.png", broken_png, "image_undecodable"),
        (
            "cut.png",
            [&png()[..40], b"IEND".as_slice()].concat(),
            "image_undecodable",
        ),
        ("bomb.png", png_claiming(30_000, 30_000), "image_too_large"),
        ("bomb.jpg", jpeg_claiming(60_000, 60_000), "image_too_large"),
    ]
}
