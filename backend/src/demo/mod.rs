//! The demo data, seeded by `main` when `--demo` is given (and by the
//! tests that want it): the demo certification center's keystores, then
//! the demo accounts and licenses. Never in production.

pub mod accounts;
pub mod center;
pub mod pki;
