//! The CRL cache: each distribution point's list, fetched again when its
//! `nextUpdate` passes and at least every [`MAX_AGE_SECS`] (the bound on how
//! stale a revocation may be here), a failed fetch keeping the last copy.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::RwLock;

use crate::adapters::crl_fetch::CrlFetcher;
use crate::pki::revocation::crl::Crl;

/// A CRL without `nextUpdate` is fetched again after this long.
const DEFAULT_TTL_SECS: u64 = 3600;
/// A CRL is fetched again after this long even before its `nextUpdate`, so
/// that a revocation reaches the portal within minutes.
const MAX_AGE_SECS: u64 = 300;
/// A failed download is retried no sooner than this.
const RETRY_SECS: u64 = 60;

#[derive(Debug, Clone)]
struct Cached {
    crl: Option<Crl>,
    /// Unix seconds after which to fetch again.
    refresh_at: u64,
}

/// Each distribution point's last CRL and when to fetch it again.
#[derive(Debug)]
pub(super) struct CrlCache {
    cache: RwLock<HashMap<String, Cached>>,
    fetcher: CrlFetcher,
}

impl CrlCache {
    /// `local` is the portal's own `/pki/` address and the folder it serves.
    pub(super) fn new(local: Option<(String, PathBuf)>) -> CrlCache {
        CrlCache {
            cache: RwLock::new(HashMap::new()),
            fetcher: CrlFetcher::new(local),
        }
    }

    /// The CRL published at `url`: from the cache while it is current, else
    /// fetched again and read by `parse` (a failed fetch keeps the previous
    /// copy, which the verifier then finds stale).
    pub(super) async fn crl<F>(&self, url: &str, now: u64, parse: F) -> Option<Crl>
    where
        F: AsyncFnOnce(Vec<u8>) -> Result<Crl, String>,
    {
        let cached = self.cache.read().ok().and_then(|c| c.get(url).cloned());
        if let Some(c) = &cached
            && now < c.refresh_at
        {
            return c.crl.clone();
        }
        let fetched = match self.fetcher.fetch(url).await {
            Ok(bytes) => parse(bytes).await,
            Err(e) => Err(e),
        };
        let entry = match fetched {
            Ok(crl) => {
                let refresh_at = crl
                    .next_update()
                    .unwrap_or(now + DEFAULT_TTL_SECS)
                    .min(now + MAX_AGE_SECS)
                    .max(now + RETRY_SECS);
                Cached {
                    crl: Some(crl),
                    refresh_at,
                }
            }
            Err(e) => {
                tracing::warn!(url, error = %e, "CRL not fetched; keeping the cached copy");
                Cached {
                    crl: cached.and_then(|c| c.crl),
                    refresh_at: now + RETRY_SECS,
                }
            }
        };
        let crl = entry.crl.clone();
        if let Ok(mut cache) = self.cache.write() {
            cache.insert(url.to_owned(), entry);
        }
        crl
    }

    /// Forgets the cached CRLs.
    pub(super) fn forget(&self) {
        if let Ok(mut cache) = self.cache.write() {
            cache.clear();
        }
    }
}
