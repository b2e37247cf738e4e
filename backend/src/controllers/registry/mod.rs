//! The license registry: public lookup, and the licensor's changes (status;
//! branches, representative offices and sites).

pub mod change;
pub mod objects;
pub mod search;
pub mod verify;
