//! Seed 002 item 3 (seed 001 item 3 in Kazakh): the PHC attachment is
//! «полностью автоматизированная» («толық автоматтандырылған»). The system
//! decides it when its rules hold — the ИИН in ГБД ФЛ, the address in the
//! organization's area (by residence), a free place, no other choice
//! within the year unless after a move: the talon is formed at once and
//! signed by the provider's information-system certificate (role
//! 1.2.398.3.3.4.1.2.6), and the reviewer sees it afterwards. A request the
//! rules cannot decide waits in the queue with the reason.

use axum::http::{Method, StatusCode};
use backend::db::entities::{requests, signatures};
use backend::services::automation::rules;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use shared::request::{ClinicsDto, RequestDto, RequestStatus};
use shared::review::{DecisionStatus, ManualReason, QueueRow, ReviewDto};

use crate::desk::steps::{issuance, put, registry_person, started};
use crate::helpers::accounts::{DEMO_APPLICANT, iin};
use crate::helpers::app::TestApp;
use crate::requests::steps::{draft, pdf, send_signed, submit_signed, upload};

/// Provider staff of the first Aktau polyclinic (a demo account).
const DEMO_CLINIC: (&str, &str) = ("950304300129", "demo-clinic-2026");
/// The information system of the second Aktau polyclinic (demo data).
const POLYCLINIC_2_SYSTEM: &str = "060940010031";

