//! Beyond the seeds, as the Administrative Procedure Code and egov.kz do:
//! before a refusal the reviewer sends a preliminary refusal with its
//! reasons; the applicant may answer (text and files) within 2 working
//! days, in the portal; the clock and the answer are in the history; only
//! then is the motivated refusal issued. And a request for missing
//! documents pauses the deadline, which resumes on the answer.

use axum::http::StatusCode;
use backend::db::entities::{inquiries, notifications, requests};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
use serde_json::json;
use shared::calendar::Date;
use shared::request::inquiry::{HEARING_WORKING_DAYS, InquiryKind};
use shared::request::{RequestDto, RequestStatus};
use shared::review::QueueRow;

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::helpers::call::TestResponse;
use crate::requests::steps::{pdf, show, submitted_med_license, upload};
use crate::review::steps::{all_met, decide, review_of, take};

async fn inquire(app: &TestApp, token: &str, id: i64, kind: &str, message: &str) -> TestResponse {
    app.post(&format!("/api/review/requests/{id}/inquiries"))
        .token(token)
        .json(json!({ "kind": kind, "message": message }))
        .send()
        .await
}

async fn answer(app: &TestApp, token: &str, id: i64, text: &str) -> TestResponse {
    app.post(&format!("/api/requests/{id}/answer"))
        .token(token)
        .json(json!({ "text": text }))
        .send()
        .await
}

async fn draft_refusal(app: &TestApp, token: &str, id: i64) -> TestResponse {
    let review = review_of(app, token, id).await;
    let mut marks = all_met(&review);
    marks[0]["met"] = json!(false);
    app.post(&format!("/api/review/requests/{id}/decision"))
        .token(token)
        .json(
            json!({ "outcome": "refuse", "checklist": marks, "reasons": "Площадь меньше нормы." }),
        )
        .send()
        .await
}

/// Moves the inquiry of `request` back in time: asked `days` ago, its
/// answer due the day before today when it has one.
async fn age_inquiry(app: &TestApp, request: i64, days: i64) {
    let row = inquiries::Entity::find()
        .filter(inquiries::Column::RequestId.eq(i32::try_from(request).expect("id")))
        .one(&app.state.db.read)
        .await
        .expect("db")
        .expect("an inquiry");
    let mut active = row.clone().into_active_model();
    active.asked_at = Set((Utc::now() - Duration::days(days)).into());
    if row.answer_due.is_some() {
        active.answer_due = Set(Some(backend::clock::today().add_days(-1).to_string()));
    }
    active.update(&app.state.db.write).await.expect("update");
}

