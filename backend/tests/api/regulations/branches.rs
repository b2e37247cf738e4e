//! Seed 000 §1, item 2: the E-licensing registry holds, beside the
//! licenses, «филиалах, представительствах (объектах, пунктах, участках)
//! лицензиата, осуществляющих лицензируемый вид (подвид) деятельности».
//! The licensor's staff add, change and close them, each an event in the
//! license's history with its actor and reason; anyone reads them on the
//! license's public page.

use axum::http::{Method, StatusCode};
use backend::db::entities::license_events;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use shared::review::RegistryEntry;
use shared::review::objects::ObjectKind;

use crate::helpers::accounts::{DEMO_COMPANY, DEMO_REVIEWER};
use crate::helpers::app::TestApp;
use crate::helpers::call::TestResponse;

/// The demo company's medical license (licensor: the Mangistau health
/// department).
const LICENSE: &str = "KZ-L-2024-00000117";
/// Provider staff of the first Aktau polyclinic: another provider.
const DEMO_CLINIC: (&str, &str) = ("950304300129", "demo-clinic-2026");

async fn add(app: &TestApp, token: &str, body: serde_json::Value) -> TestResponse {
    app.post(&format!("/api/registry/{LICENSE}/objects"))
        .token(token)
        .json(body)
        .send()
        .await
}

#[tokio::test]
async fn the_licensor_keeps_the_licensees_branches_and_sites_in_the_registry() {
    let app = TestApp::new().await;
    let staff = app.login_token(DEMO_REVIEWER.0, DEMO_REVIEWER.1).await;

    // Each field told: a branch needs a branch's БИН (unit 1), not the head
    // office's; a reason is required; a site has no БИН.
    let res = add(&app, &staff, json!({ "kind": "branch", "name": "", "address": "Жаңаөзен, Самал 3", "bin": DEMO_COMPANY.0, "reason": "" })).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &res.value()["fields"];
    assert_eq!(fields["name"][0]["code"], "required");
    assert_eq!(fields["bin"][0]["code"], "bin_unit");
    assert_eq!(fields["reason"][0]["code"], "required");
    let res = add(&app, &staff, json!({ "kind": "site", "name": "Стоматологический кабинет", "address": "Ақтау, 5 ш/а, 12", "bin": "050441000018", "reason": "Новый адрес" })).await;
    assert_eq!(res.value()["fields"]["bin"][0]["code"], "unknown_field");

    let res = add(&app, &staff, json!({ "kind": "branch", "name": "Филиал ТОО «Каспий Мед Сервис» в Жанаозене", "address": "Жаңаөзен, Самал ш/а, 3", "bin": "050441000018", "reason": "Уведомление лицензиата от 01.12.2026" })).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let res = add(&app, &staff, json!({ "kind": "site", "name": "Стоматологический кабинет", "address": "Ақтау, 5 ш/а, 12", "reason": "Уведомление лицензиата" })).await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let entry: RegistryEntry = res.json();
    assert_eq!(entry.objects.len(), 2);
    assert_eq!(entry.objects[0].kind, ObjectKind::Branch);
    assert_eq!(entry.objects[0].bin.as_deref(), Some("050441000018"));
    let site = entry.objects[1].id;

    // Changed and closed, each with its reason.
    let res = app
        .call(Method::PUT, &format!("/api/registry/{LICENSE}/objects/{site}"))
        .token(&staff)
        .json(json!({ "kind": "site", "name": "Стоматологический кабинет", "address": "Ақтау, 6 ш/а, 1", "reason": "Переезд кабинета" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let close = format!("/api/registry/{LICENSE}/objects/{site}/close");
    let res = app
        .post(&close)
        .token(&staff)
        .json(json!({ "reason": " " }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    let res = app
        .post(&close)
        .token(&staff)
        .json(json!({ "reason": "Кабинет закрыт" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let res = app
        .post(&close)
        .token(&staff)
        .json(json!({ "reason": "ещё раз" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "closed already");

    // Anyone reads them on the license's page, with the history.
    let public: RegistryEntry = app
        .get(&format!("/api/registry/{LICENSE}"))
        .send()
        .await
        .json();
    let closed = public.objects.iter().find(|o| o.id == site).expect("kept");
    assert_eq!(closed.address, "Ақтау, 6 ш/а, 1");
    assert!(closed.closed_at.is_some());
    assert!(public.objects[0].closed_at.is_none());
    let events: Vec<&str> = public.history.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(
        events[events.len() - 4..],
        [
            "object_added",
            "object_added",
            "object_changed",
            "object_closed"
        ]
    );
    assert!(
        public
            .history
            .last()
            .and_then(|e| e.reason.as_deref())
            .is_some_and(|r| r.contains("Кабинет закрыт"))
    );
    let actors = license_events::Entity::find()
        .filter(license_events::Column::Status.eq("object_closed"))
        .all(&app.state.db.read)
        .await
        .expect("db");
    assert!(actors.iter().all(|e| e.actor_user_id.is_some()));

    // Another provider's staff, or the licensee, cannot change them.
    let other = app.login_token(DEMO_CLINIC.0, DEMO_CLINIC.1).await;
    let body = json!({ "kind": "site", "name": "x", "address": "y", "reason": "z" });
    assert_eq!(
        add(&app, &other, body.clone()).await.status,
        StatusCode::NOT_FOUND
    );
    let holder = app.login_token(DEMO_COMPANY.0, DEMO_COMPANY.1).await;
    assert_eq!(
        add(&app, &holder, body.clone()).await.status,
        StatusCode::FORBIDDEN
    );

    // A terminated license takes no more.
    let res = app
        .post(&format!("/api/registry/{LICENSE}/status"))
        .token(&staff)
        .json(json!({ "action": "terminate", "reason": "Заявление лицензиата" }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    assert_eq!(
        add(&app, &staff, body).await.code(),
        "license_status_conflict"
    );
}
