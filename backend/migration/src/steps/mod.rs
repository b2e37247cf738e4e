//! One file per migration, in the order `Migrator` applies them; each is
//! named by its file (SeaORM's `DeriveMigrationName`), so a file is never
//! renamed once released.

pub mod m20261123_000001_catalog_and_accounts;
pub mod m20261123_000002_signatures;
pub mod m20261123_000003_requests;
pub mod m20261123_000004_journey;
pub mod m20261123_000005_review;
pub mod m20261202_000006_desk;
pub mod m20261202_000007_queue_index;
pub mod m20261207_000008_shared_state;
pub mod m20261207_000009_outbox;
pub mod m20261207_000010_timestamps;
pub mod m20261207_000011_uncollected;
