//! The signed-in user's own account.

pub mod access;
pub mod password;
pub mod show;
