//! The API's OpenAPI description: served, complete, and true to the routes.

use axum::http::StatusCode;
use serde_json::Value;

use crate::helpers::accounts::DEMO_APPLICANT;
use crate::helpers::app::TestApp;

fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("a path item") {
            out.push((method.to_uppercase(), path.clone(), op));
        }
    }
    out
}

#[tokio::test]
async fn the_description_is_served_and_names_every_operation_once() {
    let app = TestApp::new().await;
    let res = app.get("/api/openapi.json").send().await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers["content-type"], "application/json");
    let doc = res.value();
    assert_eq!(doc["servers"][0]["url"], "/api");
    let ops = operations(&doc);
    let mut ids: Vec<&str> = ops
        .iter()
        .map(|(_, _, op)| op["operationId"].as_str().expect("an operationId"))
        .collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "operationIds are unique");
    for (method, path, op) in &ops {
        let responses = op["responses"].as_object().expect("responses");
        assert!(
            responses.keys().any(|k| k.starts_with('2')),
            "{method} {path} has a success answer"
        );
        for (status, r) in responses {
            assert!(
                r["description"].is_string(),
                "{method} {path} {status} has a description"
            );
        }
        if path.contains('{') {
            assert!(
                op["parameters"].as_array().is_some_and(|p| !p.is_empty()),
                "{method} {path} names its path parameters"
            );
        }
    }
    // Every $ref resolves.
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for piece in text.split("\"#/components/schemas/").skip(1) {
        let name = piece.split('"').next().expect("a name");
        assert!(schemas.contains_key(name), "{name} is described");
    }
    // The catalog's services are the choices of a new request.
    let choices = &doc["components"]["schemas"]["CreateDraft"]["properties"]["service"]["enum"];
    assert!(
        choices
            .as_array()
            .is_some_and(|c| c.iter().any(|v| v == "med-license") && c.len() == 7),
        "{choices}"
    );
    // A request just made leads to the operations on it.
    let links = &doc["paths"]["/requests"]["post"]["responses"]["201"]["links"];
    assert_eq!(
        links["requests_show"]["parameters"]["id"],
        "$response.body#/id"
    );
    assert!(
        links.get("requests_files_download").is_none(),
        "needs a file too"
    );
    // The table of operations, who may call them, and their inputs.
    let table: Vec<String> = ops
        .iter()
        .map(|(method, path, op)| {
            let secured = if op["security"].is_array() {
                " 🔒"
            } else {
                ""
            };
            format!("{method} /api{path}{secured}")
        })
        .collect();
    insta::assert_json_snapshot!(table);
}

#[tokio::test]
async fn each_operation_that_needs_a_token_refuses_a_call_without_one() {
    let app = TestApp::new().await;
    let doc = app.get("/api/openapi.json").send().await.value();
    for (method, path, op) in operations(&doc) {
        if !op["security"].is_array() {
            continue;
        }
        let concrete = path
            .replace("{id}", "1")
            .replace("{file}", "1")
            .replace("{number}", "KZ-L-2023-00000058");
        let method = axum::http::Method::from_bytes(method.as_bytes()).expect("a method");
        let res = app
            .call(method.clone(), &format!("/api{concrete}"))
            .send()
            .await;
        assert_eq!(
            res.status,
            StatusCode::UNAUTHORIZED,
            "{method} {path} without a token"
        );
        assert_eq!(res.code(), "unauthenticated", "{method} {path}");
    }
}

#[tokio::test]
async fn an_identifier_that_does_not_parse_is_a_json_404() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    for path in [
        "/api/requests/abc",
        "/api/requests/99999999999",
        "/api/requests/1/files/x",
    ] {
        let res = app.get(path).token(&token).send().await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(res.code(), "not_found", "{path}");
    }
}

#[tokio::test]
async fn a_nul_character_anywhere_is_refused_not_a_500() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    // PostgreSQL cannot store it; no field takes it.
    let res = app.get("/api/registry?q=KZ%00x").send().await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.code(), "bad_request");
    let res = app.get("/api/catalog/services/med%00license").send().await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    let res = app
        .post("/api/requests")
        .token(&token)
        .json(serde_json::json!({ "service": "med\u{0}license", "request_type": "issuance" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.code(), "bad_request");
    let res = app
        .post("/api/auth/login")
        .json(serde_json::json!({ "id_number": "900101300007", "password": "x", "\u{0}": 1 }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
}
