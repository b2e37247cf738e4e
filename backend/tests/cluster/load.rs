//! What a load's clients share: their counters and the flag that stops
//! them.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::env_or;

/// Counters a load shares.
#[derive(Default)]
pub struct Tally {
    pub ok: AtomicU64,
    pub failed: AtomicU64,
    pub server_errors: AtomicU64,
    /// Each answered call's time, in microseconds.
    pub times: Mutex<Vec<u64>>,
}

/// A flag to stop a load, shared by its clients.
pub type Stop = Arc<AtomicBool>;

pub fn stopped(stop: &Stop) -> bool {
    stop.load(Ordering::Relaxed)
}

/// Microseconds since `since`.
pub fn micros(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_micros()).unwrap_or(u64::MAX)
}

/// The pause between kills.
pub fn kill_every() -> Duration {
    Duration::from_millis(env_or("CLUSTER_KILL_EVERY_MS", 2_500))
}
