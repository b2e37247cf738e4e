//! The public signature validation service.

pub mod create;
pub mod pdf;
