//! The portal's behaviour, grouped by area, called by the thin handlers in
//! `controllers`. Every area builds on `core`; adapters to outside systems
//! live beside, in `crate::adapters`.

pub mod accounts;
pub mod automation;
pub mod catalog;
pub mod core;
pub mod desk;
pub mod eds;
pub mod inquiries;
pub mod payments;
pub mod registry;
pub mod requests;
pub mod review;
pub mod stats;
pub mod validation;