#[tokio::test]
async fn a_refusal_comes_only_after_the_applicant_was_heard() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    take(&app, &reviewer, sent.id).await;

    // No refusal without the hearing; nothing to answer yet.
    assert_eq!(
        draft_refusal(&app, &reviewer, sent.id).await.code(),
        "hearing_required"
    );
    assert_eq!(
        answer(&app, &applicant, sent.id, "?").await.code(),
        "no_open_inquiry"
    );
    // The reasons are required.
    let res = inquire(&app, &reviewer, sent.id, "hearing", "  ").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.value()["fields"]["message"][0]["code"], "required");

    // The preliminary refusal: the status, the reasons in the history, the
    // applicant told, the 2 working days to answer.
    let before = notifications::Entity::find()
        .filter(notifications::Column::Status.eq("hearing"))
        .all(&app.state.db.read)
        .await
        .expect("db")
        .len();
    let res = inquire(
        &app,
        &reviewer,
        sent.id,
        "hearing",
        "Площадь помещения меньше нормы.",
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.value());
    let seen = show(&app, &applicant, sent.id).await;
    assert_eq!(seen.status, RequestStatus::Hearing);
    let last = seen.history.last().expect("an event");
    assert_eq!(last.status, RequestStatus::Hearing);
    assert_eq!(
        last.reason.as_deref(),
        Some("Площадь помещения меньше нормы.")
    );
    let q = seen.inquiries.last().expect("the inquiry");
    assert_eq!(q.kind, InquiryKind::Hearing);
    assert!(q.open);
    assert_eq!(
        q.answer_due,
        Some(
            app.state
                .calendar
                .add_working_days(backend::clock::today(), HEARING_WORKING_DAYS)
        )
    );
    let after = notifications::Entity::find()
        .filter(notifications::Column::Status.eq("hearing"))
        .all(&app.state.db.read)
        .await
        .expect("db")
        .len();
    assert_eq!(after, before + 1);
    // One question at a time; no refusal while the applicant may answer.
    assert_eq!(
        inquire(&app, &reviewer, sent.id, "documents", "x")
            .await
            .code(),
        "inquiry_open"
    );
    assert_eq!(
        draft_refusal(&app, &reviewer, sent.id).await.code(),
        "hearing_open"
    );

    // The objection: a file for it, and the text; nothing at all is refused.
    let res = upload(
        &app,
        &applicant,
        sent.id,
        "answer",
        "возражение.pdf",
        pdf(1),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let res = upload(&app, &applicant, sent.id, "nonsense", "x.pdf", pdf(2)).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = answer(
        &app,
        &applicant,
        sent.id,
        "Не согласен: площадь 120 м², см. план.",
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let answered: RequestDto = res.json();
    assert_eq!(answered.status, RequestStatus::InReview);
    let last = answered.history.last().expect("an event");
    assert!(
        last.reason
            .as_deref()
            .is_some_and(|r| r.contains("площадь 120"))
    );
    let q = answered.inquiries.last().expect("the inquiry");
    assert!(!q.open && q.answered_at.is_some());
    assert_eq!(q.files.len(), 1);
    assert_eq!(
        answer(&app, &applicant, sent.id, "ещё").await.code(),
        "no_open_inquiry"
    );
    // Sent: no more files.
    let res = upload(&app, &applicant, sent.id, "answer", "late.pdf", pdf(3)).await;
    assert_eq!(res.code(), "not_editable");
    // The reviewer reads the answer, then issues the motivated refusal.
    let review = review_of(&app, &reviewer, sent.id).await;
    assert_eq!(review.inquiries.len(), 1);
    assert_eq!(review.inquiries[0].files.len(), 1);
    let mut marks = all_met(&review);
    marks[0]["met"] = json!(false);
    let res = decide(
        &app,
        &reviewer,
        sent.id,
        json!({ "outcome": "refuse", "checklist": marks, "reasons": "Возражение рассмотрено." }),
        DEMO_REVIEWER.0,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    assert_eq!(
        show(&app, &applicant, sent.id).await.status,
        RequestStatus::Refused
    );
}

#[tokio::test]
async fn an_unanswered_hearing_closes_when_its_time_is_up() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    take(&app, &reviewer, sent.id).await;
    let res = inquire(
        &app,
        &reviewer,
        sent.id,
        "hearing",
        "Нет санитарного заключения.",
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    age_inquiry(&app, sent.id, 5).await;
    // Too late to answer; the refusal may now be issued.
    assert_eq!(
        answer(&app, &applicant, sent.id, "Поздно").await.code(),
        "answer_late"
    );
    let res = upload(&app, &applicant, sent.id, "answer", "late.pdf", pdf(1)).await;
    assert_eq!(res.code(), "not_editable");
    let seen = show(&app, &applicant, sent.id).await;
    assert!(!seen.inquiries[0].open);
    let res = draft_refusal(&app, &reviewer, sent.id).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
}

#[tokio::test]
async fn a_request_for_documents_pauses_the_deadline_until_the_answer() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let due = sent.due_date.expect("a due date");
    take(&app, &reviewer, sent.id).await;
    let res = inquire(
        &app,
        &reviewer,
        sent.id,
        "documents",
        "Приложите санитарное заключение.",
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.value());
    // Waiting for the applicant: in the queue, the clock stopped.
    let queue: Vec<QueueRow> = app
        .get("/api/review/requests")
        .token(&reviewer)
        .send()
        .await
        .json();
    let row = queue
        .iter()
        .find(|r| r.id == sent.id)
        .expect("still in the queue");
    assert_eq!(row.status, RequestStatus::AwaitingDocuments);
    assert!(row.days_left.is_none());
    // An answer needs its text or a file.
    let res = answer(&app, &applicant, sent.id, " ").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(res.value()["fields"]["text"][0]["code"], "required");

    // Asked a week ago: the answer today moves the due date on by the
    // working days it waited.
    age_inquiry(&app, sent.id, 7).await;
    let asked = backend::clock::today().add_days(-7);
    let res = upload(
        &app,
        &applicant,
        sent.id,
        "answer",
        "заключение.pdf",
        pdf(4),
    )
    .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let res = answer(&app, &applicant, sent.id, "").await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let answered: RequestDto = res.json();
    assert_eq!(answered.status, RequestStatus::InReview);
    let paused = app
        .state
        .calendar
        .working_days_left(asked, backend::clock::today());
    assert!(paused >= 4, "{paused}");
    let expected = app
        .state
        .calendar
        .add_working_days(due, u16::try_from(paused).expect("days"));
    assert_eq!(answered.due_date, Some(expected));
    let row = requests::Entity::find_by_id(i32::try_from(sent.id).expect("id"))
        .one(&app.state.db.read)
        .await
        .expect("db")
        .expect("row");
    assert_eq!(row.due_date.as_deref().map(Date::parse), Some(Ok(expected)));
}
