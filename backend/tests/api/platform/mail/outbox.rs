//! The durable outbox (issue 28 item 1): a letter is written in the
//! transaction of its change, or not at all; a letter a draining process
//! leaves is sent by another; letters queued while several processes send
//! each go out once; no SMTP server, no letters kept; settled letters
//! swept after their time, pending ones never.

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;
use std::time::Duration;

use backend::adapters::mail::Letter;
use backend::adapters::mail::outbox::LetterState;
use backend::db::entities::{mail_outbox, users};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait,
};

use crate::helpers::accounts::DEMO_APPLICANT;
use crate::helpers::app::TestApp;
use crate::platform::mail::delivery::queue_letter;
use crate::platform::mail::stand_in::{Behaviour, FakeSmtp};
use crate::requests::steps::{complete_med_license, start_payment};

async fn rows(app: &TestApp) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .all(&app.state.db.read)
        .await
        .expect("the outbox")
}

/// A letter to the demo applicant with `subject`.
async fn letter(app: &TestApp, subject: String) -> Letter {
    let user = users::Entity::find()
        .filter(users::Column::IdNumber.eq(DEMO_APPLICANT.0))
        .one(&app.state.db.read)
        .await
        .expect("query")
        .expect("the demo applicant");
    Letter {
        user_id: user.id,
        request_id: None,
        subject,
        body: "Сәлеметсіз бе!\n\nЗдравствуйте!\n".to_owned(),
    }
}

#[tokio::test]
async fn a_letter_is_kept_only_with_the_change_it_tells_of() {
    let smtp = FakeSmtp::start(Behaviour::default()).await;
    let app = TestApp::builder()
        .smtp(smtp.config(vec![Duration::from_millis(50)]))
        .build()
        .await;
    let l = letter(&app, "rolled back".to_owned()).await;
    let txn = app.state.db.write.begin().await.expect("begin");
    app.state.mailer.queue(&txn, &l).await.expect("queued");
    txn.rollback().await.expect("rollback");
    assert!(
        rows(&app).await.is_empty(),
        "a rolled-back change leaves no letter"
    );
    assert_eq!(smtp.connections.load(Ordering::SeqCst), 0);

    // Without an SMTP server a status change keeps no letter.
    let quiet = TestApp::new().await;
    let token = quiet.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = complete_med_license(&quiet, &token).await;
    start_payment(&quiet, &token, d.id).await;
    let count = mail_outbox::Entity::find()
        .count(&quiet.state.db.read)
        .await
        .expect("count");
    assert_eq!(count, 0);
}

#[tokio::test]
async fn a_letter_a_draining_process_leaves_is_sent_by_another() {
    // The first attempt meets a busy server; the retry is due 300 ms later.
    let mut smtp = FakeSmtp::start(Behaviour {
        busy_first: 1,
        ..Behaviour::default()
    })
    .await;
    let first = TestApp::builder()
        .smtp(smtp.config(vec![Duration::from_millis(300)]))
        .build()
        .await;
    queue_letter(&first).await;
    for _ in 0..100 {
        if smtp.connections.load(Ordering::SeqCst) == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    first.state.mailer.drain(Duration::from_secs(5)).await;
    let [row] = rows(&first).await.try_into().expect("one letter");
    assert_eq!(LetterState::of(&row).expect("state"), LetterState::Pending);
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.is_some());

    let second = first.another_process().await;
    let received = smtp.next().await;
    assert!(received.body().contains("Новый статус: Зарегистрирован"));
    assert_eq!(smtp.connections.load(Ordering::SeqCst), 2);
    assert!(smtp.nothing_within(Duration::from_millis(600)).await);
    let [row] = rows(&second).await.try_into().expect("one letter");
    assert_eq!(LetterState::of(&row).expect("state"), LetterState::Sent);
    assert_eq!(row.attempts, 2);
    assert!(row.done_ms.is_some());
    assert_eq!(row.body, "", "a letter sent is not kept");
    assert!(
        received
            .header("Message-ID")
            .starts_with(&format!("<outbox-{}.", row.id)),
        "{}",
        received.header("Message-ID")
    );
}

#[tokio::test]
async fn letters_queued_while_three_processes_send_go_out_once_each() {
    let mut smtp = FakeSmtp::start(Behaviour::default()).await;
    let first = TestApp::builder()
        .smtp(smtp.config(vec![Duration::from_millis(50)]))
        .build()
        .await;
    let others = [first.another_process().await, first.another_process().await];
    const LETTERS: usize = 30;
    for i in 0..LETTERS {
        let app = if i % 3 == 0 {
            &first
        } else {
            &others[i % 3 - 1]
        };
        let l = letter(app, format!("Letter {i:02}")).await;
        app.state
            .mailer
            .queue(&app.state.db.write, &l)
            .await
            .expect("queued");
        app.state.mailer.wake();
    }
    let mut subjects = BTreeSet::new();
    for _ in 0..LETTERS {
        let subject = smtp.next().await.subject();
        assert!(subjects.insert(subject.clone()), "{subject} twice");
    }
    assert!(smtp.nothing_within(Duration::from_secs(1)).await);
    let all = rows(&first).await;
    assert_eq!(all.len(), LETTERS);
    for row in all {
        assert_eq!(LetterState::of(&row).expect("state"), LetterState::Sent);
        assert_eq!(row.attempts, 1, "{}", row.subject);
    }
}

#[tokio::test]
async fn settled_letters_are_swept_after_their_time_and_pending_ones_never() {
    let smtp = FakeSmtp::start(Behaviour::default()).await;
    let app = TestApp::builder()
        .smtp(smtp.config(vec![Duration::from_millis(50)]))
        .build()
        .await;
    let user = letter(&app, String::new()).await.user_id;
    let now = backend::adapters::mail::outbox::now_ms();
    let day = 24 * 60 * 60 * 1000;
    for (subject, state, done) in [
        ("old sent", LetterState::Sent, Some(now - 100 * day)),
        ("old given up", LetterState::GivenUp, Some(now - 100 * day)),
        ("recent sent", LetterState::Sent, Some(now - day)),
        // Never settled: kept, however old (the sender has not claimed it
        // while it waits for its next attempt).
        ("old pending", LetterState::Pending, None),
    ] {
        mail_outbox::ActiveModel {
            user_id: Set(user),
            request_id: Set(None),
            subject: Set(subject.to_owned()),
            body: Set(String::new()),
            state: Set(state.code().to_owned()),
            attempts: Set(1),
            due_ms: Set(now + 100 * day),
            claimed_until_ms: Set(None),
            created_ms: Set(now - 101 * day),
            done_ms: Set(done),
            last_error: Set(None),
            ..Default::default()
        }
        .insert(&app.state.db.write)
        .await
        .expect("a row");
    }
    let swept = backend::adapters::mail::outbox::sweep(&app.state.db.write, now - 90 * day)
        .await
        .expect("sweep");
    assert_eq!(swept, 2);
    let mut left: Vec<String> = rows(&app).await.into_iter().map(|r| r.subject).collect();
    left.sort();
    assert_eq!(left, ["old pending", "recent sent"]);
}
