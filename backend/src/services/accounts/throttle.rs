//! Login throttling: failed attempts counted per account and per client
//! address in a sliding window. Past the limit, attempts are refused with the
//! time to wait, before any password is checked.
//!
//! The counters live in memory: one portal process is the unit of scale for
//! the embedded default. Several processes behind a balancer each keep their
//! own (a shared store is the step after that).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Throttle {
    window: Duration,
    entries: Mutex<HashMap<String, VecDeque<Instant>>>,
}

/// Above this many keys, expired ones are swept on the next failure.
const SWEEP_AT: usize = 10_000;

impl Throttle {
    pub fn new(window: Duration) -> Self {
        Throttle {
            window,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        // A panic while holding the lock leaves only counters behind: keep going.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `Err(seconds to wait)` when `key` already has `limit` failures in the window.
    pub fn check(&self, key: &str, limit: u32) -> Result<(), u64> {
        let now = Instant::now();
        let mut map = self.lock();
        let Some(q) = map.get_mut(key) else {
            return Ok(());
        };
        while q
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.window)
        {
            q.pop_front();
        }
        let limit = limit as usize;
        if limit > 0 && q.len() >= limit {
            // Wait until the oldest failure that counts towards the limit leaves the window.
            let oldest = q[q.len() - limit];
            let wait = self.window.saturating_sub(now.duration_since(oldest));
            return Err(wait.as_secs().max(1));
        }
        Ok(())
    }

    pub fn fail(&self, key: &str) {
        let now = Instant::now();
        let mut map = self.lock();
        if map.len() >= SWEEP_AT {
            let window = self.window;
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) < window));
        }
        let q = map.entry(key.to_owned()).or_default();
        q.push_back(now);
        // Keep the queue bounded whatever the limit.
        while q.len() > 1_000 {
            q.pop_front();
        }
    }

    pub fn clear(&self, key: &str) {
        self.lock().remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_the_limit_and_clears() {
        let t = Throttle::new(Duration::from_secs(60));
        for _ in 0..3 {
            assert!(t.check("a", 3).is_ok());
            t.fail("a");
        }
        let wait = t.check("a", 3).expect_err("locked");
        assert!((1..=60).contains(&wait));
        assert!(t.check("b", 3).is_ok());
        t.clear("a");
        assert!(t.check("a", 3).is_ok());
    }

    #[test]
    fn failures_leave_the_window() {
        let t = Throttle::new(Duration::from_millis(30));
        t.fail("a");
        t.fail("a");
        assert!(t.check("a", 2).is_err());
        std::thread::sleep(Duration::from_millis(40));
        assert!(t.check("a", 2).is_ok());
    }
}
