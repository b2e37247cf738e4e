//! `cargo xtask bench`: the measurements: the app's download size, ЭЦП
//! verification time, attached files through each store, the API under
//! load.

use crate::app;
use crate::base::{Res, cache_dir};
use crate::process;
use crate::size::{over_budget, size_report};
use crate::tools::postgres::Postgres;
use crate::tools::python::Moto;
use crate::tools::{self, Tools, cmd};

/// `cargo xtask bench`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Without the PostgreSQL load run.
    #[arg(long)]
    skip_pg: bool,
    /// Without the S3 store's run (moto).
    #[arg(long)]
    skip_s3: bool,
    /// The download size only (no PostgreSQL either).
    #[arg(long)]
    size_only: bool,
    /// Lighthouse (mobile) on every public page of the release build, and
    /// nothing else.
    #[arg(long)]
    lighthouse: bool,
    /// With `--lighthouse`: the portal itself over plain HTTP/1.1, not
    /// behind HAProxy's TLS and HTTP/2 as it is served.
    #[arg(long)]
    direct: bool,
}

pub fn run(args: &Args) -> Res {
    let size_only = args.size_only;
    let skip_pg = args.skip_pg || size_only || args.lighthouse;
    let tools = Tools::ensure(tools::Need {
        browser: args.lighthouse,
        openssl: false,
        postgres: !skip_pg,
    })?;
    app::build(&tools)?;
    let size = size_report()?;
    if size_only {
        return over_budget(size);
    }
    if args.lighthouse {
        crate::portal::build_server(&tools)?;
        return super::lighthouse::run(&tools, args.direct);
    }
    println!();
    process::run(cmd(
        &tools,
        "cargo",
        &["bench", "--locked", "-p", "backend", "--bench", "verify"],
    ))?;
    // A 10 MiB file and a request's 60 MiB through the folder and S3.
    println!();
    let mut storage = cmd(
        &tools,
        "cargo",
        &["bench", "--locked", "-p", "backend", "--bench", "storage"],
    );
    let moto = if args.skip_s3 {
        None
    } else {
        Some(Moto::start()?)
    };
    if let Some(moto) = &moto {
        moto.bench_env(&mut storage);
    }
    process::run(storage)?;
    drop(moto);
    // The API under load: on SQLite, then on a throwaway PostgreSQL server;
    // each run's table also goes to a JSON file.
    let out = cache_dir().join("bench");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    println!();
    let mut load = cmd(
        &tools,
        "cargo",
        &["bench", "--locked", "-p", "backend", "--bench", "load"],
    );
    load.env("LOAD_JSON", out.join("load-sqlite.json"));
    process::run(load)?;
    if !skip_pg {
        let pg = Postgres::start(&tools)?;
        println!();
        let mut load = cmd(
            &tools,
            "cargo",
            &["bench", "--locked", "-p", "backend", "--bench", "load"],
        );
        load.env("LOAD_JSON", out.join("load-postgresql.json"))
            .env("LOAD_DATABASE_URL", pg.url());
        process::run(load)?;
    }
    over_budget(size)
}
