//! `cargo xtask crash`: the portal killed under load, again and again;
//! nothing it answered may be lost.

use std::process::Command;

use crate::base::Res;
use crate::portal::cargo_test;
use crate::process;
use crate::tools::postgres::Postgres;
use crate::tools::{self, Tools};

/// Kill rounds of the crash test in `cargo xtask test`.
pub const CI_CRASH_ROUNDS: u32 = 5;

/// The crash test (`backend/tests/crash.rs`) for `rounds` kills, on SQLite or
/// on the PostgreSQL server at `pg`.
pub fn crash_test(tools: &Tools, rounds: u32, pg: Option<&str>) -> Command {
    let mut c = cargo_test(tools, &["--test", "crash"]);
    c.env("CRASH_ROUNDS", rounds.to_string());
    if let Some(url) = pg {
        c.env("CRASH_DATABASE_URL", url);
    }
    c
}

/// `cargo xtask crash`: the full crash test, SQLite then PostgreSQL.
/// `cargo xtask crash`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many times the portal is killed.
    #[arg(long, value_name = "N", default_value_t = 100)]
    rounds: u32,
    /// SQLite only, without the PostgreSQL run.
    #[arg(long)]
    skip_pg: bool,
}

pub fn run(args: &Args) -> Res {
    let &Args { rounds, skip_pg } = args;
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: !skip_pg,
    })?;
    process::run(crash_test(&tools, rounds, None))?;
    if !skip_pg {
        let pg = Postgres::start(&tools)?;
        process::run(crash_test(&tools, rounds, Some(&pg.url())))?;
    }
    Ok(())
}
