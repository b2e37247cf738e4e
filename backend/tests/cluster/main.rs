//! The portal as it is run at scale (issue 28): `CLUSTER_PROCESSES` (3)
//! `portal` processes on one PostgreSQL database behind HAProxy (round
//! robin, health checks on `/api/health/ready`), and the faults:
//! 1. every journey step alternating between processes ([`journeys`]);
//! 2. `CLUSTER_CLIENTS` (32) writing clients, a ЦОН operator's audited
//!    look-ups and letters queued, while one process is killed with
//!    SIGKILL every `CLUSTER_KILL_EVERY_MS` for `CLUSTER_ROUNDS` rounds:
//!    nothing answered is lost, every history complete, the audit chain
//!    whole, no look-up answered 500, every letter delivered;
//! 3. a rolling restart (SIGTERM, drain, start) with no failed request;
//! 4. requests per second through HAProxy with N, N−1, …, 1 processes.
//!
//! Run by `cargo xtask cluster` (a throwaway PostgreSQL and Debian's
//! HAProxy; `cargo xtask test` runs a short form). By hand:
//! `CLUSTER_DATABASE_URL=postgres://… CLUSTER_HAPROXY=/usr/sbin/haproxy
//! cargo test --release -p backend --test cluster`.

use std::path::Path;
use std::process::ExitCode;

mod faults;
mod journeys;
#[path = "../support/ledger.rs"]
mod ledger;
mod load;
mod nodes;
mod sink;
#[path = "../support/mod.rs"]
mod support;

use nodes::{Haproxy, Node, Setup};
use support::{env_or, free_port};

/// A fresh database on the server of the admin URL `admin`; its URL.
async fn fresh_database(admin: &str) -> Result<String, String> {
    use sea_orm::{ConnectionTrait, Database};
    let name = format!("cluster_{}", uuid::Uuid::new_v4().simple());
    let db = Database::connect(admin)
        .await
        .map_err(|e| format!("PostgreSQL: {e}"))?;
    db.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .map_err(|e| format!("create the database: {e}"))?;
    db.close().await.map_err(|e| e.to_string())?;
    let base = admin.rsplit_once('/').map_or(admin, |(b, _)| b);
    Ok(format!("{base}/{name}"))
}

async fn run(dir: &Path) -> Result<Vec<String>, String> {
    let admin = std::env::var("CLUSTER_DATABASE_URL")
        .map_err(|_| "CLUSTER_DATABASE_URL: a PostgreSQL server's URL is needed")?;
    let haproxy = std::env::var("CLUSTER_HAPROXY").unwrap_or_else(|_| "haproxy".to_owned());
    let processes: usize = env_or("CLUSTER_PROCESSES", 3).max(2);
    let sink = sink::Sink::default();
    let balancer_port = free_port()?;
    let setup = Setup {
        data: dir.to_path_buf(),
        database_url: fresh_database(&admin).await?,
        public_url: format!("http://127.0.0.1:{balancer_port}"),
        smtp_port: sink.start().await?,
    };
    let client = support::client();
    let mut nodes = Vec::new();
    // One after another: the first makes the token key and the demo data
    // the others read.
    for _ in 0..processes {
        let mut node = Node::new(free_port()?);
        node.start(&setup)?;
        node.ready(&client).await?;
        nodes.push(node);
    }
    let balancer = Haproxy::start(&haproxy, dir, balancer_port, &nodes)?;
    faults::wait_for_balancer(&client, &balancer.base).await?;
    let mut report = vec![journeys::across(&client, &balancer.base, &nodes, dir).await?];
    report
        .push(faults::kills_under_load(&client, &balancer.base, &mut nodes, &setup, &sink).await?);
    report.push(faults::rolling_restart(&client, &balancer.base, &mut nodes, &setup).await?);
    report.push(faults::throughput(&client, &balancer.base, &mut nodes).await?);
    Ok(report)
}

fn main() -> ExitCode {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cluster test: no temporary folder: {e}");
            return ExitCode::FAILURE;
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cluster test: no runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(dir.path())) {
        Ok(report) => {
            for line in report {
                println!("cluster test: {line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cluster test FAILED: {e}");
            for log in std::fs::read_dir(dir.path())
                .into_iter()
                .flatten()
                .flatten()
            {
                let path = log.path();
                if path.extension().is_some_and(|x| x == "log")
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    eprintln!("{} (last lines):", path.display());
                    let tail: Vec<&str> = text.lines().rev().take(12).collect();
                    for line in tail.into_iter().rev() {
                        eprintln!("  {line}");
                    }
                }
            }
            ExitCode::FAILURE
        }
    }
}
