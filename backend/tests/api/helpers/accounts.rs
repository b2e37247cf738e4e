//! The demo accounts, valid ИИН, and `TestApp`'s steps of an applicant:
//! registering, logging in, starting a draft.

use axum::http::StatusCode;
use serde_json::json;
use shared::account::SessionDto;

use crate::helpers::app::TestApp;
use crate::helpers::call::TestResponse;

impl TestApp {
    /// Registers an individual with `iin` and gives the session and refresh token.
    pub async fn register_individual(&self, iin: &str, password: &str) -> (SessionDto, String) {
        let res = self
            .post("/api/auth/register")
            .json(json!({
                "kind": "individual", "id_number": iin, "name": "Тест Тестов",
                "phone": "+7 701 000 00 00", "email": "test@example.kz", "password": password
            }))
            .send()
            .await;
        assert_eq!(
            res.status,
            StatusCode::CREATED,
            "{}",
            String::from_utf8_lossy(&res.body)
        );
        let cookie = res.refresh_cookie().expect("refresh cookie");
        (res.json(), cookie)
    }

    pub async fn login(&self, id_number: &str, password: &str) -> TestResponse {
        self.post("/api/auth/login")
            .json(json!({ "id_number": id_number, "password": password }))
            .send()
            .await
    }

    /// Logs a demo account in and gives its access token.
    pub async fn login_token(&self, id_number: &str, password: &str) -> String {
        let res = self.login(id_number, password).await;
        assert_eq!(
            res.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&res.body)
        );
        res.json::<SessionDto>().access_token
    }
}

impl TestApp {
    /// Starts a draft of `service` / `kind` for the holder of `token`.
    pub async fn draft(
        &self,
        token: &str,
        service: &str,
        kind: &str,
    ) -> shared::request::RequestDto {
        let res = self
            .post("/api/requests")
            .token(token)
            .json(json!({ "service": service, "request_type": kind }))
            .send()
            .await;
        assert_eq!(res.status, StatusCode::CREATED, "{:?}", res.value());
        res.json()
    }
}

/// A valid ИИН for a person born on `yymmdd` with serial `serial`.
pub fn iin(yymmdd: &str, serial: u32) -> String {
    (serial..serial + 20)
        .find_map(|s| shared::ids::complete_with_check_digit(&format!("{yymmdd}3{s:04}")))
        .expect("a serial with a check digit")
}

pub const DEMO_APPLICANT: (&str, &str) = ("900101300007", "demo-applicant-2026");
pub const DEMO_COMPANY: (&str, &str) = ("050440000002", "demo-company-2026");
pub const DEMO_REVIEWER: (&str, &str) = ("850615400006", "demo-reviewer-2026");
pub const DEMO_OPERATOR: (&str, &str) = ("920310300007", "demo-operator-2026");
pub const DEMO_ADMIN: (&str, &str) = ("800101300006", "demo-admin-2026");
