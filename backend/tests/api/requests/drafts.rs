//! Drafts and «История получения услуг»: saved as the applicant fills them,
//! the author's alone, checked against the catalog form's rules.

use axum::http::{Method, StatusCode};
use serde_json::json;
use shared::request::{RequestDto, RequestStatus, RequestSummary};

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_COMPANY, DEMO_REVIEWER, iin};
use crate::helpers::app::TestApp;

async fn draft(app: &TestApp, token: &str, service: &str, kind: &str) -> RequestDto {
    app.draft(token, service, kind).await
}

#[tokio::test]
async fn a_draft_is_saved_as_it_is_filled_and_reports_what_is_missing() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = draft(&app, &token, "med-license", "issuance").await;
    assert_eq!(d.status, RequestStatus::Draft);
    assert_eq!(d.history.len(), 1);
    assert!(d.number.is_none());
    // Two licensing bodies: the applicant chooses; every required field is missing.
    for key in [
        "provider",
        "activity_subtype",
        "premises_address",
        "premises_area",
        "staff_count",
    ] {
        assert!(d.problems.contains_key(key), "{key}: {:?}", d.problems);
    }
    assert!(!d.problems.contains_key("original_license_number"));

    // A partial save, with one value that breaks its rule: kept, and reported.
    let path = format!("/api/requests/{}", d.id);
    let res = app
        .call(Method::PUT, &path)
        .token(&token)
        .json(json!({
            "provider": "mangistau-health",
            "answers": { "premises_address": "Ақтау, 14-шағын аудан, 3", "premises_area": "0,5" }
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let saved: RequestDto = res.json();
    assert_eq!(saved.provider.as_deref(), Some("mangistau-health"));
    assert_eq!(saved.answers["premises_area"], "0,5");
    assert_eq!(saved.problems["premises_area"][0].code(), "range");
    assert!(!saved.problems.contains_key("premises_address"));

    // Resumed elsewhere: the same answers come back.
    let again: RequestDto = app.get(&path).token(&token).send().await.json();
    assert_eq!(again.answers, saved.answers);

    // A field the form does not have, or an unknown provider: refused, nothing changed.
    for body in [
        json!({ "answers": { "premises_area": "120", "hidden": "x" } }),
        json!({ "provider": "nowhere", "answers": {} }),
        json!({ "answers": { "premises_address": "x".repeat(10_001) } }),
    ] {
        let res = app
            .call(Method::PUT, &path)
            .token(&token)
            .json(body)
            .send()
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let unchanged: RequestDto = app.get(&path).token(&token).send().await.json();
    assert_eq!(unchanged.answers, saved.answers);

    // Fields only the system sets are ignored.
    let res = app
        .call(Method::PUT, &path)
        .token(&token)
        .json(json!({
            "status": "approved", "number": "KZ-FAKE", "id": 999,
            "answers": {
                "activity_subtype": "primary_care",
                "premises_address": "Ақтау, 14-шағын аудан, 3",
                "premises_area": "120,5",
                "staff_count": "12"
            }
        }))
        .send()
        .await;
    let complete: RequestDto = res.json();
    assert_eq!(complete.status, RequestStatus::Draft);
    assert!(complete.number.is_none());
    assert_eq!(complete.id, d.id);
    // Only the documents are left (the journey's tests attach them).
    assert!(
        complete.problems.keys().all(|k| k.starts_with("doc.")),
        "{:?}",
        complete.problems
    );
}

#[tokio::test]
async fn drafts_are_their_authors_alone() {
    let app = TestApp::new().await;
    let owner = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = draft(&app, &owner, "veterinary", "issuance").await;
    let path = format!("/api/requests/{}", d.id);

    let (session, _) = app
        .register_individual(&iin("950505", 1234), "steppe-wind-2026")
        .await;
    let other = session.access_token;
    assert_eq!(
        app.get(&path).token(&other).send().await.status,
        StatusCode::NOT_FOUND
    );
    let res = app
        .call(Method::PUT, &path)
        .token(&other)
        .json(json!({ "answers": {} }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.call(Method::DELETE, &path)
            .token(&other)
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let theirs: Vec<RequestSummary> = app.get("/api/requests").token(&other).send().await.json();
    assert!(theirs.is_empty());

    // Staff reach only what they work on at a desk: another's draft does
    // not exist for them.
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    assert_eq!(
        app.get(&path).token(&reviewer).send().await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/api/requests").send().await.status,
        StatusCode::UNAUTHORIZED
    );

    // The owner discards it; it is gone.
    assert_eq!(
        app.call(Method::DELETE, &path)
            .token(&owner)
            .send()
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&path).token(&owner).send().await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn who_may_apply_and_for_what_is_checked_before_any_typing() {
    let app = TestApp::new().await;
    let person = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let company = app.login_token(DEMO_COMPANY.0, DEMO_COMPANY.1).await;
    let refuse = |token: String, service: &'static str, kind: &'static str| {
        let app = &app;
        async move {
            app.post("/api/requests")
                .token(&token)
                .json(json!({ "service": service, "request_type": kind }))
                .send()
                .await
        }
    };
    let res = refuse(person.clone(), "grain-warehouse", "issuance").await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(res.code(), "not_eligible");
    let res = refuse(company.clone(), "phc-attachment", "issuance").await;
    assert_eq!(res.code(), "not_eligible");
    let res = refuse(person.clone(), "phc-attachment", "duplicate").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = refuse(person.clone(), "no-such-service", "issuance").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A company may apply for the grain warehouse license; one provider: chosen for it.
    let d = draft(&app, &company, "grain-warehouse", "issuance").await;
    assert!(d.provider.is_some());
    assert!(!d.problems.contains_key("provider"));
}

#[tokio::test]
async fn the_history_lists_the_users_requests_newest_first_with_filters() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let first = draft(&app, &token, "veterinary", "issuance").await;
    let second = draft(&app, &token, "med-license", "duplicate").await;
    let third = draft(&app, &token, "phc-attachment", "issuance").await;
    let all: Vec<RequestSummary> = app.get("/api/requests").token(&token).send().await.json();
    let ids: Vec<i64> = all.iter().map(|r| r.id).collect();
    assert_eq!(ids, vec![third.id, second.id, first.id]);
    let only: Vec<RequestSummary> = app
        .get("/api/requests?service=med-license&status=draft")
        .token(&token)
        .send()
        .await
        .json();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].id, second.id);
    let none: Vec<RequestSummary> = app
        .get("/api/requests?status=approved")
        .token(&token)
        .send()
        .await
        .json();
    assert!(none.is_empty());
    assert_eq!(
        app.get("/api/requests?status=bogus")
            .token(&token)
            .send()
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
}
