//! `cargo xtask codegen`: the SeaORM entities, regenerated from the
//! migrations.

use crate::base::{Res, TempDir, root};
use crate::process;
use crate::tools::{self, Tools, cmd};

/// Regenerates `backend/src/db/entities` from a fresh SQLite schema made by the migrations.
pub fn run() -> Res {
    let tools = Tools::ensure(tools::Need {
        browser: false,
        openssl: false,
        postgres: false,
    })?;
    tools::ensure_cargo_tool(
        &tools,
        "sea-orm-cli",
        "1.1.20",
        &[
            "--locked",
            "--no-default-features",
            "--features",
            "codegen,sqlx-sqlite,runtime-tokio-rustls",
        ],
    )?;
    let dir = TempDir::new("egov-codegen")?;
    let url = format!("sqlite://{}?mode=rwc", dir.0.join("schema.db").display());
    process::run(cmd(
        &tools,
        "cargo",
        &[
            "run",
            "--locked",
            "-q",
            "-p",
            "migration",
            "--",
            "-u",
            &url,
            "up",
        ],
    ))?;
    let out = root().join("backend/src/db/entities");
    let _ = std::fs::remove_dir_all(&out);
    process::run(cmd(
        &tools,
        "sea-orm-cli",
        &[
            "generate",
            "entity",
            "-u",
            &url,
            "-o",
            "backend/src/db/entities",
            "--ignore-tables",
            "seaql_migrations",
            "--with-serde",
            "none",
        ],
    ))?;
    process::run(cmd(&tools, "cargo", &["fmt", "-p", "backend"]))
}
