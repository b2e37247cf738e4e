//! The app's page for a path names the files of that path's page and the
//! texts of the browser's language, so a phone fetches them beside the
//! main module (issue 26: a passport reached from a search engine is the
//! first load that matters); a path of no page gets the texts' hints only;
//! the files themselves are served as they are.

use axum::http::StatusCode;

use crate::helpers::app::TestApp;

const INDEX: &str = "<!doctype html><html lang=ru><head><title>E-gov</title>\
<link crossorigin href=/pkg/frontend.js rel=modulepreload></head><body></body></html>";

fn built_app() -> tempfile::TempDir {
    let dist = tempfile::tempdir().expect("a folder");
    std::fs::create_dir_all(dist.path().join("pkg")).expect("pkg");
    std::fs::write(dist.path().join("index.html"), INDEX).expect("index");
    std::fs::write(
        dist.path().join("pkg/routes.json"),
        r#"{"service":["split___service_route_view_1.wasm","chunk_7.wasm"],"verify":["split___verify_route_view_1.wasm"]}"#,
    )
    .expect("routes");
    std::fs::write(dist.path().join("pkg/chunk_7.wasm"), b"\0asm\x01\0\0\0").expect("chunk");
    dist
}

fn text(body: &[u8]) -> String {
    String::from_utf8(body.to_vec()).expect("utf-8")
}

fn texts_hint(path: &str) -> String {
    format!("<link as=fetch crossorigin href={path} rel=preload type=application/json>")
}

#[tokio::test]
async fn a_pages_files_are_named_in_the_page_served_for_its_path() {
    let dist = built_app();
    let app = TestApp::builder()
        .dist(dist.path().to_path_buf())
        .build()
        .await;

    let res = app
        .get("/services/med-license")
        .header("accept-language", "kk-KZ,kk;q=0.9,ru;q=0.8")
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers["content-type"], "text/html; charset=utf-8");
    let page = text(&res.body);
    for file in ["split___service_route_view_1.wasm", "chunk_7.wasm"] {
        let hint = format!(
            "<link as=fetch crossorigin href=/pkg/{file} rel=preload type=application/wasm>"
        );
        assert!(page.contains(&hint), "{page}");
    }
    assert!(page.find("chunk_7.wasm") < page.find("</head>"), "{page}");
    for texts in ["/locales/kk.json", "/locales/pages/kk.json"] {
        assert!(page.contains(&texts_hint(texts)), "{page}");
    }
    assert!(!page.contains("/locales/ru"), "{page}");
    assert!(!page.contains("verify_route"), "{page}");

    let verify = text(&app.get("/verify/KZ-L-2026-000001").send().await.body);
    assert!(
        verify.contains("/pkg/split___verify_route_view_1.wasm"),
        "{verify}"
    );
    assert!(!verify.contains("chunk_7"), "{verify}");

    // The catalog is in the main module and needs the first part of the
    // texts only; a page the manifest does not list, or no page at all,
    // gets the texts' hints alone. No language asked: the app's default.
    let head = INDEX.find("</head>").expect("a head");
    let with = |hints: String| format!("{}{hints}{}", &INDEX[..head], &INDEX[head..]);
    let res = app.get("/").send().await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(text(&res.body), with(texts_hint("/locales/ru.json")));
    for path in ["/login", "/no/such/page"] {
        let res = app
            .get(path)
            .header("accept-language", "en-US,en;q=0.9")
            .send()
            .await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        let hints = texts_hint("/locales/en.json") + &texts_hint("/locales/pages/en.json");
        assert_eq!(text(&res.body), with(hints), "{path}");
    }

    let res = app.get("/pkg/chunk_7.wasm").send().await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, b"\0asm\x01\0\0\0");
}
