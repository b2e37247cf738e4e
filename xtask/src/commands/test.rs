//! `cargo xtask test`: every check and test, as CI runs them.

use std::time::Instant;

use super::cluster;
use super::crash::{CI_CRASH_ROUNDS, crash_test};
use super::schemathesis::{CI_SCHEMATHESIS_EXAMPLES, schemathesis_run};
use crate::app;
use crate::base::{Res, root};
use crate::portal::{Portal, cargo_test, server_binary};
use crate::process::{self, Counts, run_counting};
use crate::size::size_report;
use crate::tools::postgres::Postgres;
use crate::tools::{self, Tools, cmd, python};

/// `cargo xtask test`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Without the browser tests.
    #[arg(long)]
    skip_e2e: bool,
    /// Without the PostgreSQL runs.
    #[arg(long)]
    skip_pg: bool,
    /// Without the S3 store's test server (moto).
    #[arg(long)]
    skip_s3: bool,
}

pub fn run(args: &Args) -> Res {
    let started = Instant::now();
    let &Args {
        skip_e2e,
        skip_pg,
        skip_s3,
    } = args;
    let tools = Tools::ensure(tools::Need {
        browser: !skip_e2e,
        openssl: true,
        postgres: !skip_pg,
    })?;
    let mut counts = Counts::default();
    let mut steps: Vec<(&str, Res)> = vec![(
        "fetch",
        process::run(cmd(&tools, "cargo", &["fetch", "--locked"])),
    )];
    steps.push((
        "fmt",
        process::run(cmd(&tools, "cargo", &["fmt", "--all", "--", "--check"])),
    ));
    // In the test build's profile: the proc macros and build scripts
    // compiled here are the ones it uses.
    let clippy = |targets: &[&str]| {
        let mut args = vec!["clippy", "--locked", "--release", "--workspace"];
        args.extend_from_slice(targets);
        args.extend_from_slice(&["--", "-D", "warnings"]);
        process::run(cmd(&tools, "cargo", &args))
    };
    steps.push(("clippy", clippy(&["--all-targets"])));
    // The suites that are commands, not tests (`test = false`): not in
    // `--all-targets`, and cargo drops a `--test` given beside it.
    steps.push((
        "clippy (crash, soak, cluster)",
        clippy(&["--test", "crash", "--test", "soak", "--test", "cluster"]),
    ));
    steps.push((
        "clippy (wasm)",
        process::run(cmd(
            &tools,
            "cargo",
            &[
                "clippy",
                "--locked",
                "-p",
                "frontend",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ],
        )),
    ));
    // The S3 store's integration test runs against moto when it starts,
    // the mail test against aiosmtpd when it installs.
    let moto = (!skip_s3).then(python::Moto::start);
    let aiosmtpd = python::ensure_aiosmtpd();
    let mut tests = cargo_test(&tools, &[]);
    if let Some(Ok(moto)) = &moto {
        moto.env(&mut tests);
    }
    if let Ok(python) = &aiosmtpd {
        tests.env("TEST_AIOSMTPD_PYTHON", python);
    }
    // The GOST tests cross-check against PyPI's gostcrypto; without it they fail.
    match python::ensure_gostcrypto() {
        Ok(python) => {
            tests.env("TEST_GOSTCRYPTO_PYTHON", python);
        }
        Err(e) => steps.push(("gostcrypto from PyPI", Err(e))),
    }
    // The PAdES tests check the sealed reports with PyPI's pyHanko.
    match python::ensure_pyhanko() {
        Ok(python) => {
            tests.env("TEST_PYHANKO_PYTHON", python);
        }
        Err(e) => steps.push(("pyHanko from PyPI", Err(e))),
    }
    steps.push(("tests (SQLite)", run_counting(tests, &mut counts)));
    if let Some(started) = moto {
        steps.push(("S3 server (moto)", started.map(drop)));
    }
    let pg_mail = aiosmtpd.as_ref().ok().cloned();
    steps.push(("mail server (aiosmtpd)", aiosmtpd.map(drop)));
    let mut pg_url = None;
    let pg = if skip_pg {
        None
    } else {
        Some(Postgres::start(&tools))
    };
    if let Some(pg) = &pg {
        let r = pg.as_ref().map_err(Clone::clone).and_then(|pg| {
            pg_url = Some(pg.url());
            let mut c = cargo_test(&tools, &["--test", "api"]);
            c.env("TEST_DATABASE_URL", pg.url());
            if let Some(python) = &pg_mail {
                c.env("TEST_AIOSMTPD_PYTHON", python);
            }
            run_counting(c, &mut counts)
        });
        steps.push(("tests (PostgreSQL)", r));
    }
    // A short crash test: the portal killed under load a few times.
    steps.push((
        "crash test (SQLite)",
        process::run(crash_test(&tools, CI_CRASH_ROUNDS, None)),
    ));
    if let Some(url) = &pg_url {
        steps.push((
            "crash test (PostgreSQL)",
            process::run(crash_test(&tools, CI_CRASH_ROUNDS, Some(url))),
        ));
    }
    if let Some(url) = &pg_url {
        let r = cluster::cluster_test(&tools, url, 3, cluster::CI_ROUNDS, 2).and_then(process::run);
        steps.push(("cluster (3 processes behind HAProxy, PostgreSQL)", r));
    }
    drop(pg);
    // The server binary of the test build (a no-op when the tests ran):
    // `build_server` would compile ~160 crates again with the features of
    // `-p backend` alone.
    let built = app::build(&tools).and_then(|()| process::run(cargo_test(&tools, &["--no-run"])));
    let build_ok = built.is_ok();
    steps.push(("release build", built));
    if build_ok {
        steps.push(("app size", size_report().map(|_| ())));
        if !skip_e2e {
            let r = Portal::start().and_then(|portal| {
                let mut c = cmd(&tools, "npx", &["playwright", "test"]);
                c.current_dir(root().join("e2e"))
                    .env("PORTAL_URL", &portal.url)
                    .env("PORTAL_PUBLIC_URL", &portal.url)
                    .env("PORTAL_DATA_DIR", &portal.data.0)
                    .env("PORTAL_BIN", server_binary())
                    .env("CI", "1");
                run_counting(c, &mut counts)
            });
            steps.push(("browser tests", r));
        }
        steps.push((
            "schemathesis (SQLite)",
            schemathesis_run(CI_SCHEMATHESIS_EXAMPLES, None),
        ));
    }

    println!("\n── summary ({} s) ──", started.elapsed().as_secs());
    let mut failed_steps = 0;
    for (name, r) in &steps {
        match r {
            Ok(()) => println!("  ok      {name}"),
            Err(e) => {
                failed_steps += 1;
                println!("  FAILED  {name}: {e}");
            }
        }
    }
    println!(
        "tests: {} passed, {} failed",
        counts.passed,
        counts.failed + failed_steps
    );
    if failed_steps == 0 && counts.failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed_steps} step(s) failed"))
    }
}
