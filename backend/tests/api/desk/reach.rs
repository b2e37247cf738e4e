//! Only ЦОН operators and provider staff reach the desk.

use axum::http::{Method, StatusCode};
use serde_json::json;

use crate::desk::steps::{issuance, registry_person, show, started};
use crate::helpers::accounts::{DEMO_ADMIN, DEMO_APPLICANT, DEMO_OPERATOR, DEMO_REVIEWER};
use crate::helpers::app::TestApp;

#[tokio::test]
async fn only_operators_and_provider_staff_reach_the_desk() {
    let app = TestApp::new().await;
    let visitor = registry_person(0);
    let operator = app.login_token(DEMO_OPERATOR.0, DEMO_OPERATOR.1).await;
    let d = started(
        &app,
        &operator,
        issuance("med-license", "individual", &visitor.iin),
    )
    .await;
    let lookup = format!(
        "/api/desk/registry?kind=individual&id_number={}",
        visitor.iin
    );
    let calls: Vec<(Method, String, Option<serde_json::Value>)> = vec![
        (Method::GET, lookup.clone(), None),
        (Method::GET, "/api/desk/requests".into(), None),
        (
            Method::POST,
            "/api/desk/requests".into(),
            Some(issuance("med-license", "individual", &visitor.iin)),
        ),
        (
            Method::PUT,
            format!("/api/desk/requests/{}/paper", d.id),
            Some(json!({ "documents": [] })),
        ),
        (
            Method::POST,
            format!("/api/desk/requests/{}/register", d.id),
            None,
        ),
        (
            Method::POST,
            format!("/api/desk/requests/{}/hand-over", d.id),
            None,
        ),
    ];
    for (who, (number, password)) in [("applicant", DEMO_APPLICANT), ("admin", DEMO_ADMIN)] {
        let token = app.login_token(number, password).await;
        for (method, path, body) in &calls {
            let mut call = app.call(method.clone(), path).token(&token);
            if let Some(b) = body {
                call = call.json(b.clone());
            }
            let res = call.send().await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{who} {method} {path}");
        }
        // Nor the request itself, through the applicant's endpoints.
        let res = show(&app, &token, d.id).await;
        assert!(
            matches!(res.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
            "{who}: {}",
            res.status
        );
    }
    for (method, path, _) in &calls {
        let res = app.call(method.clone(), path).send().await;
        assert_eq!(
            res.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {method} {path}"
        );
    }
    // The desk roles do.
    let res = app.get(&lookup).token(&operator).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let staff = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let res = app.get(&lookup).token(&staff).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
}
