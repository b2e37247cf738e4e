//! Accounts and signing in: registration and login by password or ЭЦП,
//! sessions and their refresh tokens, access tokens, password hashing and
//! the failed-login throttle.

pub mod account;
pub mod challenges;
pub mod eds_login;
pub mod passwords;
pub mod recovery;
pub mod session_memory;
pub mod sessions;
pub mod signin;
pub mod throttle;
pub mod tokens;
