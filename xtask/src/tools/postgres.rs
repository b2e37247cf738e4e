//! A throwaway PostgreSQL server for the tests and benchmarks.

use std::path::PathBuf;
use std::process::{Command, Stdio};

use super::Tools;
use super::system::{is_root, pg_bin_dir, run_cmd};
use crate::base::{Res, TempDir, free_port};

/// A throwaway PostgreSQL server on loopback, stopped and deleted on drop.
pub struct Postgres {
    bin: PathBuf,
    data: PathBuf,
    port: u16,
    as_postgres: bool,
    _dir: TempDir,
}

impl Postgres {
    pub fn start(_tools: &Tools) -> Res<Postgres> {
        let bin = pg_bin_dir().ok_or("PostgreSQL is not installed")?;
        let dir = TempDir::new("egov-pg")?;
        let data = dir.0.join("data");
        let port = free_port()?;
        // initdb refuses to run as root: use the postgres account then.
        let as_postgres = is_root();
        if as_postgres {
            run_cmd(
                Command::new("chown")
                    .args(["-R", "postgres:postgres"])
                    .arg(&dir.0),
            )?;
        }
        let pg = Postgres {
            bin,
            data,
            port,
            as_postgres,
            _dir: dir,
        };
        pg.pg(
            "initdb",
            &[
                "-D",
                &pg.data_str(),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "-N",
            ],
        )?;
        let opts = format!(
            "-c listen_addresses=127.0.0.1 -p {} -k {} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            pg.port,
            pg.data_str()
        );
        let log = format!("{}/server.log", pg.data_str());
        pg.pg(
            "pg_ctl",
            &[
                "-D",
                &pg.data_str(),
                "-o",
                &opts,
                "-l",
                &log,
                "-w",
                "-t",
                "60",
                "start",
            ],
        )?;
        println!("PostgreSQL started on 127.0.0.1:{}", pg.port);
        Ok(pg)
    }

    fn data_str(&self) -> String {
        self.data.display().to_string()
    }

    fn pg(&self, tool: &str, args: &[&str]) -> Res {
        let program = self.bin.join(tool);
        let mut c = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        c.args(args)
            .current_dir(std::env::temp_dir())
            .stdout(Stdio::null());
        run_cmd(&mut c)
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self.pg(
            "pg_ctl",
            &["-D", &self.data_str(), "-m", "fast", "-w", "stop"],
        );
    }
}
