//! A ЦОН operator enters a company's request, ticks the papers shown,
//! has it paid, signs it with their own key, and the reviewer gets it;
//! another operator sees none of it.

use axum::http::StatusCode;
use serde_json::json;
use shared::account::{AccountKind, Role};
use shared::catalog::Channel;
use shared::desk::DeskRow;
use shared::request::{Application, RequestDto, RequestStatus};
use shared::review::{QueueRow, ReviewDto};

use crate::desk::steps::{issuance, put, registry_organization, show, started};
use crate::helpers::accounts::{DEMO_COMPANY, DEMO_OPERATOR, DEMO_REVIEWER, iin};
use crate::helpers::app::TestApp;
use crate::requests::steps::{pay_directly, pdf, send_signed, start_payment, upload};

const MED_DOCS: [&str; 4] = [
    "diplomas",
    "premises_title",
    "sanitary_opinion",
    "equipment_list",
];

/// Answers and scans of a medical license issuance, entered at a desk.
async fn fill_med_license(app: &TestApp, token: &str, id: i64) {
    let res = put(
        app,
        token,
        &format!("/api/requests/{id}"),
        json!({
            "provider": "mangistau-health",
            "answers": {
                "activity_subtype": "primary_care",
                "premises_address": "Ақтау, 9-шағын аудан, 20",
                "premises_area": "240",
                "staff_count": "14"
            }
        }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    for doc in MED_DOCS {
        let res = upload(app, token, id, doc, &format!("{doc}.pdf"), pdf(10)).await;
        assert_eq!(res.status, StatusCode::CREATED, "{doc}: {:?}", res.value());
    }
}

#[tokio::test]
async fn a_con_operator_enters_a_company_request_signs_it_and_the_reviewer_gets_it() {
    let app = TestApp::new().await;
    let company = registry_organization(0);
    let operator = app.login_token(DEMO_OPERATOR.0, DEMO_OPERATOR.1).await;
    let d = started(
        &app,
        &operator,
        issuance("med-license", "legal_entity", &company.bin),
    )
    .await;
    assert_eq!(d.applicant.tax_id, company.bin);
    assert_eq!(
        d.applicant.name, company.name,
        "named as the registry names it"
    );
    let desk = d.desk.clone().expect("a desk request");
    assert_eq!(desk.channel, Channel::Con);
    assert_eq!(desk.entered_by, "Оспанов Данияр Маратұлы");

    fill_med_license(&app, &operator, d.id).await;
    // Scanned but not ticked as shown on paper: not complete yet (the
    // equipment list is optional).
    let dto: RequestDto = show(&app, &operator, d.id).await.json();
    for doc in &MED_DOCS[..3] {
        assert!(
            dto.problems.contains_key(&format!("paper.{doc}")),
            "{doc}: {:?}",
            dto.problems
        );
    }
    let res = put(
        &app,
        &operator,
        &format!("/api/desk/requests/{}/paper", d.id),
        json!({ "documents": ["diplomas", "no_such_document"] }),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let dto: RequestDto = show(&app, &operator, d.id).await.json();
    assert!(dto.desk.expect("desk").paper.is_empty(), "nothing changed");
    let res = put(
        &app,
        &operator,
        &format!("/api/desk/requests/{}/paper", d.id),
        json!({ "documents": MED_DOCS }),
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let dto: RequestDto = res.json();
    assert!(dto.problems.is_empty(), "{:?}", dto.problems);

    // The fee through the gateway, as on the portal.
    let res = app
        .get(&format!("/api/requests/{}/application", d.id))
        .token(&operator)
        .send()
        .await;
    assert_eq!(res.code(), "payment_required");
    let (_, order) = start_payment(&app, &operator, d.id).await;
    pay_directly(&app, &order).await;

    // The application names the company; the operator signs with their own
    // key — the company's own key is not the operator's.
    let application: Application = app
        .get(&format!("/api/requests/{}/application", d.id))
        .token(&operator)
        .send()
        .await
        .json();
    assert_eq!(application.applicant, company.bin);
    let res = send_signed(&app, &operator, d.id, DEMO_COMPANY.0).await;
    assert_eq!(res.code(), "signature_rejected", "{:?}", res.value());
    let res = send_signed(&app, &operator, d.id, DEMO_OPERATOR.0).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let sent: RequestDto = res.json();
    assert_eq!(sent.status, RequestStatus::Submitted);
    let number = sent.number.clone().expect("a number");
    assert!(sent.due_date.is_some());

    // In the reviewer's queue like any other request.
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let queue: Vec<QueueRow> = app
        .get("/api/review/requests")
        .token(&reviewer)
        .send()
        .await
        .json();
    assert!(
        queue.iter().any(|r| r.number.as_ref() == Some(&number)),
        "{queue:?}"
    );
    // Seed 000 §7 process 6 and §8 process 5: the reviewer checks the
    // Standard's documents of a desk request, so its page shows the channel,
    // the operator who entered it and the papers ticked beside the scans.
    let review: ReviewDto = app
        .get(&format!("/api/review/requests/{}", d.id))
        .token(&reviewer)
        .send()
        .await
        .json();
    let intake = review.desk.expect("the desk part");
    assert_eq!(intake.channel, Channel::Con);
    assert_eq!(intake.entered_by, "Оспанов Данияр Маратұлы");
    assert_eq!(intake.paper, MED_DOCS);
    assert!(
        MED_DOCS
            .iter()
            .all(|doc| review.files.iter().any(|f| f.document == *doc)),
        "each ticked paper has its scan"
    );

    // The desk's list has it; another operator does not see it at all.
    let rows: Vec<DeskRow> = app
        .get("/api/desk/requests")
        .token(&operator)
        .send()
        .await
        .json();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].number.as_ref(), Some(&number));
    assert_eq!(rows[0].applicant.tax_id, company.bin);
    let other = other_operator(&app).await;
    assert_eq!(show(&app, &other, d.id).await.status, StatusCode::NOT_FOUND);
    let rows: Vec<DeskRow> = app
        .get("/api/desk/requests")
        .token(&other)
        .send()
        .await
        .json();
    assert!(rows.is_empty());
    let res = app
        .post(&format!("/api/desk/requests/{}/hand-over", d.id))
        .token(&other)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);

    // The visitor's account was made from the registry; a password
    // registration cannot take it over, the ЭЦП can.
    let res = app
        .post("/api/auth/register")
        .json(json!({
            "kind": "legal_entity", "id_number": company.bin, "name": "Кто-то",
            "phone": "+7 701 000 00 00", "email": "x@example.kz", "password": "a-long-password-2026"
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CONFLICT);
    assert_eq!(res.code(), "register_with_eds");
    let res = app.login(&company.bin, "a-long-password-2026").await;
    assert_eq!(res.code(), "invalid_credentials");
}

/// A second ЦОН operator, logged in.
async fn other_operator(app: &TestApp) -> String {
    let number = iin("880808", 5100);
    backend::services::accounts::account::create(
        &app.state,
        backend::services::accounts::account::NewAccount {
            kind: AccountKind::Individual,
            id_number: number.clone(),
            name: "Екінші Оператор".into(),
            phone: "+77010000000".into(),
            email: "op2@example.kz".into(),
            role: Role::Operator,
            provider_code: None,
            password: shared::password::Password::parse("second-operator-2026").expect("password"),
        },
    )
    .await
    .expect("account");
    app.login_token(&number, "second-operator-2026").await
}
