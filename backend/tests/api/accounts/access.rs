//! Role and ownership checks.

use axum::http::StatusCode;
use shared::account::{Role, UserDto};

use crate::helpers::accounts::{DEMO_ADMIN, DEMO_APPLICANT, DEMO_OPERATOR, DEMO_REVIEWER};
use crate::helpers::app::TestApp;

#[tokio::test]
async fn demo_accounts_have_their_roles() {
    let app = TestApp::new().await;
    for ((number, password), role) in [
        (DEMO_APPLICANT, Role::Applicant),
        (DEMO_REVIEWER, Role::Reviewer),
        (DEMO_OPERATOR, Role::Operator),
        (DEMO_ADMIN, Role::Admin),
    ] {
        let token = app.login_token(number, password).await;
        let me: UserDto = app.get("/api/me").token(&token).send().await.json();
        assert_eq!(me.role, role);
        assert_eq!(me.provider_code.is_some(), role == Role::Reviewer);
    }
}

#[tokio::test]
async fn only_admins_reach_admin_endpoints() {
    let app = TestApp::new().await;
    for (number, password) in [DEMO_APPLICANT, DEMO_REVIEWER, DEMO_OPERATOR] {
        let token = app.login_token(number, password).await;
        let res = app.get("/api/admin/users").token(&token).send().await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{number}");
        assert_eq!(res.code(), "forbidden");
        assert_eq!(
            app.post("/api/admin/users/1/disable")
                .token(&token)
                .send()
                .await
                .status,
            StatusCode::FORBIDDEN
        );
    }
    let admin = app.login_token(DEMO_ADMIN.0, DEMO_ADMIN.1).await;
    let users: Vec<UserDto> = app
        .get("/api/admin/users")
        .token(&admin)
        .send()
        .await
        .json();
    assert!(users.len() >= 5);
    assert_eq!(
        app.get("/api/admin/users").send().await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_user_reads_only_their_own_account() {
    let app = TestApp::new().await;
    let (alice, _) = app
        .register_individual(
            &crate::helpers::accounts::iin("010203", 50),
            "alice-in-astana",
        )
        .await;
    let (bob, _) = app
        .register_individual(
            &crate::helpers::accounts::iin("020304", 60),
            "bob-in-almaty-ok",
        )
        .await;
    let own = app
        .get(&format!("/api/users/{}", alice.user.id))
        .token(&alice.access_token)
        .send()
        .await;
    assert_eq!(own.status, StatusCode::OK);
    let other = app
        .get(&format!("/api/users/{}", bob.user.id))
        .token(&alice.access_token)
        .send()
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let admin = app.login_token(DEMO_ADMIN.0, DEMO_ADMIN.1).await;
    let by_admin = app
        .get(&format!("/api/users/{}", bob.user.id))
        .token(&admin)
        .send()
        .await;
    assert_eq!(by_admin.status, StatusCode::OK);
    assert_eq!(by_admin.json::<UserDto>().id, bob.user.id);
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_and_logins() {
    let app = TestApp::new().await;
    let number = crate::helpers::accounts::iin("030405", 70);
    let (user, cookie) = app
        .register_individual(&number, "soon-to-be-disabled")
        .await;
    // Used once, the open session is remembered: disabling must end it anyway.
    assert_eq!(
        app.get("/api/me")
            .token(&user.access_token)
            .send()
            .await
            .status,
        StatusCode::OK
    );
    let admin = app.login_token(DEMO_ADMIN.0, DEMO_ADMIN.1).await;
    let res = app
        .post(&format!("/api/admin/users/{}/disable", user.user.id))
        .token(&admin)
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.json::<UserDto>().disabled);

    assert_eq!(
        app.get("/api/me")
            .token(&user.access_token)
            .send()
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.post("/api/auth/refresh")
            .refresh(&cookie)
            .send()
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let login = app.login(&number, "soon-to-be-disabled").await;
    assert_eq!(login.status, StatusCode::FORBIDDEN);
    assert_eq!(login.code(), "account_disabled");
    // A wrong password on a disabled account says nothing about the account.
    assert_eq!(
        app.login(&number, "wrong-password-here").await.code(),
        "invalid_credentials"
    );

    app.post(&format!("/api/admin/users/{}/enable", user.user.id))
        .token(&admin)
        .send()
        .await;
    assert_eq!(
        app.login(&number, "soon-to-be-disabled").await.status,
        StatusCode::OK
    );
}
