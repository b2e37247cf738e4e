//! Working days past the calendar's listed years (SPEC §3: the due date in
//! working days, Kazakhstan's calendar kept as data): the fixed-date
//! holidays are computed from their rules, the movable ones (Kurban Ait)
//! are not, and a due date in such an unconfirmed year says so to the
//! reviewer.

use backend::db::entities::requests;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use shared::review::ReviewDto;

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::requests::steps::submitted_med_license;

async fn review(app: &TestApp, token: &str, id: i64) -> ReviewDto {
    app.get(&format!("/api/review/requests/{id}"))
        .token(token)
        .send()
        .await
        .json()
}

#[tokio::test]
async fn a_due_date_in_an_unconfirmed_year_says_so_to_the_reviewer() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    // The portal's clock is in the listed years: a plain due date.
    let r = review(&app, &reviewer, sent.id).await;
    assert!(r.due_date.is_some());
    assert!(!r.due_unconfirmed, "{:?}", r.due_date);
    let body = app
        .get(&format!("/api/review/requests/{}", sent.id))
        .token(&reviewer)
        .send()
        .await
        .value();
    assert!(body.get("due_unconfirmed").is_none(), "left out when false");

    // A due date past the listed years (2025–2027 in the data).
    let row = requests::Entity::find_by_id(i32::try_from(sent.id).expect("id"))
        .one(&app.state.db.read)
        .await
        .expect("db")
        .expect("row");
    let mut active = row.into_active_model();
    active.due_date = Set(Some("2029-01-15".to_owned()));
    active.update(&app.state.db.write).await.expect("update");
    let r = review(&app, &reviewer, sent.id).await;
    assert!(r.due_unconfirmed);
    // The fixed-date holidays of that year are counted all the same.
    let cal = &app.state.calendar;
    assert!(!cal.is_confirmed(2029));
    assert!(!cal.is_working_day(shared::calendar::Date::from_ymd(2029, 12, 17).expect("date")));
}
