//! The reviewer's queue: overdue and soon-due requests found with an
//! injected clock, and pages with and without the due filter.

use shared::calendar::Date;
use shared::review::{DueFilter, QueueQuery, QueueRow};

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::requests::steps::submitted_med_license;

#[tokio::test]
async fn overdue_requests_are_found_with_an_injected_clock() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let due = sent.due_date.expect("due");
    let reviewer =
        backend::services::accounts::account::find_by_number(&app.state, DEMO_REVIEWER.0)
            .await
            .expect("db")
            .expect("user");
    let queue = |today: Date, due_filter: Option<DueFilter>| {
        let app = &app;
        let reviewer = reviewer.clone();
        async move {
            backend::services::review::queue::queue(
                &app.state,
                &reviewer,
                &QueueQuery {
                    due: due_filter,
                    ..Default::default()
                },
                today,
            )
            .await
            .expect("queue")
        }
    };
    assert!(queue(due, Some(DueFilter::Overdue)).await.is_empty());
    assert_eq!(queue(due, Some(DueFilter::Soon)).await.len(), 1);
    let late = app.state.calendar.add_working_days(due, 3);
    let rows = queue(late, Some(DueFilter::Overdue)).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].days_left, Some(-3));
    let early = Date::from_unix_days(due.unix_days() - 30);
    assert!(queue(early, Some(DueFilter::Soon)).await.is_empty());
}

#[tokio::test]
async fn the_queue_is_paged_with_and_without_the_due_filter() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        ids.push(
            submitted_med_license(&app, &applicant, DEMO_APPLICANT.0)
                .await
                .id,
        );
    }
    let token = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let page = |query: &'static str| {
        let (app, token) = (&app, token.clone());
        async move {
            let rows: Vec<QueueRow> = app
                .get(&format!("/api/review/requests?{query}"))
                .token(&token)
                .send()
                .await
                .json();
            rows.into_iter().map(|r| r.id).collect::<Vec<_>>()
        }
    };
    let all = page("").await;
    assert_eq!(all.len(), 3, "{all:?}");
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    let mut seen = all.clone();
    seen.sort_unstable();
    assert_eq!(seen, sorted);
    assert_eq!(page("limit=2").await, all[..2]);
    assert_eq!(page("limit=2&offset=2").await, all[2..]);
    assert!(page("offset=3").await.is_empty());
    // Due in ten working days: soon from nine working days on.
    assert_eq!(page("due=soon&limit=1&offset=1").await, Vec::<i64>::new());
    let soon = |today| {
        let app = &app;
        async move {
            let reviewer =
                backend::services::accounts::account::find_by_number(&app.state, DEMO_REVIEWER.0)
                    .await
                    .expect("db")
                    .expect("user");
            let q = QueueQuery {
                due: Some(DueFilter::Soon),
                limit: Some(1),
                offset: Some(1),
                ..Default::default()
            };
            backend::services::review::queue::queue(&app.state, &reviewer, &q, today)
                .await
                .expect("queue")
                .into_iter()
                .map(|r| r.id)
                .collect::<Vec<_>>()
        }
    };
    let due = app
        .get(&format!("/api/requests/{}", all[0]))
        .token(&applicant)
        .send()
        .await
        .json::<shared::request::RequestDto>()
        .due_date
        .expect("due");
    assert_eq!(soon(due).await, all[1..2]);
}
