//! `portal`: runs the e-services portal.

use std::net::SocketAddr;
use std::sync::Arc;

use backend::app::{App, AppState, KeySource};
use backend::config::{AuthConfig, Config, EdsConfig, Limits, PaymentConfig, RegistryConfig};
use clap::Parser;

use crate::args::{Args, Command};
use crate::pki::pki;
use crate::setup::{
    audit_check, database_url, init_logs, payment_secret, registry_source, smtp_config,
    storage_config,
};

mod args;
mod pki;
mod setup;

/// mimalloc: the system allocator's arenas and consolidation were a sixth
/// of a loaded portal's time (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    if let Some(Command::Pki(command)) = &args.command {
        return match pki(&args, command) {
            Ok(()) => std::process::ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    if let Some(Command::AuditCheck) = &args.command {
        return match audit_check(&args).await {
            Ok(n) => {
                println!("the audit log is intact: {n} entries");
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                std::process::ExitCode::FAILURE
            }
        };
    }
    init_logs(args.log_json);
    match run(args).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "the portal stopped");
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// How long the letters under way at shutdown may take.
const MAIL_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// Resolves when the server should stop accepting: SIGTERM (or Ctrl-C) has
/// come, the process has said it is not ready, the mailer has stopped
/// claiming letters, and `delay` has passed.
async fn draining(state: AppState, delay: std::time::Duration) {
    backend::router::shutdown_signal().await;
    state
        .draining
        .store(true, std::sync::atomic::Ordering::Release);
    tracing::info!(
        delay_ms = delay.as_millis(),
        "draining: not ready for new requests"
    );
    tokio::time::sleep(delay).await;
}

async fn run(args: Args) -> Result<(), String> {
    let drain_delay_ms = args.drain_delay_ms;
    std::fs::create_dir_all(&args.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", args.data_dir.display()))?;
    let database_url = database_url(&args);
    let secret = match &args.payment_secret {
        Some(s) if s.len() >= 16 => s.as_bytes().to_vec(),
        Some(_) => return Err("--payment-secret: at least 16 characters".into()),
        None => payment_secret(&args.data_dir.join("payment-gateway.key"))?,
    };
    let mut payments = PaymentConfig::local(&args.public_url, secret);
    if let Some(url) = &args.gateway_url {
        payments.gateway_url.clone_from(url);
    }
    let storage = storage_config(&args)?;
    let smtp = smtp_config(&args)?;
    let config = Config {
        listen: SocketAddr::new(args.host, args.port),
        database_url,
        max_db_readers: args.db_readers,
        data_dir: args.data_dir,
        dist_dir: args.dist,
        catalog_dir: args.catalog,
        auth: AuthConfig {
            secure_cookies: args.public_url.starts_with("https://"),
            account_failures: args.login_failures_per_account,
            address_failures: args.login_failures_per_address,
            session_recheck: std::time::Duration::from_millis(args.session_recheck_ms),
            ..AuthConfig::default()
        },
        eds: EdsConfig {
            roots: args.trust_roots,
            intermediates: args.trust_cas,
            crl_files: args.crl_files,
            trust_demo: args.trust_demo,
            national_test: args.trust_national_test.then_some(args.national_test_pki),
            revocation: backend::config::RevocationPolicies::parse(&args.revocation_policy)
                .map_err(|e| format!("--revocation-policy {e}"))?,
            tsa_url: args.tsa_url,
            seals_password: args.provider_seals_password,
        },
        hsts: backend::config::hsts_for(&args.public_url, args.hsts_max_age_secs),
        public_url: args.public_url,
        payments,
        calendar_file: args.calendar,
        uncollected_retention_days: args.uncollected_retention_days,
        storage,
        font_file: args.font,
        smtp,
        limits: Limits {
            max_in_flight: args.max_in_flight,
            max_waiting: args.max_waiting,
            max_wait: std::time::Duration::from_millis(args.max_wait_ms),
        },
        registries: RegistryConfig {
            persons: registry_source(args.gbd_fl_url, &args.registry_dir),
            organizations: registry_source(args.gbd_ul_url, &args.registry_dir),
            timeout: std::time::Duration::from_millis(args.registry_timeout_ms),
        },
        seed_demo: args.demo,
    };
    if let Some(dist) = &config.dist_dir
        && !dist.join("index.html").is_file()
    {
        return Err(format!(
            "{} has no index.html: build the app first (cargo xtask serve does)",
            dist.display()
        ));
    }
    let listen = config.listen;
    if config.seed_demo {
        // The demo certification center first: the trust store reads its root.
        backend::demo::pki::seed(&config, backend::clock::now_secs())
            .map_err(|e| format!("the demo certification center: {e:?}"))?;
    }
    let app = App::build(config, KeySource::DataDir)
        .await
        .map_err(|e| format!("start-up failed: {e:?}"))?;
    if app.config.seed_demo {
        backend::demo::accounts::seed(&app)
            .await
            .map_err(|e| format!("the demo accounts: {e:?}"))?;
    }
    let state = AppState(Arc::new(app));
    backend::services::eds::restamp::spawn(state.clone());
    let router = backend::router::build(state.clone());
    let drain_delay = std::time::Duration::from_millis(drain_delay_ms);
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    tracing::info!(address = %listen, "the portal is listening: http://{listen}/");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(draining(state.clone(), drain_delay))
    .await
    .map_err(|e| format!("server: {e}"))?;
    // The requests held are answered; the letters under way are let finish,
    // the rest left to the other processes.
    state.mailer.drain(MAIL_GRACE).await;
    state.db.clone().close().await;
    tracing::info!("stopped cleanly");
    Ok(())
}
