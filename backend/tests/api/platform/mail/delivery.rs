//! Delivery: a busy server is tried again, a refusal is not, STARTTLS
//! demanded of a server without it sends nothing; a server that never
//! answers delays no request.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use backend::config::SmtpTls;
use backend::db::entities::requests;
use sea_orm::EntityTrait;
use shared::request::RequestStatus;

use crate::helpers::accounts::DEMO_APPLICANT;
use crate::helpers::app::TestApp;
use crate::platform::mail::stand_in::{Behaviour, FakeSmtp};
use crate::requests::steps::{complete_med_license, start_payment};

/// A letter about a draft of the demo applicant as if it had been sent.
pub(super) async fn queue_letter(app: &TestApp) {
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = app.draft(&token, "med-license", "issuance").await;
    let mut model = requests::Entity::find_by_id(i32::try_from(d.id).expect("id"))
        .one(&app.state.db.read)
        .await
        .expect("query")
        .expect("the draft");
    model.status = RequestStatus::Submitted.code().to_owned();
    let letter = backend::services::core::notifications::letter(
        &app.state,
        &model,
        RequestStatus::Submitted,
    )
    .expect("the portal sends e-mail");
    app.state
        .mailer
        .queue(&app.state.db.write, &letter)
        .await
        .expect("queued");
    app.state.mailer.wake();
}

#[tokio::test]
async fn a_busy_server_is_tried_again_and_a_refusal_is_not() {
    let mut busy = FakeSmtp::start(Behaviour {
        busy_first: 2,
        ..Behaviour::default()
    })
    .await;
    let app = TestApp::builder()
        .smtp(busy.config(vec![Duration::from_millis(50); 3]))
        .build()
        .await;
    queue_letter(&app).await;
    let letter = busy.next().await;
    assert!(letter.body().contains("Новый статус: Зарегистрирован"));
    assert_eq!(busy.connections.load(Ordering::SeqCst), 3);

    let refusing = FakeSmtp::start(Behaviour {
        refuse: true,
        ..Behaviour::default()
    })
    .await;
    let app = TestApp::builder()
        .smtp(refusing.config(vec![Duration::from_millis(50); 3]))
        .build()
        .await;
    queue_letter(&app).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(refusing.connections.load(Ordering::SeqCst), 1);

    // STARTTLS demanded of a server that does not offer it: no retry, and
    // the password never crosses in the clear.
    let mut plain = FakeSmtp::start(Behaviour::default()).await;
    let mut config = plain.config(vec![Duration::from_millis(50); 3]);
    config.tls = SmtpTls::StartTls;
    let app = TestApp::builder().smtp(config).build().await;
    queue_letter(&app).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(plain.connections.load(Ordering::SeqCst), 1);
    assert!(plain.received.try_recv().is_err());
}

#[tokio::test]
async fn a_mail_server_that_never_answers_delays_no_request() {
    let silent = FakeSmtp::start(Behaviour {
        silent: true,
        ..Behaviour::default()
    })
    .await;
    let app = TestApp::builder()
        .smtp(silent.config(Vec::new()))
        .build()
        .await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = complete_med_license(&app, &token).await;
    let started = Instant::now();
    start_payment(&app, &token, d.id).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // The letter is on its way: the server was reached.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(silent.connections.load(Ordering::SeqCst), 1);
}
