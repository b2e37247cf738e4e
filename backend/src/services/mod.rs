//! The portal's behaviour, called by the thin handlers in `controllers`.

pub mod accounts;
pub mod audit;
pub mod catalog;
pub mod clinics;
pub mod demo;
pub mod demo_pki;
pub mod eds_auth;
pub mod files;
pub mod licenses;
pub mod notifications;
pub mod passwords;
pub mod payments;
pub mod registry;
pub mod requests;
pub mod results;
pub mod review;
pub mod sessions;
pub mod signatures;
pub mod stats;
pub mod storage;
pub mod throttle;
pub mod tokens;
pub mod trust;
