//! The portal's server: a thin JSON API under `/api` on axum, persistence
//! through SeaORM (SQLite by default, PostgreSQL for scale), and the built
//! single-page app for every other path. See ARCHITECTURE.md.

pub mod adapters;
pub mod app;
pub mod backpressure;
pub mod clock;
pub mod config;
pub mod controllers;
pub mod db;
pub mod demo;
pub mod error;
pub mod extract;
pub mod gateway;
pub mod headers;
pub mod openapi;
pub mod pdf;
pub mod pki;
pub mod router;
pub mod services;
pub mod spa;
