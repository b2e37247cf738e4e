//! Each status change is mailed to the applicant: recipient, subject and
//! body in Kazakh and Russian, one letter per change.

use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::http::StatusCode;
use backend::db::entities::users;
use backend::pki::cert::KeyPurpose;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use shared::request::{Application, RequestDto};

use crate::helpers::accounts::DEMO_APPLICANT;
use crate::helpers::app::TestApp;
use crate::helpers::keys::{demo_keystore, sign_bytes};
use crate::platform::mail::stand_in::{Behaviour, FakeSmtp, Received};
use crate::requests::steps::{complete_med_license, pay_directly, start_payment};

async fn applicant_email(app: &TestApp) -> String {
    users::Entity::find()
        .filter(users::Column::IdNumber.eq(DEMO_APPLICANT.0))
        .one(&app.state.db.read)
        .await
        .expect("query")
        .expect("the demo applicant")
        .email
}

/// Checks one status letter about request `id`: the service by its name in
/// each language, never its catalog code.
fn check_letter(
    app: &TestApp,
    letter: &Received,
    to: &str,
    id: i64,
    number: &str,
    kk: &str,
    ru: &str,
) {
    assert_eq!(letter.to, vec![format!("<{to}>")]);
    assert_eq!(letter.from, "<noreply@egov.test>");
    assert_eq!(letter.header("To"), to);
    assert_eq!(letter.header("Auto-Submitted"), "auto-generated");
    let subject = format!("Сұрау № {number}: {kk} / Запрос № {number}: {ru}");
    assert_eq!(letter.subject(), subject);
    let name = app
        .state
        .catalog
        .service_name("med-license")
        .expect("the service's name");
    let link = format!("http://127.0.0.1/requests/{id}");
    let body = letter.body();
    for expected in [
        format!("№ {number} сұрауыңыздың мәртебесі өзгерді."),
        format!("Қызмет: {}\r\n", name.get(shared::Lang::Kk)),
        format!("Жаңа мәртебе: {kk}"),
        format!("Статус вашего запроса № {number} изменился."),
        format!("Услуга: {}\r\n", name.get(shared::Lang::Ru)),
        format!("Новый статус: {ru}"),
        format!("{link}\r\n"),
    ] {
        assert!(body.contains(&expected), "{expected:?} in {body}");
    }
    assert!(!body.contains("med-license"), "a catalog code in {body}");
    let html = letter.part("text/html");
    assert!(html.contains(&format!("<a href=\"{link}\">")), "{html}");
    assert!(html.contains(&format!("Новый статус: {ru}")), "{html}");
}

#[tokio::test]
async fn each_status_change_is_mailed_to_the_applicant_in_kazakh_and_russian() {
    let mut smtp = FakeSmtp::start(Behaviour::default()).await;
    let app = TestApp::builder()
        .smtp(smtp.config(vec![Duration::from_millis(50)]))
        .build()
        .await;
    let to = applicant_email(&app).await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = complete_med_license(&app, &token).await;
    // Drafts are not news.
    assert_eq!(smtp.connections.load(Ordering::SeqCst), 0);

    let (_, order) = start_payment(&app, &token, d.id).await;
    let letter = smtp.next().await;
    let id = d.id.to_string();
    check_letter(
        &app,
        &letter,
        &to,
        d.id,
        &id,
        "Төлемді күтуде",
        "Ожидает оплаты",
    );
    let credentials = BASE64
        .decode(letter.auth.as_deref().expect("AUTH PLAIN"))
        .expect("base64");
    assert_eq!(credentials, b"\0portal\0smtp-password");

    pay_directly(&app, &order).await;
    check_letter(
        &app,
        &smtp.next().await,
        &to,
        d.id,
        &id,
        "Қол қоюды күтуде",
        "Ожидает подписания",
    );

    let application: Application = app
        .get(&format!("/api/requests/{}/application", d.id))
        .token(&token)
        .send()
        .await
        .json();
    let cms = sign_bytes(
        &demo_keystore(&app, DEMO_APPLICANT.0, KeyPurpose::Signing),
        &application.to_signed_bytes(),
    );
    let res = app
        .post(&format!("/api/requests/{}/submit", d.id))
        .token(&token)
        .json(json!({ "cms": cms }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let done: RequestDto = res.json();
    let number = done.number.expect("a number");
    check_letter(
        &app,
        &smtp.next().await,
        &to,
        d.id,
        number.as_str(),
        "Тіркелді",
        "Зарегистрирован",
    );
    // One letter per change, all three over one pooled connection.
    assert_eq!(smtp.connections.load(Ordering::SeqCst), 1);
}

/// The body of the next letter whose subject names `status` (the letters
/// before it are of other changes).
async fn letter_on(smtp: &mut FakeSmtp, status: &str) -> String {
    loop {
        let letter = smtp.next().await;
        if letter.subject().contains(status) {
            return letter.body();
        }
    }
}

/// The preliminary refusal's letter carries its reasons and the last day
/// to answer; a request for documents says what to send and that the
/// deadline waits (the hearing, issue 27).
#[tokio::test]
async fn a_preliminary_refusal_is_mailed_with_its_reasons_and_the_last_day() {
    let mut smtp = FakeSmtp::start(Behaviour::default()).await;
    let app = TestApp::builder()
        .smtp(smtp.config(vec![Duration::from_millis(50)]))
        .build()
        .await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let sent = crate::requests::steps::submitted_med_license(&app, &token, DEMO_APPLICANT.0).await;
    let reviewer = app
        .login_token(
            crate::helpers::accounts::DEMO_REVIEWER.0,
            crate::helpers::accounts::DEMO_REVIEWER.1,
        )
        .await;
    crate::review::steps::take(&app, &reviewer, sent.id).await;
    let ask = |kind: &'static str, message: &'static str| {
        let app = &app;
        let reviewer = reviewer.clone();
        async move {
            app.post(&format!("/api/review/requests/{}/inquiries", sent.id))
                .token(&reviewer)
                .json(json!({ "kind": kind, "message": message }))
                .send()
                .await
        }
    };
    let res = ask("hearing", "Площадь помещения меньше нормы.").await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.value());
    let last = app
        .state
        .calendar
        .add_working_days(backend::clock::today(), 2)
        .dotted();
    let body = letter_on(&mut smtp, "Предварительный отказ").await;
    for expected in [
        "Новый статус: Предварительный отказ: заслушивание".to_owned(),
        "Основания: Площадь помещения меньше нормы.".to_owned(),
        format!("Ответить до {last} включительно"),
        format!("Жауап беру мерзімі: {last} қоса алғанда"),
    ] {
        assert!(body.contains(&expected), "{expected:?} in {body}");
    }
    let res = app
        .post(&format!("/api/requests/{}/answer", sent.id))
        .token(&token)
        .json(json!({ "text": "Не согласен." }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let res = ask("documents", "Санитарное заключение.").await;
    assert_eq!(res.status, StatusCode::NO_CONTENT, "{:?}", res.value());
    let body = letter_on(&mut smtp, "Ожидает документов").await;
    assert!(
        body.contains("Необходимо представить: Санитарное заключение.")
            && body.contains("срок оказания услуги приостановлен"),
        "{body}"
    );
}
