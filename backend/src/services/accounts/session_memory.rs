//! The short memory of open sessions: a yes kept for a moment, so a page
//! that calls the API a few times in a row asks the database once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::db::entities::users;

/// Open sessions seen in the last `ttl`, with their account, by (user id,
/// family). Only a yes is kept. Every revocation and every change of an
/// account made through this process forgets that account's entries at
/// once, and a lookup that started before a forgetting is not kept (the
/// epoch), so here a revoked session is refused at the next call; another
/// process serving the same database refuses it within `ttl`.
#[derive(Debug)]
pub struct SessionMemory {
    ttl: Duration,
    /// Moves on every forgetting.
    epoch: AtomicU64,
    entries: Mutex<HashMap<(i32, String), (Instant, users::Model)>>,
}

/// At most this many open sessions are kept; past it the stale ones go,
/// and if none is stale, all of them.
const REMEMBERED_SESSIONS: usize = 16_384;

impl SessionMemory {
    /// Keeps a yes for `ttl`; a zero `ttl` keeps nothing.
    pub fn new(ttl: Duration) -> SessionMemory {
        SessionMemory {
            ttl,
            epoch: AtomicU64::new(0),
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn entries(
        &self,
    ) -> std::sync::MutexGuard<'_, HashMap<(i32, String), (Instant, users::Model)>> {
        // A poisoned lock only means a panic elsewhere while it was held.
        self.entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The account of an open session seen within `ttl`.
    pub fn recall(&self, user_id: i32, family: &str) -> Option<users::Model> {
        if self.ttl.is_zero() {
            return None;
        }
        let entries = self.entries();
        let (seen, user) = entries.get(&(user_id, family.to_owned()))?;
        (seen.elapsed() < self.ttl).then(|| user.clone())
    }

    /// The epoch to hand to [`remember`](Self::remember): read it before
    /// the lookup.
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    /// Keeps an open session found by a lookup that began at `epoch`,
    /// unless something was forgotten since.
    pub fn remember(&self, epoch: u64, family: &str, user: &users::Model) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.entries();
        // Read under the lock that `forget` bumps it under.
        if self.epoch.load(Ordering::Acquire) != epoch {
            return;
        }
        if entries.len() >= REMEMBERED_SESSIONS {
            entries.retain(|_, (seen, _)| seen.elapsed() < self.ttl);
            if entries.len() >= REMEMBERED_SESSIONS {
                entries.clear();
            }
        }
        entries.insert((user.id, family.to_owned()), (Instant::now(), user.clone()));
    }

    /// Forgets every session of `user_id` (call it after the change is
    /// committed).
    pub fn forget_user(&self, user_id: i32) {
        let mut entries = self.entries();
        self.epoch.fetch_add(1, Ordering::AcqRel);
        entries.retain(|(id, _), _| *id != user_id);
    }

    /// Forgets every session (when which account changed is not known).
    pub fn forget_all(&self) {
        let mut entries = self.entries();
        self.epoch.fetch_add(1, Ordering::AcqRel);
        entries.clear();
    }

    /// How many sessions are kept (tests).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries().len()
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;

    fn account(id: i32) -> users::Model {
        let now = Utc::now().into();
        users::Model {
            id,
            kind: "individual".into(),
            id_number: format!("{id:012}"),
            name: "Тест".into(),
            phone: "+77010000000".into(),
            email: "test@example.kz".into(),
            role: "applicant".into(),
            provider_code: None,
            password_hash: String::new(),
            disabled: false,
            created_at: now,
            updated_at: now,
            self_registered: true,
        }
    }

    #[test]
    fn an_open_session_is_recalled_until_its_account_is_forgotten() {
        let memory = SessionMemory::new(Duration::from_secs(60));
        assert!(memory.recall(1, "a").is_none());
        memory.remember(memory.epoch(), "a", &account(1));
        memory.remember(memory.epoch(), "b", &account(2));
        assert_eq!(memory.recall(1, "a").map(|u| u.id), Some(1));
        assert!(
            memory.recall(1, "b").is_none(),
            "the family is the account's own"
        );
        memory.forget_user(1);
        assert!(memory.recall(1, "a").is_none());
        assert_eq!(memory.recall(2, "b").map(|u| u.id), Some(2));
        memory.forget_all();
        assert_eq!(memory.len(), 0);
    }

    #[test]
    fn a_lookup_older_than_a_forgetting_is_not_kept() {
        let memory = SessionMemory::new(Duration::from_secs(60));
        let before = memory.epoch();
        // A revocation commits and forgets while the lookup is on its way.
        memory.forget_user(1);
        memory.remember(before, "a", &account(1));
        assert!(memory.recall(1, "a").is_none());
        memory.remember(memory.epoch(), "a", &account(1));
        assert!(memory.recall(1, "a").is_some());
    }

    #[test]
    fn a_session_is_recalled_only_within_its_time_and_never_with_zero() {
        let memory = SessionMemory::new(Duration::from_millis(20));
        memory.remember(memory.epoch(), "a", &account(1));
        assert!(memory.recall(1, "a").is_some());
        std::thread::sleep(Duration::from_millis(30));
        assert!(memory.recall(1, "a").is_none());

        let off = SessionMemory::new(Duration::ZERO);
        off.remember(off.epoch(), "a", &account(1));
        assert!(off.recall(1, "a").is_none());
        assert_eq!(off.len(), 0);
    }
}
