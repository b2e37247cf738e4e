//! The portal's behaviour, called by the thin handlers in `controllers`.

pub mod accounts;
pub mod catalog;
pub mod clinics;
pub mod demo;
pub mod demo_pki;
pub mod eds_auth;
pub mod files;
pub mod licenses;
pub mod mail;
pub mod notifications;
pub mod passwords;
pub mod payments;
pub mod requests;
pub mod s3;
pub mod sessions;
pub mod signatures;
pub mod smtp;
pub mod storage;
pub mod throttle;
pub mod tls;
pub mod tokens;
pub mod trust;
