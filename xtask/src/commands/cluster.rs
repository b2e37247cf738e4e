//! `cargo xtask cluster`: several portal processes on a throwaway
//! PostgreSQL behind Debian's HAProxy, and the fault suite against them
//! (`backend/tests/cluster/`): journeys across processes, kills under
//! load, a rolling restart, throughput with fewer and fewer processes.

use std::path::Path;
use std::process::Command;

use crate::base::Res;
use crate::portal::cargo_test;
use crate::process;
use crate::tools::postgres::Postgres;
use crate::tools::system::apt_install;
use crate::tools::{self, Tools};

/// The short form in `cargo xtask test`: kills and measuring kept brief.
pub const CI_ROUNDS: u32 = 3;

/// Debian's HAProxy, installed when missing; its path.
pub fn ensure_haproxy() -> Res<&'static str> {
    const HAPROXY: &str = "/usr/sbin/haproxy";
    if !Path::new(HAPROXY).exists() {
        apt_install(&["haproxy"])?;
    }
    Ok(HAPROXY)
}

/// The cluster test with `processes` portals for `rounds` kills, against
/// the PostgreSQL server at `pg`.
pub fn cluster_test(
    tools: &Tools,
    pg: &str,
    processes: u32,
    rounds: u32,
    measure_secs: u32,
) -> Res<Command> {
    let mut c = cargo_test(tools, &["--test", "cluster"]);
    c.env("CLUSTER_DATABASE_URL", pg)
        .env("CLUSTER_HAPROXY", ensure_haproxy()?)
        .env("CLUSTER_PROCESSES", processes.to_string())
        .env("CLUSTER_ROUNDS", rounds.to_string())
        .env("CLUSTER_MEASURE_SECS", measure_secs.to_string());
    Ok(c)
}

/// `cargo xtask cluster`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many portal processes behind HAProxy.
    #[arg(long, value_name = "N", default_value_t = 3)]
    processes: u32,
    /// How many times a process is killed under load.
    #[arg(long, value_name = "N", default_value_t = 100)]
    rounds: u32,
    /// How long each throughput measurement runs, in seconds.
    #[arg(long, value_name = "S", default_value_t = 10)]
    measure_secs: u32,
}

pub fn run(args: &Args) -> Res {
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: true,
    })?;
    let pg = Postgres::start(&tools)?;
    process::run(cluster_test(
        &tools,
        &pg.url(),
        args.processes,
        args.rounds,
        args.measure_secs,
    )?)
}
