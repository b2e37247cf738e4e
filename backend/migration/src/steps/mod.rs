//! One file per migration, in the order `Migrator` applies them, in a
//! folder per month; each is named by its file (SeaORM's
//! `DeriveMigrationName`), so a file is never renamed once released.

mod y2026_11;
mod y2026_12;

pub use y2026_11::*;
pub use y2026_12::*;
