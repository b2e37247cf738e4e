//! Results not collected in time (seed 000 §17: the provider ensures «6)
//! обеспечения сохранности документов, которые получатель … не получил в
//! установленные сроки»): the desk lists the results waiting to be handed
//! over, the longest waiting first, marks those past the retention rule,
//! reminds their applicants — in the app and by letter, with the time
//! recorded — and drops a result once it is handed over, which the
//! request's page then shows with who handed it over.

use axum::http::StatusCode;
use backend::db::entities::{audit_log, notifications, requests};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use shared::desk::UncollectedList;
use shared::request::{RequestDto, RequestStatus};

use crate::desk::steps::{issuance, registry_person, started};
use crate::helpers::accounts::DEMO_OPERATOR;
use crate::helpers::app::TestApp;

/// Provider staff of the first Aktau polyclinic (a demo account).
const DEMO_CLINIC: (&str, &str) = ("950304300129", "demo-clinic-2026");

/// Marks request `id` decided as `status`, `days` ago.
async fn decided(app: &TestApp, id: i64, status: RequestStatus, days: i64) {
    let row = requests::Entity::find_by_id(i32::try_from(id).expect("id"))
        .one(&app.state.db.read)
        .await
        .expect("db")
        .expect("row");
    let mut active = row.into_active_model();
    active.status = Set(status.code().to_owned());
    active.decided_at = Set(Some((Utc::now() - Duration::days(days)).into()));
    active.update(&app.state.db.write).await.expect("update");
}

async fn waiting(app: &TestApp, token: &str) -> UncollectedList {
    let res = app.get("/api/desk/uncollected").token(token).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    res.json()
}

#[tokio::test]
async fn results_waiting_at_the_desk_are_listed_by_age_reminded_and_handed_over() {
    let app = TestApp::new().await;
    let staff = app.login_token(DEMO_CLINIC.0, DEMO_CLINIC.1).await;
    let entry = |n| issuance("phc-attachment", "individual", &registry_person(n).iin);
    let (old, fresh, open) = (
        started(&app, &staff, entry(3)).await,
        started(&app, &staff, entry(4)).await,
        started(&app, &staff, entry(5)).await,
    );
    decided(&app, fresh.id, RequestStatus::Refused, 2).await;
    decided(&app, old.id, RequestStatus::Approved, 40).await;

    // The longest waiting first; the one past 30 days marked for the archive;
    // a request without a result is not listed.
    let list = waiting(&app, &staff).await;
    assert_eq!(list.retention_days, 30);
    let ids: Vec<i64> = list.rows.iter().map(|r| r.id).collect();
    assert_eq!(ids, [old.id, fresh.id]);
    assert_eq!(list.rows[0].waiting_days, 40);
    assert!(list.rows[0].past_retention);
    assert_eq!(list.rows[1].waiting_days, 2);
    assert!(!list.rows[1].past_retention);
    assert!(list.rows.iter().all(|r| r.reminded_at.is_none()));
    // Another desk sees none of them.
    let operator = app.login_token(DEMO_OPERATOR.0, DEMO_OPERATOR.1).await;
    assert!(waiting(&app, &operator).await.rows.is_empty());
    let remind = |id: i64| format!("/api/desk/requests/{id}/remind");
    assert_eq!(
        app.post(&remind(old.id))
            .token(&operator)
            .send()
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // A reminder: recorded, told to the applicant in the app, audited.
    let owner = requests::Entity::find_by_id(i32::try_from(old.id).expect("id"))
        .one(&app.state.db.read)
        .await
        .expect("db")
        .expect("row")
        .user_id;
    let before = notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(owner))
        .all(&app.state.db.read)
        .await
        .expect("db")
        .len();
    let res = app.post(&remind(old.id)).token(&staff).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let after = notifications::Entity::find()
        .filter(notifications::Column::UserId.eq(owner))
        .all(&app.state.db.read)
        .await
        .expect("db");
    assert_eq!(after.len(), before + 1);
    assert_eq!(after.last().map(|n| n.status.as_str()), Some("approved"));
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("result_reminder"))
        .all(&app.state.db.read)
        .await
        .expect("db");
    assert_eq!(audited.len(), 1);
    assert!(waiting(&app, &staff).await.rows[0].reminded_at.is_some());
    // No result yet: nothing to remind of.
    let res = app.post(&remind(open.id)).token(&staff).send().await;
    assert_eq!(res.code(), "no_result_yet");

    // Handed over: off the list, refused a reminder, and on its page with
    // who handed it over.
    let hand_over = format!("/api/desk/requests/{}/hand-over", old.id);
    let res = app.post(&hand_over).token(&staff).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let dto: RequestDto = res.json();
    let desk = dto.desk.expect("desk");
    assert!(desk.handed_over_at.is_some());
    assert!(desk.handed_over_by.is_some_and(|n| !n.is_empty()));
    let ids: Vec<i64> = waiting(&app, &staff)
        .await
        .rows
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, [fresh.id]);
    let res = app.post(&remind(old.id)).token(&staff).send().await;
    assert_eq!(res.code(), "already_handed_over");
}
