//! The API's integration tests: one binary, a fresh database per test.
//! `cargo xtask test` runs it on SQLite and again on PostgreSQL
//! (`TEST_DATABASE_URL`). `helpers` drives the application; each other
//! folder tests one area, its shared steps in its `steps` module.

mod accounts;
mod desk;
mod helpers;
mod pki;
mod platform;
mod regulations;
mod requests;
mod review;
mod validation;
