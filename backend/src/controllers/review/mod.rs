//! The reviewers' dashboard: only reviewers, and only their provider's
//! requests.

pub mod assign;
pub mod decision;
pub mod inquire;
pub mod queue;
pub mod show;
