//! HTTP handlers, one file per resource and verb: extract, authorize, call a
//! service, answer with a DTO from `shared`.

pub mod admin;
pub mod auth;
pub mod catalog;
pub mod clinics;
pub mod desk;
pub mod download;
pub mod health;
pub mod licenses;
pub mod me;
pub mod notifications;
pub mod payments;
pub mod pki;
pub mod registry;
pub mod requests;
pub mod review;
pub mod stats;
pub mod users;
pub mod validation;
