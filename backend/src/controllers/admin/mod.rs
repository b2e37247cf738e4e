//! Administration: accounts.

pub mod users;
