//! Back-pressure on the API: at most `max_in_flight` requests are served at
//! once, at most `max_waiting` more wait for a turn, each for at most
//! `max_wait`. Beyond that the answer comes at once — `503` with the
//! `unavailable` code and `Retry-After` — so a burst (a popular service
//! opening at 15:00) costs the late clients a retry instead of costing the
//! server its memory and every client its latency.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared::ErrorCode;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::Limits;
use crate::error::AppError;

/// The turnstile in front of the API.
#[derive(Debug, Clone)]
pub struct Gate {
    permits: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    limits: Limits,
}

/// Counts a waiter for as long as it waits.
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Gate {
    pub fn new(limits: Limits) -> Gate {
        Gate {
            permits: Arc::new(Semaphore::new(limits.max_in_flight.max(1))),
            waiting: Arc::new(AtomicUsize::new(0)),
            limits,
        }
    }

    /// A turn, now or after a bounded wait; `None` when the server is full.
    async fn enter(&self) -> Option<OwnedSemaphorePermit> {
        if let Ok(permit) = Arc::clone(&self.permits).try_acquire_owned() {
            return Some(permit);
        }
        let before = self.waiting.fetch_add(1, Ordering::AcqRel);
        let _counted = Waiting(&self.waiting);
        if before >= self.limits.max_waiting {
            return None;
        }
        tokio::time::timeout(
            self.limits.max_wait,
            Arc::clone(&self.permits).acquire_owned(),
        )
        .await
        .ok()?
        .ok()
    }

    /// Seconds a refused client should wait before it tries again.
    fn retry_after(&self) -> u64 {
        self.limits.max_wait.as_secs().max(1)
    }
}

/// The middleware: serve within the limits, refuse politely beyond them.
pub async fn limit(State(gate): State<Gate>, req: Request, next: Next) -> Response {
    match gate.enter().await {
        Some(_permit) => next.run(req).await,
        None => {
            tracing::warn!(path = %req.uri().path(), "busy: request refused with 503");
            let mut response =
                AppError::new(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable)
                    .into_response();
            if let Ok(v) = HeaderValue::from_str(&gate.retry_after().to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use axum::Router;
    use axum::body::Body;
    use axum::routing::get;
    use tokio::sync::Notify;
    use tower::ServiceExt;

    use super::*;

    /// A router whose one route waits until `release` is notified.
    fn router(limits: Limits, release: Arc<Notify>) -> Router {
        let gate = Gate::new(limits);
        Router::new()
            .route(
                "/slow",
                get(move || {
                    let release = Arc::clone(&release);
                    async move {
                        release.notified().await;
                        "done"
                    }
                }),
            )
            .route("/fast", get(|| async { "done" }))
            .layer(axum::middleware::from_fn_with_state(gate, limit))
    }

    async fn call(router: &Router, path: &str) -> Response {
        router
            .clone()
            .oneshot(Request::get(path).body(Body::empty()).expect("request"))
            .await
            .expect("infallible")
    }

    #[tokio::test]
    async fn beyond_the_limit_and_the_queue_the_answer_is_503_with_retry_after() {
        let release = Arc::new(Notify::new());
        let r = router(
            Limits {
                max_in_flight: 1,
                max_waiting: 0,
                max_wait: Duration::from_secs(3),
            },
            Arc::clone(&release),
        );
        let busy = tokio::spawn({
            let r = r.clone();
            async move { call(&r, "/slow").await.status() }
        });
        // Let the slow request take the one turn.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let refused = call(&r, "/fast").await;
        assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            refused
                .headers()
                .get(header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok()),
            Some("3")
        );
        release.notify_one();
        assert_eq!(busy.await.expect("joined"), StatusCode::OK);
        // The turn is free again.
        assert_eq!(call(&r, "/fast").await.status(), StatusCode::OK);
    }

    #[tokio::test]
    async fn a_waiter_is_served_when_a_turn_frees_and_refused_when_none_does_in_time() {
        let release = Arc::new(Notify::new());
        let r = router(
            Limits {
                max_in_flight: 1,
                max_waiting: 1,
                max_wait: Duration::from_millis(300),
            },
            Arc::clone(&release),
        );
        let busy = tokio::spawn({
            let r = r.clone();
            async move { call(&r, "/slow").await.status() }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        // Waits, and no turn frees within its time.
        assert_eq!(
            call(&r, "/fast").await.status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        // Waits, and the slow one finishes meanwhile.
        let waiter = tokio::spawn({
            let r = r.clone();
            async move { call(&r, "/fast").await.status() }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        release.notify_one();
        assert_eq!(busy.await.expect("joined"), StatusCode::OK);
        assert_eq!(waiter.await.expect("joined"), StatusCode::OK);
    }
}
