//! The account: signing in (password or ЭЦП), signing up, the cabinet and
//! the notifications.

pub mod cabinet;
pub mod login;
pub mod notifications;
pub mod register;
pub mod register_eds;
