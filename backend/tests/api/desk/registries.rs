//! The state registries answer with the visitor, say the data cannot be
//! obtained, or, not answering in time, have their own message.

use std::time::Duration;

use axum::http::StatusCode;
use backend::config::{RegistryConfig, RegistrySource};
use shared::desk::{DeskRow, PersonRecord, RegistryRecord};

use crate::desk::steps::{issuance, registry_dir, registry_person, start};
use crate::helpers::accounts::{DEMO_COMPANY, DEMO_OPERATOR, iin};
use crate::helpers::app::TestApp;

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
