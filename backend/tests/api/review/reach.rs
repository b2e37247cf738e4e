//! Reviewers see only their provider's requests, one assigned to a
//! colleague is not theirs to decide, and applicants reach none of it.

use axum::http::{Method, StatusCode};
use backend::services::accounts::account::{self as accounts, NewAccount};
use serde_json::json;
use shared::account::{AccountKind, Role};
use shared::password::Password;
use shared::review::{QueueRow, RegistryEntry};

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_COMPANY, DEMO_REVIEWER, iin};
use crate::helpers::app::TestApp;
use crate::requests::steps::submitted_med_license;

/// A reviewer account of `provider`, and its token.
async fn reviewer(app: &TestApp, provider: &str, serial: u32) -> (i32, String) {
    let number = iin("880808", serial);
    let user = accounts::create(
        &app.state,
        NewAccount {
            kind: AccountKind::Individual,
            id_number: number.clone(),
            name: format!("Reviewer {serial}"),
            phone: "+77010000000".into(),
            email: "r@example.kz".into(),
            role: Role::Reviewer,
            provider_code: Some(provider.into()),
            password: Password::parse("Reviewer-pass-2026").expect("password"),
        },
    )
    .await
    .expect("account");
    (
        user.id,
        app.login_token(&number, "Reviewer-pass-2026").await,
    )
}

#[tokio::test]
async fn reviewers_see_only_their_providers_requests_and_applicants_none() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let (_, stranger) = reviewer(&app, "almaty-region-health", 5100).await;
    let (colleague_id, colleague) = reviewer(&app, "mangistau-health", 5200).await;
    let queue: Vec<QueueRow> = app
        .get("/api/review/requests")
        .token(&stranger)
        .send()
        .await
        .json();
    assert!(queue.is_empty());
    let file = sent.files[0].id;
    for (method, path, body) in [
        (
            Method::GET,
            format!("/api/review/requests/{}", sent.id),
            None,
        ),
        (
            Method::POST,
            format!("/api/review/requests/{}/take", sent.id),
            None,
        ),
        (
            Method::POST,
            format!("/api/review/requests/{}/assign", sent.id),
            Some(json!({ "user": colleague_id })),
        ),
        (
            Method::POST,
            format!("/api/review/requests/{}/decision", sent.id),
            Some(json!({ "outcome": "refuse", "checklist": [], "reasons": "x" })),
        ),
        (
            Method::GET,
            format!("/api/requests/{}/files/{file}", sent.id),
            None,
        ),
        (
            Method::GET,
            format!("/api/requests/{}/result", sent.id),
            None,
        ),
    ] {
        let mut call = app.call(method.clone(), &path).token(&stranger);
        if let Some(b) = body {
            call = call.json(b);
        }
        let res = call.send().await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{method} {path}");
    }
    // The owner sees that the result is not there yet.
    for path in ["result", "result/signature"] {
        let res = app
            .get(&format!("/api/requests/{}/{path}", sent.id))
            .token(&applicant)
            .send()
            .await;
        assert_eq!(
            (res.status, res.code().as_str()),
            (StatusCode::CONFLICT, "no_result_yet"),
            "{path}"
        );
    }
    assert_eq!(
        app.post("/api/review/next")
            .token(&stranger)
            .send()
            .await
            .code(),
        "queue_empty"
    );
    // The applicant reaches no reviewer endpoint.
    for (method, path) in [
        (Method::GET, "/api/review/requests".to_owned()),
        (Method::POST, "/api/review/next".to_owned()),
        (Method::GET, format!("/api/review/requests/{}", sent.id)),
        (
            Method::POST,
            format!("/api/review/requests/{}/take", sent.id),
        ),
    ] {
        let res = app.call(method, &path).token(&applicant).send().await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}");
    }
    // Assigned to a colleague: the demo reviewer may not decide it.
    let demo = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let res = app
        .post(&format!("/api/review/requests/{}/assign", sent.id))
        .token(&demo)
        .json(json!({ "user": colleague_id }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.post(&format!("/api/review/requests/{}/take", sent.id))
            .token(&demo)
            .send()
            .await
            .code(),
        "assigned_to_other"
    );
    let res = app
        .post(&format!("/api/review/requests/{}/decision", sent.id))
        .token(&demo)
        .json(json!({ "outcome": "refuse", "checklist": [], "reasons": "x" }))
        .send()
        .await;
    assert_eq!(res.code(), "assigned_to_other");
    let res = app
        .post(&format!("/api/review/requests/{}/release", sent.id))
        .token(&colleague)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    // A БИН holder's licenses are public by БИН; an individual's ИИН finds nothing.
    let by_bin: Vec<RegistryEntry> = app
        .get(&format!("/api/registry?q={}", DEMO_COMPANY.0))
        .send()
        .await
        .json();
    assert_eq!(by_bin.len(), 1);
    let by_iin: Vec<RegistryEntry> = app
        .get(&format!("/api/registry?q={}", DEMO_APPLICANT.0))
        .send()
        .await
        .json();
    assert!(by_iin.is_empty());
}
