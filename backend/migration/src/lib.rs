//! Schema migrations, in SeaORM's DSL so the same code makes the SQLite and
//! the PostgreSQL schema. Applied at start by `backend::db::Db::connect`; `cargo run -p migration -- --help` runs them by hand.

use sea_orm_migration::prelude::*;

mod steps;
use steps::*;

pub use sea_orm_migration::MigratorTrait;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_catalog_and_accounts::Migration),
            Box::new(m20261123_000002_signatures::Migration),
            Box::new(m20261123_000003_requests::Migration),
            Box::new(m20261123_000004_journey::Migration),
            Box::new(m20261123_000005_review::Migration),
            Box::new(m20261202_000006_desk::Migration),
            Box::new(m20261202_000007_queue_index::Migration),
            Box::new(m20261207_000008_shared_state::Migration),
            Box::new(m20261207_000009_outbox::Migration),
            Box::new(m20261207_000010_timestamps::Migration),
            Box::new(m20261207_000011_uncollected::Migration),
            Box::new(m20261208_000012_automation::Migration),
            Box::new(m20261208_000013_inquiries::Migration),
            Box::new(m20261208_000014_license_objects::Migration),
        ]
    }
}
