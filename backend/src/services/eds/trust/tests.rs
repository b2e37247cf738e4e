//! The deadline and the permits of an ЭЦП check.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::http::StatusCode;
use tokio::sync::Semaphore;

use super::Trust;
use crate::pki::chain::TrustStore;

fn trust(deadline_ms: u64, max_checks: usize) -> Trust {
    let mut trust = Trust::new(TrustStore::default(), Vec::new(), None);
    trust.deadline = Duration::from_millis(deadline_ms);
    trust.checks = Arc::new(Semaphore::new(max_checks));
    trust
}

#[tokio::test]
async fn a_check_within_the_deadline_gives_its_answer() {
    let answer = trust(1_000, 2).bounded(|| 42).await;
    assert_eq!(answer.ok(), Some(42));
}

#[tokio::test]
async fn a_check_past_the_deadline_is_answered_503_and_keeps_its_permit_until_it_ends() {
    let trust = trust(50, 1);
    let ended = Arc::new(AtomicBool::new(false));
    let flag = ended.clone();
    let slow = trust
        .bounded(move || {
            std::thread::sleep(Duration::from_millis(400));
            flag.store(true, Ordering::SeqCst);
        })
        .await;
    let status = slow.err().map(|e| e.status());
    assert_eq!(status, Some(StatusCode::SERVICE_UNAVAILABLE));
    assert!(
        !ended.load(Ordering::SeqCst),
        "answered before the check ended"
    );
    // The only permit is still held by the stuck check: the next one is
    // refused without running.
    let ran = Arc::new(AtomicBool::new(false));
    let flag = ran.clone();
    let next = trust
        .bounded(move || flag.store(true, Ordering::SeqCst))
        .await;
    assert_eq!(
        next.err().map(|e| e.status()),
        Some(StatusCode::SERVICE_UNAVAILABLE)
    );
    assert!(!ran.load(Ordering::SeqCst));
    // Once it ends, checks run again.
    while !ended.load(Ordering::SeqCst) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert_eq!(trust.bounded(|| 7).await.ok(), Some(7));
}

#[tokio::test]
async fn a_check_that_panics_is_an_internal_error() {
    let answer = trust(1_000, 1)
        .bounded(|| -> u8 { panic!("a parser bug") })
        .await;
    assert_eq!(
        answer.err().map(|e| e.status()),
        Some(StatusCode::INTERNAL_SERVER_ERROR)
    );
}
