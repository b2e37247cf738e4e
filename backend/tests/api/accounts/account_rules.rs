//! What an account may not be made of (issue 28): a password holding the
//! account's own ИИН/БИН, phone number or a word of its name, on
//! registration, on a change and on a reset; a name with invisible
//! characters (a right-to-left override, a zero-width space); a name kept in
//! Unicode normal form C.

use axum::http::StatusCode;
use serde_json::json;
use shared::account::SessionDto;

use crate::helpers::accounts::{DEMO_APPLICANT, iin};
use crate::helpers::app::TestApp;
use crate::helpers::call::TestResponse;

async fn register(app: &TestApp, number: &str, name: &str, password: &str) -> TestResponse {
    app.post("/api/auth/register")
        .json(json!({
            "kind": "individual", "id_number": number, "name": name,
            "phone": "+7 (701) 234-56-78", "email": "rules@example.kz", "password": password
        }))
        .send()
        .await
}

fn field_code(res: &TestResponse, field: &str) -> String {
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{:?}",
        res.value()
    );
    res.value()["fields"][field][0]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_password_with_the_own_iin_phone_or_name_is_refused_at_registration() {
    let app = TestApp::new().await;
    let number = iin("920304", 7);
    for password in [
        number.clone(),
        format!("pass-{number}"),
        "87012345678".to_owned(),
        "my-7012345678-phone".to_owned(),
        "Гүлнәр1992!".to_owned(),
        "БЕКМҰРАТҚЫЗЫ-2026".to_owned(),
    ] {
        let res = register(&app, &number, "Бекмұратқызы Гүлнәр", &password).await;
        assert_eq!(
            field_code(&res, "password"),
            "password_personal",
            "{password}"
        );
    }
    let res = register(&app, &number, "Бекмұратқызы Гүлнәр", "steppe-wind-river").await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
}

#[tokio::test]
async fn a_new_password_with_the_own_details_is_refused_on_change() {
    let app = TestApp::new().await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    // The demo applicant is Асқаров Ерлан Серікұлы.
    for new in ["ерлан-2026-пароль", &format!("x{}x", DEMO_APPLICANT.0)] {
        let res = app
            .post("/api/me/password")
            .token(&token)
            .json(json!({ "current_password": DEMO_APPLICANT.1, "new_password": new }))
            .send()
            .await;
        assert_eq!(
            field_code(&res, "new_password"),
            "password_personal",
            "{new}"
        );
    }
    // The old password still works: nothing was changed.
    assert_eq!(
        app.login(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_name_with_a_direction_override_or_a_zero_width_space_is_refused() {
    let app = TestApp::new().await;
    for name in [
        "Иван \u{202E}вортеП",
        "Иван\u{200B} Петров",
        "\u{2067}Иван Петров",
        "Иван Петров\u{FEFF}",
    ] {
        let res = register(&app, &iin("920304", 8), name, "steppe-wind-river").await;
        assert_eq!(field_code(&res, "name"), "invisible", "{name:?}");
    }
}

#[tokio::test]
async fn a_name_is_kept_in_normal_form_c() {
    let app = TestApp::new().await;
    // «й» as «и» and a combining breve, «ё» as «е» and a combining diaeresis.
    let decomposed = "Сергеи\u{0306} Пе\u{0308}тр";
    let res = register(&app, &iin("920304", 9), decomposed, "steppe-wind-river").await;
    assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
    let s: SessionDto = res.json();
    assert_eq!(s.user.name, "Серг\u{0435}\u{0439} П\u{0451}тр");
    assert_eq!(s.user.name, "Сергей Пётр");
}
