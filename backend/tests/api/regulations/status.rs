//! Seeds 000 and 004, §10 (SPEC §4): the applicant may learn the status of
//! a request at the provider or at any ЦОН. A ЦОН operator finds any
//! request by its number plus the applicant's ИИН/БИН, both required; the
//! look-up is in the audit log and in the applicant's access list.

use axum::http::StatusCode;
use backend::db::entities::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use shared::desk::StatusAnswer;
use shared::request::{RequestDto, RequestStatus, ViewKind};

use crate::helpers::accounts::{DEMO_APPLICANT, DEMO_COMPANY, DEMO_OPERATOR, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::helpers::call::TestResponse;
use crate::requests::steps::submitted_med_license;

async fn look_up(app: &TestApp, token: &str, number: &str, id_number: &str) -> TestResponse {
    app.get(&format!(
        "/api/desk/status?number={number}&id_number={id_number}"
    ))
    .token(token)
    .send()
    .await
}

#[tokio::test]
async fn any_con_operator_finds_a_request_by_number_and_iin_and_the_applicant_sees_it() {
    let app = TestApp::new().await;
    let applicant = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    // Made on the portal: no desk ever touched it.
    let sent = submitted_med_license(&app, &applicant, DEMO_APPLICANT.0).await;
    let number = sent.number.clone().expect("a number").to_string();
    let operator = app.login_token(DEMO_OPERATOR.0, DEMO_OPERATOR.1).await;

    // Both are required, each told by its field.
    let res = look_up(&app, &operator, "", "").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &res.value()["fields"];
    assert_eq!(fields["number"][0]["code"], "required", "{:?}", res.value());
    assert_eq!(
        fields["id_number"][0]["code"],
        "required",
        "{:?}",
        res.value()
    );
    let res = look_up(&app, &operator, &number, "").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = look_up(&app, &operator, "42", DEMO_APPLICANT.0).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Another person's ИИН: as if there were no such request.
    let res = look_up(&app, &operator, &number, DEMO_COMPANY.0).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(
        look_up(&app, &applicant, &number, DEMO_APPLICANT.0)
            .await
            .status
            == StatusCode::FORBIDDEN,
        "an operator's tool"
    );
    let reviewer = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;
    assert_eq!(
        look_up(&app, &reviewer, &number, DEMO_APPLICANT.0)
            .await
            .status,
        StatusCode::FORBIDDEN
    );

    let res = look_up(&app, &operator, &number, DEMO_APPLICANT.0).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let answer: StatusAnswer = res.json();
    assert_eq!(answer.number.to_string(), number);
    assert_eq!(answer.status, RequestStatus::Submitted);
    assert_eq!(answer.service, "med-license");
    assert_eq!(answer.due_date, sent.due_date);
    assert!(answer.due_date.is_some());

    // In the audit log: the miss (another ИИН) without the request, the find
    // with it.
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("status_lookup"))
        .all(&app.state.db.read)
        .await
        .expect("audit");
    assert_eq!(entries.len(), 2, "the miss and the find");
    assert!(
        entries
            .iter()
            .any(|e| e.request_id == Some(i32::try_from(sent.id).expect("id")))
    );

    // And in the applicant's access list («Кто открывал запрос»), by the
    // operator's name.
    let dto: RequestDto = app
        .get(&format!("/api/requests/{}", sent.id))
        .token(&applicant)
        .send()
        .await
        .json();
    let lookups: Vec<_> = dto
        .views
        .iter()
        .filter(|v| v.kind == ViewKind::StatusLookup)
        .collect();
    assert_eq!(lookups.len(), 1, "{:?}", dto.views);
    assert_eq!(lookups[0].name, "Оспанов Данияр Маратұлы");
}
