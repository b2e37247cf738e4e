//! The account: signing in (password or ЭЦП), signing up (`register` with
//! its `register_kind`, `register_eds` with its `eds_signer`), the cabinet
//! and the notifications; `form` is the state the account forms share.

pub mod cabinet;
mod eds_signer;
mod form;
pub mod login;
pub mod notifications;
pub mod register;
pub mod register_eds;
mod register_kind;
