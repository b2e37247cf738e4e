//! The portal's health and edges: the health check and security headers,
//! readiness (none while draining),
//! JSON errors for unknown paths and unreadable bodies, SQLite's settings,
//! and a second start on the same database seeding nothing twice.

use axum::http::StatusCode;

use crate::helpers::app::TestApp;

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
async fn a_draining_process_lives_but_is_not_ready() {
    let app = TestApp::new().await;
    let res = app.get("/api/health/ready").send().await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.value()["database"], "ok");
    app.state
        .draining
        .store(true, std::sync::atomic::Ordering::Release);
    let res = app.get("/api/health/ready").send().await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.code(), "unavailable");
    // Alive, and still answering what it is asked.
    assert_eq!(app.get("/api/health").send().await.status, StatusCode::OK);
    assert_eq!(
        app.get("/api/catalog/services").send().await.status,
        StatusCode::OK
    );
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
async fn a_body_that_cannot_be_read_is_a_4xx_not_a_500() {
    let app = TestApp::new().await;
    // Not JSON at all.
    let res = app
        .post("/api/auth/login")
        .header("content-type", "application/json")
        .bytes(b"{\"id_number\":".to_vec())
        .send()
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.code(), "bad_request");
    // JSON, but not the shape asked for.
    let res = app
        .post("/api/auth/login")
        .json(serde_json::json!({ "id_number": 900101300007_u64, "password": "x" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.code(), "bad_request");
    // Not sent as JSON.
    let res = app
        .post("/api/auth/login")
        .bytes(b"{}".to_vec())
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(res.code(), "bad_request");
}

#[tokio::test]
async fn sqlite_runs_in_wal_with_full_sync_and_foreign_keys() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};
    let app = TestApp::new().await;
    if app.state.db.backend() != DbBackend::Sqlite {
        return; // PostgreSQL has no such pragmas.
    }
    for (pragma, expected) in [
        ("journal_mode", "wal"),
        ("synchronous", "2"),
        ("foreign_keys", "1"),
    ] {
        for conn in [&app.state.db.write, &app.state.db.read] {
            let row = conn
                .query_one(Statement::from_string(
                    DbBackend::Sqlite,
                    format!("PRAGMA {pragma}"),
                ))
                .await
                .expect("pragma")
                .expect("row");
            let value: String = row
                .try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
                .expect("value");
            assert_eq!(value.to_lowercase(), expected, "{pragma}");
        }
    }
}

#[tokio::test]
async fn starting_twice_on_the_same_database_seeds_nothing_twice() {
    let app = TestApp::new().await;
    let admin = app
        .login_token(
            crate::helpers::accounts::DEMO_ADMIN.0,
            crate::helpers::accounts::DEMO_ADMIN.1,
        )
        .await;
    let before: Vec<shared::account::UserDto> = app
        .get("/api/admin/users")
        .token(&admin)
        .send()
        .await
        .json();
    backend::demo::accounts::seed(&app.state)
        .await
        .expect("seed again");
    let after: Vec<shared::account::UserDto> = app
        .get("/api/admin/users")
        .token(&admin)
        .send()
        .await
        .json();
    assert_eq!(before, after);
    // The demo people and the PHC organizations' information systems.
    assert_eq!(
        after.len(),
        backend::demo::accounts::ACCOUNTS.len() + backend::demo::accounts::SYSTEMS.len()
    );
}
