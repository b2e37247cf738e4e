//! The license registry: public lookup, and the licensor's status changes.

pub mod change;
pub mod search;
pub mod verify;
