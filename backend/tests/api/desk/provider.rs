//! The PHC clinic's employee enters an attachment at the clinic's desk,
//! certifies it with their own ЭЦП (seed 002 §7, process 5; seed 001 §7 in
//! Kazakh) and hands its result over once.

use axum::http::StatusCode;
use backend::db::entities::{requests, signatures};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::json;
use shared::catalog::Channel;
use shared::desk::DeskRow;
use shared::request::{RequestDto, RequestStatus};
use shared::review::QueueRow;

use crate::desk::steps::{issuance, put, registry_person, show, start, started};
use crate::helpers::accounts::{DEMO_COMPANY, DEMO_OPERATOR, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::requests::steps::{pdf, send_signed, upload};

/// Provider staff of the first Aktau polyclinic (a demo account).
const DEMO_CLINIC: (&str, &str) = ("950304300129", "demo-clinic-2026");

#[tokio::test]
async fn the_clinic_employee_signs_a_desk_phc_attachment_with_their_own_eds() {
    let app = TestApp::new().await;
    let person = registry_person(2);
    let staff = app.login_token(DEMO_CLINIC.0, DEMO_CLINIC.1).await;

    // Only the services their own provider gives, and only by its channels.
    let operator = app.login_token(DEMO_OPERATOR.0, DEMO_OPERATOR.1).await;
    let res = start(
        &app,
        &operator,
        issuance("phc-attachment", "individual", &person.iin),
    )
    .await;
    assert_eq!(res.code(), "channel_not_offered", "no ЦОН channel");
    let res = start(
        &app,
        &staff,
        issuance("med-license", "individual", &person.iin),
    )
    .await;
    assert_eq!(
        res.code(),
        "channel_not_offered",
        "another provider's service"
    );
    let res = start(
        &app,
        &staff,
        issuance("phc-attachment", "legal_entity", DEMO_COMPANY.0),
    )
    .await;
    assert_eq!(res.code(), "not_eligible", "ИИН only");

    let d = started(
        &app,
        &staff,
        issuance("phc-attachment", "individual", &person.iin),
    )
    .await;
    assert_eq!(d.provider.as_deref(), Some("aktau-polyclinic-1"));
    assert_eq!(d.desk.as_ref().map(|x| x.channel), Some(Channel::Provider));
    let register = format!("/api/desk/requests/{}/register", d.id);
    let application = format!("/api/requests/{}/application", d.id);
    let res = app.get(&application).token(&staff).send().await;
    assert_eq!(res.code(), "request_incomplete", "nothing filled yet");
    // The provider is the office's own: another one is refused.
    let res = put(
        &app,
        &staff,
        &format!("/api/requests/{}", d.id),
        json!({ "provider": "aktau-polyclinic-2", "answers": {} }),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = put(
        &app,
        &staff,
        &format!("/api/requests/{}", d.id),
        json!({
            "provider": "aktau-polyclinic-1",
            "answers": { "residence_address": person.address, "reason": "residence", "contact_phone": "+7 701 111 22 33", "consent": "true" }
        }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    // The visitor's current attachment, for the staff member filling it in.
    let res = app
        .get(&format!("/api/clinics?request={}", d.id))
        .token(&staff)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let res = upload(&app, &staff, d.id, "residence_proof", "address.pdf", pdf(0)).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let res = put(
        &app,
        &staff,
        &format!("/api/desk/requests/{}/paper", d.id),
        json!({ "documents": ["residence_proof"] }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());

    // Seed 002 §7 process 5: the clinic's employee certifies the filled
    // form with their own ЭЦП; registering it without one is refused.
    let res = app.post(&register).token(&staff).send().await;
    assert_eq!(res.code(), "desk_signs", "{:?}", res.value());
    // Another provider's reviewer does not even see it.
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    assert_eq!(
        show(&app, &reviewer, d.id).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&application).token(&reviewer).send().await.status,
        StatusCode::NOT_FOUND
    );
    // Verified as every signature is: another person's key is not the
    // employee's.
    let res = send_signed(&app, &staff, d.id, DEMO_OPERATOR.0).await;
    assert_eq!(res.code(), "signature_rejected", "{:?}", res.value());
    let res = send_signed(&app, &staff, d.id, DEMO_CLINIC.0).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let sent: RequestDto = res.json();
    assert_eq!(sent.status, RequestStatus::Submitted);
    let number = sent.number.clone().expect("a number");
    let signature = signatures::Entity::find()
        .all(&app.state.db.read)
        .await
        .expect("db")
        .into_iter()
        .find(|s| s.subject.as_deref() == Some(number.to_string().as_str()))
        .expect("the request's signature is kept");
    assert_eq!(signature.signer_iin.as_deref(), Some(DEMO_CLINIC.0));
    assert_eq!(signature.purpose, "request");

    // It waits in the polyclinic's queue.
    let queue: Vec<QueueRow> = app
        .get("/api/review/requests")
        .token(&staff)
        .send()
        .await
        .json();
    assert!(queue.iter().any(|r| r.id == d.id), "{queue:?}");

    // No result yet: nothing to hand over. Once there is one: handed over once.
    let hand_over = format!("/api/desk/requests/{}/hand-over", d.id);
    let res = app.post(&hand_over).token(&staff).send().await;
    assert_eq!(res.code(), "no_result_yet");
    let row = requests::Entity::find_by_id(i32::try_from(d.id).expect("id"))
        .one(&app.state.db.read)
        .await
        .expect("db")
        .expect("row");
    let mut active = row.into_active_model();
    active.status = Set(RequestStatus::Approved.code().to_owned());
    active.update(&app.state.db.write).await.expect("update");
    let res = app.post(&hand_over).token(&staff).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let dto: RequestDto = res.json();
    assert!(dto.desk.expect("desk").handed_over_at.is_some());
    let res = app.post(&hand_over).token(&staff).send().await;
    assert_eq!(res.code(), "already_handed_over");
    let rows: Vec<DeskRow> = app
        .get("/api/desk/requests")
        .token(&staff)
        .send()
        .await
        .json();
    assert!(rows.iter().any(|r| r.id == d.id && r.handed_over));
}
