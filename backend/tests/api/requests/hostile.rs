//! Hostile files, each refused with its own code and none kept; and the
//! benign ones beside them still taken.

use std::time::{Duration, Instant};

use axum::http::StatusCode;
use image::ImageFormat;
use lopdf::{Object, Stream, dictionary};
use shared::request::RequestDto;

use crate::helpers::accounts::DEMO_APPLICANT;
use crate::helpers::app::TestApp;
use crate::requests::hostile_files::{
    catalog_with, inflating, javascript, link_doing, pdf_with, pictures, plain, replaced,
};
use crate::requests::steps::{draft, image_of, pdf, png, show, upload};

async fn start() -> (TestApp, String, RequestDto) {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = draft(&app, &token, "med-license", "issuance").await;
    (app, token, d)
}

fn pdfs() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let escaped_js = catalog_with(
        false,
        "Names",
        Object::Dictionary(dictionary! { "S" => "J#61vaScript", "JS" => "x" }),
    );
    let escaped_launch = link_doing(
        false,
        dictionary! { "S" => "L#61unch", "F" => Object::string_literal("cmd.exe") },
    );
    let goto = dictionary! { "S" => "GoTo", "D" => vec![Object::Integer(0), "Fit".into()] };
    let embedded = Stream::new(
        dictionary! { "Type" => "EmbeddedFile" },
        b"MZ\x90\0".to_vec(),
    );
    let mut html_pdf = b"%PDF-1.4\n<html><body onload=alert(1)>".to_vec();
    html_pdf.extend_from_slice(&pdf(0)[9..]);
    vec![
        (
            "js-names.pdf",
            catalog_with(false, "Names", Object::Dictionary(javascript())),
            "pdf_javascript",
        ),
        (
            "js-objstm.pdf",
            catalog_with(true, "Names", Object::Dictionary(javascript())),
            "pdf_javascript",
        ),
        (
            "js-link.pdf",
            link_doing(false, javascript()),
            "pdf_javascript",
        ),
        (
            "js-link-objstm.pdf",
            link_doing(true, javascript()),
            "pdf_javascript",
        ),
        (
            "js-escaped.pdf",
            replaced(escaped_js, b"J#2361vaScript", b"J#61vaScript  "),
            "pdf_javascript",
        ),
        (
            "launch.pdf",
            link_doing(
                false,
                dictionary! { "S" => "Launch", "F" => Object::string_literal("cmd.exe") },
            ),
            "pdf_launch",
        ),
        (
            "submit-form.pdf",
            link_doing(
                false,
                dictionary! { "S" => "SubmitForm", "F" => Object::string_literal("https://evil.example/") },
            ),
            "pdf_external_action",
        ),
        (
            "goto-remote-objstm.pdf",
            link_doing(
                true,
                dictionary! { "S" => "GoToR", "F" => Object::string_literal("other.pdf") },
            ),
            "pdf_external_action",
        ),
        (
            "launch-objstm.pdf",
            link_doing(
                true,
                dictionary! { "S" => "Launch", "F" => Object::string_literal("x.exe") },
            ),
            "pdf_launch",
        ),
        (
            "launch-escaped.pdf",
            replaced(escaped_launch, b"L#2361unch", b"L#61unch  "),
            "pdf_launch",
        ),
        (
            "open.pdf",
            catalog_with(false, "OpenAction", Object::Dictionary(goto.clone())),
            "pdf_open_action",
        ),
        (
            "open-objstm.pdf",
            catalog_with(true, "OpenAction", Object::Dictionary(goto.clone())),
            "pdf_open_action",
        ),
        (
            "page-aa.pdf",
            pdf_with(false, |_, _, page| {
                page.set("AA", dictionary! { "O" => goto });
            }),
            "pdf_open_action",
        ),
        (
            "embedded.pdf",
            pdf_with(false, |doc, catalog, _| {
                let file = doc.add_object(embedded);
                let spec = dictionary! { "Type" => "Filespec", "F" => Object::string_literal("a.exe"), "EF" => dictionary! { "F" => file } };
                let tree =
                    dictionary! { "Names" => vec![Object::string_literal("a.exe"), spec.into()] };
                catalog.set("Names", dictionary! { "EmbeddedFiles" => tree });
            }),
            "pdf_embedded_file",
        ),
        (
            "embedded-objstm.pdf",
            catalog_with(
                true,
                "Names",
                Object::Dictionary(dictionary! { "EmbeddedFiles" => dictionary! {} }),
            ),
            "pdf_embedded_file",
        ),
        (
            "xfa.pdf",
            catalog_with(
                false,
                "AcroForm",
                Object::Dictionary(
                    dictionary! { "Fields" => vec![], "XFA" => Object::string_literal("<xdp/>") },
                ),
            ),
            "pdf_xfa",
        ),
        (
            "xfa-objstm.pdf",
            catalog_with(
                true,
                "AcroForm",
                Object::Dictionary(dictionary! { "Fields" => vec![], "XFA" => vec![] }),
            ),
            "pdf_xfa",
        ),
        (
            "encrypted.pdf",
            pdf_with(false, |doc, _, _| {
                let o = Object::string_literal("x");
                doc.trailer.set("Encrypt", dictionary! { "Filter" => "Standard", "V" => 1, "R" => 2, "O" => o.clone(), "U" => o, "P" => -4 });
            }),
            "pdf_encrypted",
        ),
        (
            "bombs.pdf",
            inflating(&[40 << 20, 40 << 20, 40 << 20]),
            "pdf_inflates_too_far",
        ),
        ("html.pdf", html_pdf, "file_markup"),
        (
            "garbage.pdf",
            b"%PDF-1.7\n\x00\x01\x02 not a document\n%%EOF\n".to_vec(),
            "file_damaged",
        ),
    ]
}

#[tokio::test]
async fn hostile_files_are_each_refused_and_none_is_kept() {
    let (app, token, d) = start().await;
    let cases: Vec<_> = pdfs().into_iter().chain(pictures()).collect();
    assert!(cases.len() >= 25, "{}", cases.len());
    for (name, bytes, code) in cases {
        let res = upload(&app, &token, d.id, "diplomas", name, bytes).await;
        let status = if code == "file_markup" {
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        assert_eq!((res.status, res.code().as_str()), (status, code), "{name}");
    }
    assert!(
        show(&app, &token, d.id).await.files.is_empty(),
        "none accepted"
    );
}

#[tokio::test]
async fn a_small_pdf_inflating_to_500_mb_is_refused_quickly() {
    let (app, token, d) = start().await;
    let bomb = inflating(&[500 << 20]);
    assert!(bomb.len() < 600 * 1024, "{} bytes", bomb.len());
    let started = Instant::now();
    let res = upload(&app, &token, d.id, "diplomas", "bomb.pdf", bomb).await;
    assert_eq!(res.code(), "pdf_inflates_too_far");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn benign_documents_and_pictures_are_taken() {
    let (app, token, d) = start().await;
    let link = dictionary! { "S" => "URI", "URI" => Object::string_literal("https://egov.kz/") };
    for (name, bytes) in [
        ("a.pdf", pdf(100)),
        ("classic.pdf", plain(false)),
        ("modern.pdf", plain(true)),
        ("link.pdf", link_doing(true, link)),
        ("streams.pdf", inflating(&[1 << 20, 2 << 20])),
        ("photo.jpg", image_of(ImageFormat::Jpeg)),
        ("scan.png", png()),
    ] {
        let res = upload(&app, &token, d.id, "diplomas", name, bytes).await;
        assert_eq!(res.status, StatusCode::CREATED, "{name}: {:?}", res.value());
    }
}
