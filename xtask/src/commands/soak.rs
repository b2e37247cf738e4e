//! `cargo xtask soak`: a steady load for a while; memory and descriptors
//! must not grow.

use crate::base::Res;
use crate::portal::cargo_test;
use crate::process;
use crate::tools::{self, Tools};

/// `cargo xtask soak [--minutes N] [--rate R]`: the release portal under a
/// steady mixed load (`backend/tests/soak.rs`), its memory and descriptors
/// sampled each minute.
/// `cargo xtask soak`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How long the load lasts (30).
    #[arg(long, value_name = "N")]
    minutes: Option<String>,
    /// Requests per second.
    #[arg(long, value_name = "R")]
    rate: Option<String>,
}

pub fn run(args: &Args) -> Res {
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: false,
    })?;
    let mut c = cargo_test(&tools, &["--test", "soak"]);
    if let Some(m) = &args.minutes {
        c.env("SOAK_MINUTES", m);
    }
    if let Some(r) = &args.rate {
        c.env("SOAK_RATE", r);
    }
    process::run(c)
}