/// The demo citizen's attachment request to `provider` for `reason`, filled.
async fn filled(app: &TestApp, token: &str, provider: &str, reason: &str) -> RequestDto {
    let d = draft(app, token, "phc-attachment", "issuance").await;
    let res = app
        .call(Method::PUT, &format!("/api/requests/{}", d.id))
        .token(token)
        .json(json!({
            "provider": provider,
            "answers": { "residence_address": "Ақтау, 12 ш/а, 5 үй", "reason": reason, "contact_phone": "+7 701 111 22 33", "consent": "true" }
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let res = upload(app, token, d.id, "residence_proof", "address.pdf", pdf(0)).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    d
}

async fn queue_of(app: &TestApp, token: &str, status: &str) -> Vec<QueueRow> {
    let res = app
        .get(&format!("/api/review/requests?status={status}"))
        .token(token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    res.json()
}

#[tokio::test]
async fn an_attachment_whose_rules_hold_is_decided_at_once_and_sealed_by_the_clinics_system() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = filled(&app, &token, "aktau-polyclinic-2", "residence").await;
    let sent = submit_signed(&app, &token, d.id, DEMO_APPLICANT.0).await;

    // Decided by the time the answer comes: the talon, signed.
    assert_eq!(sent.status, RequestStatus::Approved, "{sent:?}");
    let result = sent.result.clone().expect("the talon");
    assert_eq!(result.status, DecisionStatus::Signed);
    assert!(
        result
            .number
            .as_deref()
            .is_some_and(|n| n.starts_with("KZ-P-"))
    );
    let signer = result.signed_by.clone().expect("its signer");
    assert!(signer.contains("№2 емханасы"), "{signer}");
    let statuses: Vec<RequestStatus> = sent.history.iter().map(|e| e.status).collect();
    assert_eq!(
        statuses,
        [
            RequestStatus::Draft,
            RequestStatus::Submitted,
            RequestStatus::Approved
        ]
    );
    // Signed with the provider's information-system certificate, verified
    // and kept as every signature is.
    let seal = signatures::Entity::find()
        .filter(signatures::Column::Purpose.eq("decision"))
        .one(&app.state.db.read)
        .await
        .expect("db")
        .expect("the talon's signature");
    assert_eq!(seal.signer_bin.as_deref(), Some(POLYCLINIC_2_SYSTEM));
    let res = app
        .get(&format!("/api/requests/{}/result/signature", d.id))
        .token(&token)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let cms = res.body.clone();
    let talon = app
        .get(&format!("/api/requests/{}/result", d.id))
        .token(&token)
        .send()
        .await
        .body;
    let report = app
        .state
        .trust
        .verify(
            &cms,
            backend::pki::verify::Expected {
                content: &talon,
                iin: None,
                bin: Some(POLYCLINIC_2_SYSTEM),
                purpose: backend::pki::cert::KeyPurpose::Signing,
            },
            backend::clock::now_secs(),
        )
        .await
        .expect("the seal verifies");
    assert!(
        report
            .signer_roles
            .contains(&backend::pki::cert::HolderRole::InformationSystem),
        "{:?}",
        report.signer_roles
    );
    // The person is attached.
    let clinics: ClinicsDto = app.get("/api/clinics").token(&token).send().await.json();
    assert_eq!(
        clinics.current.map(|c| c.provider).as_deref(),
        Some("aktau-polyclinic-2")
    );

    // Another choice within the year, not after a move: left to a person.
    let again = filled(&app, &token, "aktau-polyclinic-1", "free_choice").await;
    let sent = submit_signed(&app, &token, again.id, DEMO_APPLICANT.0).await;
    assert_eq!(sent.status, RequestStatus::Submitted);
    let staff = app.login_token(DEMO_CLINIC.0, DEMO_CLINIC.1).await;
    let waiting = queue_of(&app, &staff, "submitted").await;
    let row = waiting.iter().find(|r| r.id == again.id).expect("queued");
    assert_eq!(row.manual_reason, Some(ManualReason::ChangedThisYear));
    assert!(row.assignee.is_none());
    let res = app
        .get(&format!("/api/review/requests/{}", again.id))
        .token(&staff)
        .send()
        .await;
    let review: ReviewDto = res.json();
    assert_eq!(review.manual_reason, Some(ManualReason::ChangedThisYear));
    // The system is no colleague to assign to.
    assert!(review.colleagues.iter().all(|c| !c.name.contains("жүйесі")));

    // After a move the limit does not apply: decided by the system.
    let moved = filled(&app, &token, "aktau-polyclinic-3", "moved").await;
    let sent = submit_signed(&app, &token, moved.id, DEMO_APPLICANT.0).await;
    assert_eq!(sent.status, RequestStatus::Approved);
    // Its reviewers see it decided, by the system.
    let theirs = queue_of(&app, &staff, "approved").await;
    assert!(theirs.iter().all(|r| r.id != moved.id), "not theirs");
}

/// Registry person `n`, entered at the first Aktau polyclinic's desk for an
/// attachment by residence, signed by its employee.
async fn entered(app: &TestApp, staff: &str, n: usize) -> RequestDto {
    let person = registry_person(n);
    let d = started(
        app,
        staff,
        issuance("phc-attachment", "individual", &person.iin),
    )
    .await;
    let res = put(
        app,
        staff,
        &format!("/api/requests/{}", d.id),
        json!({
            "provider": "aktau-polyclinic-1",
            "answers": { "residence_address": person.address, "reason": "residence", "contact_phone": "+7 701 111 22 33", "consent": "true" }
        }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let res = upload(app, staff, d.id, "residence_proof", "a.pdf", pdf(0)).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let res = send_signed(app, staff, d.id, DEMO_CLINIC.0).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    res.json::<RequestDto>()
}

/// Seed 002 §7 process 5 with the automation: the clinic's employee signs
/// what they entered, and the system decides it when the rules hold; one
/// they cannot confirm waits for a person with the reason.
#[tokio::test]
async fn desk_attachments_are_decided_or_queued_with_the_reason() {
    let app = TestApp::new().await;
    let staff = app.login_token(DEMO_CLINIC.0, DEMO_CLINIC.1).await;
    // Registered in Aktau: decided, and the employee hands the talon over.
    let aktau = entered(&app, &staff, 15).await;
    assert_eq!(aktau.status, RequestStatus::Approved, "{aktau:?}");
    let res = app
        .post(&format!("/api/desk/requests/{}/hand-over", aktau.id))
        .token(&staff)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let decided = queue_of(&app, &staff, "approved").await;
    let row = decided.iter().find(|r| r.id == aktau.id).expect("listed");
    assert!(
        row.assignee
            .as_ref()
            .is_some_and(|a| a.name.contains("ақпараттық жүйесі")),
        "{row:?}"
    );
    assert!(row.manual_reason.is_none());

    // Registered in Zhanaozen, attaching by residence in Aktau: a person
    // looks.
    let elsewhere = entered(&app, &staff, 1).await;
    assert_eq!(elsewhere.status, RequestStatus::Submitted);
    let waiting = queue_of(&app, &staff, "submitted").await;
    let row = waiting
        .iter()
        .find(|r| r.id == elsewhere.id)
        .expect("queued");
    assert_eq!(row.manual_reason, Some(ManualReason::OutsideServiceArea));

    // Without its seal the system cannot sign: left to a person, unassigned.
    let keystore =
        backend::services::eds::seals::path(&app.state.config.data_dir, "aktau-polyclinic-1");
    std::fs::remove_file(&keystore).expect("the demo seal");
    let unsealed = entered(&app, &staff, 19).await;
    assert_eq!(unsealed.status, RequestStatus::Submitted);
    let row = requests::Entity::find_by_id(i32::try_from(unsealed.id).expect("id"))
        .one(&app.state.db.read)
        .await
        .expect("db")
        .expect("row");
    assert_eq!(row.manual_reason.as_deref(), Some("system_unavailable"));
    assert!(row.assignee_id.is_none());
    let res = app
        .post(&format!("/api/review/requests/{}/take", unsealed.id))
        .token(&staff)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
}

/// The rules alone: an ИИН ГБД ФЛ does not know is not confirmed.
#[tokio::test]
async fn a_person_unknown_to_the_registry_is_left_to_a_reviewer() {
    let app = TestApp::new().await;
    let person = iin("950505", 4100);
    let (session, _) = app.register_individual(&person, "Qwerty-2026-long").await;
    let d = filled(
        &app,
        &session.access_token,
        "aktau-polyclinic-2",
        "free_choice",
    )
    .await;
    let owner = backend::services::accounts::account::find_by_number(&app.state, &person)
        .await
        .expect("db")
        .expect("user");
    let model = requests::Entity::find_by_id(i32::try_from(d.id).expect("id"))
        .one(&app.state.db.read)
        .await
        .expect("db")
        .expect("row");
    let detail =
        backend::services::core::model::service(&app.state, "phc-attachment").expect("service");
    let judged = rules::judge(&app.state, &detail, &owner, &model)
        .await
        .expect("judged");
    assert_eq!(judged, Err(ManualReason::NotInRegistry));
}
