//! Accounts: registration and sessions with a password, registration and
//! login with the ЭЦП, the login throttle, access tokens, roles.

mod access;
mod account_rules;
mod eds_login;
mod eds_registration;
mod processes;
mod recovery;
mod registration;
mod sessions;
pub mod steps;
mod throttle;
mod tokens;
