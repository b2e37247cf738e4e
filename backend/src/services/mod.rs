//! The portal's behaviour, called by the thin handlers in `controllers`.

pub mod accounts;
pub mod catalog;
pub mod demo;
pub mod demo_pki;
pub mod eds_auth;
pub mod passwords;
pub mod requests;
pub mod sessions;
pub mod signatures;
pub mod throttle;
pub mod tokens;
pub mod trust;
