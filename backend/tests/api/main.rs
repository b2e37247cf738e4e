//! The API's integration tests: one binary, a fresh database per test.
//! `cargo xtask test` runs it on SQLite and again on PostgreSQL
//! (`TEST_DATABASE_URL`).

mod access;
mod auth;
mod catalog;
mod desk;
mod eds;
mod health;
mod helpers;
mod journey;
mod mail;
mod openapi;
mod pki;
mod requests;
mod review;
mod s3;
mod signatures;
mod throttle;
mod tokens;
