//! `cargo xtask serve`: build the app and the server, run the portal on
//! SQLite with demo data.

use std::process::Command;

use crate::app;
use crate::base::{Res, dist_dir, root};
use crate::portal::{build_server, server_binary};
use crate::process;
use crate::size::size_report;
use crate::tools::{self, Tools};

/// `cargo xtask serve`'s flags.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The port to listen on (else `PORTAL_PORT`, else 8080).
    #[arg(long, value_name = "N")]
    port: Option<String>,
    /// The server's data folder (else `PORTAL_DATA_DIR`, else `data/`).
    #[arg(long, value_name = "DIR")]
    data_dir: Option<String>,
    /// Also trust the national certification center's TEST PKI (the
    /// portal's `--trust-national-test`): its 2026 GOST keystores in
    /// `backend/tests/fixtures/nca-test-pki/p12` then register, log in
    /// and sign.
    #[arg(long)]
    trust_national_test: bool,
}

pub fn run(args: &Args) -> Res {
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: false,
    })?;
    app::build(&tools)?;
    size_report()?;
    build_server(&tools)?;
    let port = args
        .port
        .clone()
        .or_else(|| std::env::var("PORTAL_PORT").ok())
        .unwrap_or_else(|| "8080".into());
    let data = args
        .data_dir
        .clone()
        .or_else(|| std::env::var("PORTAL_DATA_DIR").ok())
        .unwrap_or_else(|| root().join("data").display().to_string());
    let mut c = Command::new(server_binary());
    c.current_dir(root())
        .args(["--port", &port, "--data-dir", &data, "--demo"])
        .arg("--public-url")
        .arg(
            std::env::var("PORTAL_PUBLIC_URL")
                .unwrap_or_else(|_| format!("http://127.0.0.1:{port}")),
        )
        .arg("--dist")
        .arg(dist_dir())
        .arg("--catalog")
        .arg(root().join("backend/data/catalog"));
    if args.trust_national_test {
        c.arg("--trust-national-test");
    }
    println!(
        "\nThe portal: http://127.0.0.1:{port}/  (Ctrl-C stops it; demo accounts in README.md)"
    );
    // Ctrl-C reaches the server too (same process group); it stops cleanly.
    process::run(c)
}
