//! The public signature validation service.

pub mod create;
