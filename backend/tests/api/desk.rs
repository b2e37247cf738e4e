//! The desk channels: a ЦОН operator and provider staff enter requests for
//! visitors found in the state registries; only those roles reach the desk,
//! each only what they entered (or their provider's office did); a registry
//! that does not know the number or does not answer in time has its own
//! answer; the visitor later claims the account with the ЭЦП.

use std::path::PathBuf;
use std::time::Duration;

use axum::http::{Method, StatusCode};
use backend::clock::now_secs;
use backend::config::{RegistryConfig, RegistrySource};
use backend::db::entities::requests;
use backend::demo::pki::Center;
use backend::demo::pki::KEYSTORE_PASSWORD;
use backend::demo::pki::KeyKind;
use backend::pki::ca::Holder;
use backend::pki::cert::{HolderRole, KeyPurpose};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::json;
use shared::account::{AccountKind, Role, SessionDto};
use shared::catalog::Channel;
use shared::desk::{DeskRow, OrganizationRecord, PersonRecord, RegistryRecord};
use shared::request::{Application, RequestDto, RequestStatus, RequestSummary};
use shared::review::QueueRow;

use crate::helpers::{
    DEMO_ADMIN, DEMO_APPLICANT, DEMO_COMPANY, DEMO_OPERATOR, DEMO_REVIEWER, TestApp, TestResponse,
    iin, sign_bytes,
};
use crate::journey::{pay_directly, pdf, send_signed, start_payment, upload};

/// Provider staff of the first Aktau polyclinic (a demo account).
const DEMO_CLINIC: (&str, &str) = ("950304300129", "demo-clinic-2026");
const MED_DOCS: [&str; 4] = [
    "diplomas",
    "premises_title",
    "sanitary_opinion",
    "equipment_list",
];

fn registry_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/registry")
}

/// A person of the demo registry who has no account (the demo accounts
/// come first in the file).
fn registry_person(n: usize) -> PersonRecord {
    let bytes = std::fs::read(registry_dir().join("persons.json")).expect("persons");
    let all: Vec<PersonRecord> = serde_json::from_slice(&bytes).expect("json");
    all.into_iter()
        .filter(|p| p.birth_date.ymd().0 < 2000)
        .nth(10 + n)
        .expect("enough people")
}

/// An organization of the demo registry other than the demo company.
fn registry_organization(n: usize) -> OrganizationRecord {
    let bytes = std::fs::read(registry_dir().join("organizations.json")).expect("organizations");
    let all: Vec<OrganizationRecord> = serde_json::from_slice(&bytes).expect("json");
    all.into_iter()
        .filter(|o| o.bin != DEMO_COMPANY.0)
        .nth(n)
        .expect("enough organizations")
}

/// The body that starts an issuance of `service` for the visitor `number`.
fn issuance(service: &str, kind: &str, number: &str) -> serde_json::Value {
    json!({ "service": service, "request_type": "issuance", "kind": kind, "id_number": number })
}

async fn start(app: &TestApp, token: &str, body: serde_json::Value) -> TestResponse {
    app.post("/api/desk/requests")
        .token(token)
        .json(body)
        .send()
        .await
}

