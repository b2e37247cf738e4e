//! The migrations of November 2026: the first schema.

pub mod m20261123_000001_catalog_and_accounts;
pub mod m20261123_000002_signatures;
pub mod m20261123_000003_requests;
pub mod m20261123_000004_journey;
pub mod m20261123_000005_review;
