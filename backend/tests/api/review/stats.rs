//! The public indicators count surveys, decisions and refusal reasons.

use axum::http::StatusCode;
use serde_json::json;

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::requests::steps::submitted_med_license;
use crate::review::steps::{all_met, decide, heard, take};

#[tokio::test]
async fn the_indicators_count_surveys_decisions_and_refusal_reasons() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let reviewer_token = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let mut first_code = String::new();
    for refuse in [false, true] {
        let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
        let review = take(&app, &reviewer_token, sent.id).await;
        let mut marks = all_met(&review);
        first_code = review.checklist[0].code.clone();
        let outcome = if refuse {
            marks[0]["met"] = json!(false);
            "refuse"
        } else {
            "approve"
        };
        if refuse {
            heard(&app, &reviewer_token, &applicant, sent.id).await;
        }
        let res = decide(
            &app,
            &reviewer_token,
            sent.id,
            json!({ "outcome": outcome, "checklist": marks }),
            DEMO_REVIEWER.0,
        )
        .await;
        assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
        let res = app
            .post(&format!("/api/requests/{}/survey", sent.id))
            .token(&applicant)
            .json(json!({ "process": if refuse { "not_satisfied" } else { "satisfied" }, "information": "partially" }))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT);
    }
    let stats: shared::review::StatsDto = app.get("/api/stats").send().await.json();
    let g = stats
        .groups
        .iter()
        .find(|g| g.service == "med-license" && g.provider == "mangistau-health")
        .expect("a group");
    assert_eq!((g.decided, g.approved, g.refused, g.on_time), (2, 1, 1, 2));
    assert_eq!(g.quality, [1, 0, 1]);
    assert_eq!(g.accessibility, [0, 2, 0]);
    assert_eq!(g.median_days, Some(0.0));
    let reasons: Vec<(&str, u32)> = g
        .refusal_reasons
        .iter()
        .map(|r| (r.code.as_str(), r.count))
        .collect();
    assert_eq!(reasons, vec![(first_code.as_str(), 1)]);
    // Issue 26, item 2: named as the checklist names it, in each language.
    let requirement = &g.refusal_reasons[0].name;
    assert_ne!(requirement.ru, first_code);
    assert!(!requirement.kk.is_empty() && !requirement.en.is_empty());
    assert!(g.service_name.ru.contains("медицинскую деятельность"));
}
