//! `cargo xtask schemathesis`: the API against its OpenAPI description.

use std::process::Command;

use crate::app;
use crate::base::{Res, TempDir, cache_dir, root};
use crate::portal::{Portal, build_server};
use crate::process;
use crate::tools::postgres::Postgres;
use crate::tools::{self, Tools, python};

/// Examples per operation of schemathesis in `cargo xtask test`.
pub const CI_SCHEMATHESIS_EXAMPLES: u32 = 25;

/// Schemathesis against the release portal's `/api/openapi.json`, with
/// `backend/tests/schemathesis/schemathesis.toml` (every check, the demo
/// accounts as identities), `examples` per operation, on a fresh SQLite
/// database or on the (throwaway) PostgreSQL database at `pg`.
pub fn schemathesis_run(examples: u32, pg: Option<&str>) -> Res {
    let st = python::ensure_schemathesis()?;
    let mut extra = vec![
        // Every call comes from one loopback address and the fuzzer tries
        // logins by the thousand: the login throttle (tested on its own in
        // the integration tests) would lock out the run's own identities.
        "--login-failures-per-account",
        "1000000",
        "--login-failures-per-address",
        "1000000",
    ];
    if let Some(url) = pg {
        extra.extend(["--database-url", url]);
    }
    let logs = cache_dir().join("schemathesis");
    std::fs::create_dir_all(&logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    let log = logs.join(if pg.is_some() {
        "portal-postgresql.log"
    } else {
        "portal-sqlite.log"
    });
    println!("schemathesis: the portal's log goes to {}", log.display());
    let portal = Portal::start_with("portal-schemathesis", &extra, Some(&log))?;
    let dir = root().join("backend/tests/schemathesis");
    let work = TempDir::new("schemathesis")?;
    let mut c = Command::new(st);
    c.current_dir(&work.0)
        .arg("--config-file")
        .arg(dir.join("schemathesis.toml"))
        .arg("run")
        .arg(format!("{}/api/openapi.json", portal.url))
        .args(["--url", &format!("{}/api", portal.url)])
        .args(["--checks", "all", "--max-examples", &examples.to_string()])
        .args(["--max-failures", "100", "--no-color"])
        .env("SCHEMATHESIS_USERS", dir.join("users.json"));
    process::run(c)
}

/// `cargo xtask schemathesis [--examples N] [--skip-pg]`: the full run,
/// 100 examples per operation, on SQLite then PostgreSQL.
/// `cargo xtask schemathesis`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Examples per operation.
    #[arg(long, value_name = "N", default_value_t = 100)]
    examples: u32,
    /// SQLite only, without the PostgreSQL run.
    #[arg(long)]
    skip_pg: bool,
}

pub fn run(args: &Args) -> Res {
    let &Args { examples, skip_pg } = args;
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: !skip_pg,
    })?;
    app::build(&tools)?;
    build_server(&tools)?;
    schemathesis_run(examples, None)?;
    if !skip_pg {
        let pg = Postgres::start(&tools)?;
        schemathesis_run(examples, Some(&pg.url()))?;
    }
    Ok(())
}
