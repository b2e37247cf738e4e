//! Accounts by id: each user sees their own; administrators see all.

pub mod show;
