//! A way back in after a forgotten password (issue 26): a one-time link to
//! the account's e-mail, short-lived, working once, ending every session;
//! the same answer whether or not the account exists; throttled.

use std::time::Duration;

use axum::http::StatusCode;
use serde_json::json;
use shared::account::SessionDto;

use crate::helpers::accounts::{DEMO_APPLICANT, iin};
use crate::helpers::app::TestApp;
use crate::platform::mail::stand_in::{Behaviour, FakeSmtp};

async fn app_with_mail() -> (TestApp, FakeSmtp) {
    let smtp = FakeSmtp::start(Behaviour::default()).await;
    let app = TestApp::builder()
        .smtp(smtp.config(vec![Duration::from_millis(50)]))
        .build()
        .await;
    (app, smtp)
}

async fn ask(app: &TestApp, number: &str) -> crate::helpers::call::TestResponse {
    app.post("/api/auth/recover")
        .json(json!({ "id_number": number, "lang": "ru" }))
        .send()
        .await
}

/// The link's token, from the letter's body.
fn token_in(body: &str) -> String {
    let at = body.find("/recover#").expect("a link") + "/recover#".len();
    body[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect()
}

async fn reset(app: &TestApp, token: &str, password: &str) -> crate::helpers::call::TestResponse {
    app.post("/api/auth/recover/reset")
        .json(json!({ "token": token, "new_password": password }))
        .send()
        .await
}

#[tokio::test]
async fn a_mailed_link_sets_a_new_password_once_and_ends_every_session() {
    let (app, mut smtp) = app_with_mail().await;
    let old = app.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let old_cookie = old.refresh_cookie().expect("a session");
    let res = ask(&app, DEMO_APPLICANT.0).await;
    assert_eq!(res.status, StatusCode::ACCEPTED, "{:?}", res.value());
    let letter = smtp.next().await;
    let body = letter.body();
    // The token is in the fragment, which no request carries to a server.
    assert!(body.contains("http://127.0.0.1/recover#"), "{body}");
    assert!(body.contains("30 минут"), "{body}");
    let token = token_in(&body);

    let weak = reset(&app, &token, "short").await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.value()["fields"]["new_password"].is_array());
    let res = reset(&app, &token, "a-new-steppe-password").await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    assert!(res.refresh_cookie().is_some(), "signed in on this device");
    let _: SessionDto = res.json();

    // The other session is over, the old password too; the new one works.
    let refused = app
        .post("/api/auth/refresh")
        .refresh(&old_cookie)
        .send()
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await.status,
        StatusCode::UNAUTHORIZED
    );
    let again = app.login(DEMO_APPLICANT.0, "a-new-steppe-password").await;
    assert_eq!(again.status, StatusCode::OK);
    // Once only.
    let twice = reset(&app, &token, "yet-another-password").await;
    assert_eq!(twice.code(), "reset_link_invalid");
    assert_eq!(
        reset(&app, "not.a.token", "yet-another-password")
            .await
            .code(),
        "reset_link_invalid"
    );
}

#[tokio::test]
async fn the_answer_is_the_same_whether_or_not_the_account_exists_and_asking_is_throttled() {
    let (app, mut smtp) = app_with_mail().await;
    let known = ask(&app, DEMO_APPLICANT.0).await;
    assert_eq!(known.status, StatusCode::ACCEPTED);
    smtp.next().await;
    let unknown = ask(&app, &iin("010101", 7)).await;
    assert_eq!(unknown.status, known.status);
    assert_eq!(unknown.body, known.body);
    assert!(
        smtp.nothing_within(Duration::from_millis(500)).await,
        "no letter to nobody"
    );
    // Not a number an account could have: said by the field.
    let bad = ask(&app, "12345").await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.value()["fields"]["id_number"][0]["code"], "length");
    // Asked again and again: refused for a while.
    let mut last = StatusCode::ACCEPTED;
    for _ in 0..10 {
        last = ask(&app, DEMO_APPLICANT.0).await.status;
    }
    assert_eq!(last, StatusCode::TOO_MANY_REQUESTS);
}
