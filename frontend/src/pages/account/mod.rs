//! The account: signing in (password or ЭЦП), signing up, the cabinet and
//! the notifications.

pub mod cabinet;
mod eds_signer;
mod form;
pub mod login;
pub mod notifications;
pub mod register;
pub mod register_eds;
mod register_kind;
