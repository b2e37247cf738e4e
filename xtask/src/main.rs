//! The project's task runner: `cargo xtask <command>`; `cargo xtask help`
//! lists the commands and `cargo xtask help <command>` their flags.
//!
//! The commands live in `commands/`, one module each; what several use
//! beside them: `base` (where things are), `process` (running commands),
//! `tools` (installing what the tasks need), `app` (building the web app),
//! `size` (its download size) and `portal` (the server binary).

mod app;
mod base;
mod commands;
mod portal;
mod process;
mod size;
mod tools;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use commands::{bench, cluster, codegen, crash, fuzz, schemathesis, serve, soak, test, tidy};

/// The e-government portal's task runner.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build and run the portal (SQLite, demo data).
    Serve(serve::Args),
    /// Every check and test, as CI runs them.
    Test(test::Args),
    /// Measurements: download size, ЭЦП verification, API under load
    /// (SQLite, PostgreSQL).
    Bench(bench::Args),
    /// Run each fuzz target for a while.
    Fuzz(fuzz::Args),
    /// Steady load for a while: memory and descriptors must not grow.
    Soak(soak::Args),
    /// Kill the portal under load again and again, check nothing answered
    /// is lost.
    Crash(crash::Args),
    /// Several portal processes on one PostgreSQL behind HAProxy: journeys
    /// across them, kills under load, a rolling restart, throughput.
    Cluster(cluster::Args),
    /// The API against its OpenAPI description.
    Schemathesis(schemathesis::Args),
    /// Regenerate the SeaORM entities from the migrations.
    Codegen,
    /// Import loops and crowded folders (also tests of `cargo test -p xtask`).
    Tidy(tidy::Args),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Serve(args) => serve::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Fuzz(args) => fuzz::run(&args),
        Command::Soak(args) => soak::run(&args),
        Command::Crash(args) => crash::run(&args),
        Command::Cluster(args) => cluster::run(&args),
        Command::Schemathesis(args) => schemathesis::run(&args),
        Command::Codegen => codegen::run(),
        Command::Tidy(args) => tidy::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
