//! The survey: answered once, by the applicant, after a result.

use axum::http::StatusCode;
use backend::db::entities::{notifications, requests};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, PaginatorTrait, Set};
use serde_json::json;

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_COMPANY};
use crate::helpers::app::TestApp;
use crate::requests::steps::{draft, show};

#[tokio::test]
async fn the_survey_is_answered_once_after_a_result() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = draft(&app, &token, "med-license", "issuance").await;
    let path = format!("/api/requests/{}/survey", d.id);
    let body = json!({ "process": "satisfied", "information": "partially", "lang": "kk" });
    let res = app
        .post(&path)
        .token(&token)
        .json(body.clone())
        .send()
        .await;
    assert_eq!(res.code(), "survey_closed", "no result yet");
    assert!(!show(&app, &token, d.id).await.survey_open);

    // The provider's decision (the review's part), straight in the database.
    let row = requests::Entity::find_by_id(i32::try_from(d.id).expect("id"))
        .one(&app.state.db.read)
        .await
        .expect("db")
        .expect("row");
    let mut active = row.into_active_model();
    active.status = Set("approved".to_owned());
    active.update(&app.state.db.write).await.expect("update");
    assert!(show(&app, &token, d.id).await.survey_open);

    let other = app.login_token(DEMO_COMPANY.0, DEMO_COMPANY.1).await;
    assert_eq!(
        app.post(&path)
            .token(&other)
            .json(body.clone())
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let res = app
        .post(&path)
        .token(&token)
        .json(json!({ "process": "great" }))
        .send()
        .await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "only the three answers"
    );
    // Issue 26, item 3: an empty answer counts nothing, so it is refused by
    // each unanswered question and the survey stays open.
    for (body, unanswered) in [
        (json!({ "lang": "ru" }), vec!["information", "process"]),
        (
            json!({ "process": "satisfied", "lang": "ru" }),
            vec!["information"],
        ),
    ] {
        let res = app.post(&path).token(&token).json(body).send().await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields = res.value()["fields"].clone();
        let named: Vec<&str> = fields
            .as_object()
            .expect("fields")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(named, unanswered);
        for field in unanswered {
            assert_eq!(fields[field][0]["code"], "required");
        }
        assert!(show(&app, &token, d.id).await.survey_open);
    }
    let res = app
        .post(&path)
        .token(&token)
        .json(body.clone())
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.value());
    assert!(!show(&app, &token, d.id).await.survey_open);
    let res = app.post(&path).token(&token).json(body).send().await;
    assert_eq!(res.code(), "survey_closed", "once per request");
    let count = notifications::Entity::find()
        .count(&app.state.db.read)
        .await
        .expect("count");
    assert_eq!(
        count, 0,
        "a direct database change is nobody's notification"
    );
}