async fn started(app: &TestApp, token: &str, body: serde_json::Value) -> RequestDto {
    let res = start(app, token, body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    res.json()
}

async fn put(app: &TestApp, token: &str, path: &str, body: serde_json::Value) -> TestResponse {
    app.call(Method::PUT, path)
        .token(token)
        .json(body)
        .send()
        .await
}

async fn show(app: &TestApp, token: &str, id: i64) -> TestResponse {
    app.get(&format!("/api/requests/{id}"))
        .token(token)
        .send()
        .await
}

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
async fn only_operators_and_provider_staff_reach_the_desk() {
    let app = TestApp::new().await;
    let visitor = registry_person(0);
    let operator = app.login_token(DEMO_OPERATOR.0, DEMO_OPERATOR.1).await;
    let d = started(
        &app,
        &operator,
        issuance("med-license", "individual", &visitor.iin),
    )
    .await;
    let lookup = format!(
        "/api/desk/registry?kind=individual&id_number={}",
        visitor.iin
    );
    let calls: Vec<(Method, String, Option<serde_json::Value>)> = vec![
        (Method::GET, lookup.clone(), None),
        (Method::GET, "/api/desk/requests".into(), None),
        (
            Method::POST,
            "/api/desk/requests".into(),
            Some(issuance("med-license", "individual", &visitor.iin)),
        ),
        (
            Method::PUT,
            format!("/api/desk/requests/{}/paper", d.id),
            Some(json!({ "documents": [] })),
        ),
        (
            Method::POST,
            format!("/api/desk/requests/{}/register", d.id),
            None,
        ),
        (
            Method::POST,
            format!("/api/desk/requests/{}/hand-over", d.id),
            None,
        ),
    ];
    for (who, (number, password)) in [("applicant", DEMO_APPLICANT), ("admin", DEMO_ADMIN)] {
        let token = app.login_token(number, password).await;
        for (method, path, body) in &calls {
            let mut call = app.call(method.clone(), path).token(&token);
            if let Some(b) = body {
                call = call.json(b.clone());
            }
            let res = call.send().await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{who} {method} {path}");
        }
        // Nor the request itself, through the applicant's endpoints.
        let res = show(&app, &token, d.id).await;
        assert!(
            matches!(res.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
            "{who}: {}",
            res.status
        );
    }
    for (method, path, _) in &calls {
        let res = app.call(method.clone(), path).send().await;
        assert_eq!(
            res.status,
            StatusCode::UNAUTHORIZED,
            "anonymous {method} {path}"
        );
    }
    // The desk roles do.
    let res = app.get(&lookup).token(&operator).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let staff = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    let res = app.get(&lookup).token(&staff).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
}

#[tokio::test]
async fn the_registries_answer_with_the_visitor_or_say_the_data_cannot_be_obtained() {
    let app = TestApp::new().await;
    let operator = app.login_token(DEMO_OPERATOR.0, DEMO_OPERATOR.1).await;
    let res = app
        .get(&format!(
            "/api/desk/registry?kind=legal_entity&id_number={}",
            DEMO_COMPANY.0
        ))
        .token(&operator)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let RegistryRecord::Organization(company) = res.json() else {
        panic!("an organization");
    };
    assert_eq!(company.name, "ТОО «Каспий Мед Сервис»");
    assert_eq!(company.head.iin, "770707300002");

    let person = registry_person(1);
    let res = app
        .get(&format!(
            "/api/desk/registry?kind=individual&id_number={}",
            person.iin
        ))
        .token(&operator)
        .send()
        .await;
    let RegistryRecord::Person(found) = res.json() else {
        panic!("a person");
    };
    assert_eq!(found, person);

    // A valid ИИН the registry does not know: process 5.
    let unknown = iin("010101", 7000);
    let res = app
        .get(&format!(
            "/api/desk/registry?kind=individual&id_number={unknown}"
        ))
        .token(&operator)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.code(), "registry_not_found");
    // An invalid number: the field's own message, no lookup.
    let res = app
        .get("/api/desk/registry?kind=individual&id_number=900101300008")
        .token(&operator)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.value()["fields"]["id_number"].is_array(),
        "{:?}",
        res.value()
    );
    // A БИН asked as an ИИН is not a valid ИИН.
    let res = app
        .get(&format!(
            "/api/desk/registry?kind=individual&id_number={}",
            DEMO_COMPANY.0
        ))
        .token(&operator)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Starting a request for an unknown visitor: refused, nothing made.
    let res = start(
        &app,
        &operator,
        issuance("med-license", "individual", &unknown),
    )
    .await;
    assert_eq!(res.code(), "registry_not_found");
    assert!(
        backend::services::accounts::account::find_by_number(&app.state, &unknown)
            .await
            .expect("db")
            .is_none()
    );
    let rows: Vec<DeskRow> = app
        .get("/api/desk/requests")
        .token(&operator)
        .send()
        .await
        .json();
    assert!(rows.is_empty());
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

#[tokio::test]
async fn provider_staff_register_a_phc_attachment_without_a_signature() {
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
    let res = app.post(&register).token(&staff).send().await;
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

    // Staff do not sign: the signing endpoint is not theirs.
    let res = send_signed(&app, &staff, d.id, DEMO_CLINIC.0).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{:?}", res.value());
    // Another provider's reviewer does not even see it.
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    assert_eq!(
        show(&app, &reviewer, d.id).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(&register).token(&reviewer).send().await.status,
        StatusCode::NOT_FOUND
    );

    let res = app.post(&register).token(&staff).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let sent: RequestDto = res.json();
    assert_eq!(sent.status, RequestStatus::Submitted);
    assert!(sent.number.is_some());
    let res = app.post(&register).token(&staff).send().await;
    assert_eq!(res.code(), "not_editable", "once");

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

#[tokio::test]
async fn the_visitor_claims_the_desk_account_by_registering_with_the_eds() {
    let app = TestApp::new().await;
    let person = registry_person(3);
    let operator = app.login_token(DEMO_OPERATOR.0, DEMO_OPERATOR.1).await;
    let d = started(
        &app,
        &operator,
        issuance("med-license", "individual", &person.iin),
    )
    .await;

    let config = &app.state.config;
    let center = Center::open(&config.data_dir, &config.public_url, now_secs()).expect("center");
    let auth = config.data_dir.join("visitor-auth.p12");
    center
        .issue(
            &Holder {
                iin: person.iin.clone(),
                surname: person.surname.clone(),
                given_name: person.given_name.clone(),
                roles: vec![HolderRole::Individual],
                ..Holder::default()
            },
            KeyPurpose::Authentication,
            KeyKind::P256,
            KEYSTORE_PASSWORD,
            &auth,
            now_secs(),
        )
        .expect("issue");
    let challenge = |purpose: &'static str| {
        let app = &app;
        async move {
            let res = app
                .post("/api/auth/eds/challenge")
                .json(json!({ "purpose": purpose }))
                .send()
                .await;
            res.json::<shared::eds::Challenge>()
        }
    };
    // Not theirs until they register: the ЭЦП login says so.
    let c = challenge("login").await;
    let res = app
        .post("/api/auth/eds/login")
        .json(json!({ "challenge_id": c.id, "cms": sign_bytes(&auth, &c.document.to_signed_bytes()) }))
        .send()
        .await;
    assert_eq!(res.code(), "not_registered");

    let c = challenge("register").await;
    let res = app
        .post("/api/auth/eds/register")
        .json(json!({
            "challenge_id": c.id,
            "cms": sign_bytes(&auth, &c.document.to_signed_bytes()),
            "phone": "+7 701 555 12 34",
            "email": "visitor@example.kz",
            "password": "steppe-wind-2026",
        }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let session: SessionDto = res.json();
    assert_eq!(session.user.id_number, person.iin);
    // The request entered at the ЦОН is in their «История получения услуг».
    let history: Vec<RequestSummary> = app
        .get("/api/requests")
        .token(&session.access_token)
        .send()
        .await
        .json();
    assert!(history.iter().any(|r| r.id == d.id), "{history:?}");
    let mine: RequestDto = show(&app, &session.access_token, d.id).await.json();
    assert_eq!(mine.desk.map(|x| x.channel), Some(Channel::Con));
    // And the password they chose opens it too.
    assert_eq!(
        app.login(&person.iin, "steppe-wind-2026").await.status,
        StatusCode::OK
    );
}

/// A stand-in registry service on a loopback port: a known person, a
/// slow answer, a failure, and "not found" for the rest.
async fn stand_in_registry(known: PersonRecord, slow: String, broken: String) -> String {
    use axum::extract::Path;
    use axum::response::IntoResponse;
    let router = axum::Router::new().route(
        "/fl/{number}",
        axum::routing::get(move |Path(number): Path<String>| {
            let (known, slow, broken) = (known.clone(), slow.clone(), broken.clone());
            async move {
                if number == known.iin {
                    axum::Json(known).into_response()
                } else if number == slow {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    StatusCode::NOT_FOUND.into_response()
                } else if number == broken {
                    (StatusCode::INTERNAL_SERVER_ERROR, "boom").into_response()
                } else {
                    StatusCode::NOT_FOUND.into_response()
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        axum::serve(listener, router).await.expect("serve");
    });
    format!("http://{address}/fl")
}

#[tokio::test]
async fn a_registry_that_does_not_answer_in_time_has_its_own_message() {
    let known = registry_person(4);
    let slow = iin("020202", 6100);
    let broken = iin("030303", 6200);
    let url = stand_in_registry(known.clone(), slow.clone(), broken.clone()).await;
    let app = TestApp::builder()
        .registries(RegistryConfig {
            persons: RegistrySource::Gateway(url),
            organizations: RegistrySource::Embedded(registry_dir()),
            timeout: Duration::from_millis(300),
        })
        .build()
        .await;
    let operator = app.login_token(DEMO_OPERATOR.0, DEMO_OPERATOR.1).await;
    let lookup = |n: &str| format!("/api/desk/registry?kind=individual&id_number={n}");

    let res = app.get(&lookup(&known.iin)).token(&operator).send().await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    assert_eq!(res.json::<RegistryRecord>(), RegistryRecord::Person(known));

    let res = app.get(&lookup(&slow)).token(&operator).send().await;
    assert_eq!(res.status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(res.code(), "registry_unavailable");
    let res = app.get(&lookup(&broken)).token(&operator).send().await;
    assert_eq!(res.status, StatusCode::BAD_GATEWAY);
    assert_eq!(res.code(), "registry_unavailable");
    assert!(
        !String::from_utf8_lossy(&res.body).contains("boom"),
        "the cause stays in the log"
    );
    let res = app
        .get(&lookup(&iin("040404", 6300)))
        .token(&operator)
        .send()
        .await;
    assert_eq!(res.code(), "registry_not_found");

    // A request for a visitor the registry did not answer about: nothing made.
    let res = start(
        &app,
        &operator,
        issuance("med-license", "individual", &slow),
    )
    .await;
    assert_eq!(res.code(), "registry_unavailable");
    let rows: Vec<DeskRow> = app
        .get("/api/desk/requests")
        .token(&operator)
        .send()
        .await
        .json();
    assert!(rows.is_empty());
    // ГБД ЮЛ is its own adapter: still answering from the embedded data.
    let res = app
        .get(&format!(
            "/api/desk/registry?kind=legal_entity&id_number={}",
            DEMO_COMPANY.0
        ))
        .token(&operator)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
}
