//! What every test uses: the application on a fresh database (`app`),
//! calls and their answers (`call`), the demo accounts and logging in
//! (`accounts`), and the demo center's keys (`keys`).

pub mod accounts;
pub mod app;
pub mod call;
pub mod keys;
