use axum::http::StatusCode;

use crate::helpers::TestApp;

#[tokio::test]
async fn health_checks_the_database_and_sets_security_headers() {
    let app = TestApp::new().await;
    let res = app.get("/api/health").send().await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.value()["database"], "ok");
    let h = &res.headers;
    assert_eq!(h["cache-control"], "no-store");
    assert_eq!(h["x-content-type-options"], "nosniff");
    let csp = h["content-security-policy"].to_str().expect("ascii");
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"),
        "{csp}"
    );
    assert!(h.contains_key("x-request-id"));
}

#[tokio::test]
async fn unknown_api_path_is_a_json_404_with_the_request_id() {
    let app = TestApp::new().await;
    let res = app.get("/api/no-such-thing").send().await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.code(), "not_found");
    let id = res.headers["x-request-id"].to_str().expect("ascii");
    assert_eq!(res.value()["request_id"], id);
}

#[tokio::test]
async fn malformed_json_is_a_400_not_a_500() {
    let app = TestApp::new().await;
    let res = app
        .post("/api/auth/login")
        .json(serde_json::json!(["not", "an", "object"]))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.code(), "bad_request");
}
