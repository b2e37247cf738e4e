//! `portal`: runs the e-services portal.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use backend::app::{App, AppState, KeySource};
use backend::config::{AuthConfig, Config};
use clap::Parser;

/// The e-government services portal: the JSON API and the web app.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// Address to listen on.
    #[arg(long, env = "PORTAL_HOST", default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// Port to listen on.
    #[arg(long, env = "PORTAL_PORT", default_value_t = 8080)]
    port: u16,
    /// Folder for the server's files (SQLite database, token signing key).
    #[arg(long, env = "PORTAL_DATA_DIR", default_value = "data")]
    data_dir: PathBuf,
    /// Database URL; the default is SQLite in the data folder. Example:
    /// postgres://portal:secret@127.0.0.1/portal
    #[arg(long, env = "PORTAL_DATABASE_URL")]
    database_url: Option<String>,
    /// Database connections for reading.
    #[arg(long, env = "PORTAL_DB_READERS", default_value_t = 8)]
    db_readers: u32,
    /// The built web app (Trunk's dist folder); omit to serve the API only.
    #[arg(long, env = "PORTAL_DIST")]
    dist: Option<PathBuf>,
    /// The catalog data folder.
    #[arg(long, env = "PORTAL_CATALOG", default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/data/catalog"))]
    catalog: PathBuf,
    /// The public address of the portal; an https address marks cookies Secure.
    #[arg(
        long,
        env = "PORTAL_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    public_url: String,
    /// Create the demo accounts (see README). Never in production.
    #[arg(long, env = "PORTAL_DEMO", default_value_t = false)]
    demo: bool,
    /// Log as JSON lines instead of text.
    #[arg(long, env = "PORTAL_LOG_JSON", default_value_t = false)]
    log_json: bool,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
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

fn init_logs(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    if json {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}

async fn run(args: Args) -> Result<(), String> {
    std::fs::create_dir_all(&args.data_dir)
        .map_err(|e| format!("cannot create {}: {e}", args.data_dir.display()))?;
    let database_url = args.database_url.clone().unwrap_or_else(|| {
        format!(
            "sqlite://{}?mode=rwc",
            args.data_dir.join("portal.sqlite3").display()
        )
    });
    let config = Config {
        listen: SocketAddr::new(args.host, args.port),
        database_url,
        max_db_readers: args.db_readers,
        data_dir: args.data_dir,
        dist_dir: args.dist,
        catalog_dir: args.catalog,
        auth: AuthConfig {
            secure_cookies: args.public_url.starts_with("https://"),
            ..AuthConfig::default()
        },
        public_url: args.public_url,
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
    let app = App::build(config, KeySource::DataDir)
        .await
        .map_err(|e| format!("start-up failed: {e:?}"))?;
    let state = AppState(Arc::new(app));
    let router = backend::router::build(state.clone());
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    tracing::info!(address = %listen, "the portal is listening: http://{listen}/");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(backend::router::shutdown_signal())
    .await
    .map_err(|e| format!("server: {e}"))?;
    state.db.clone().close().await;
    tracing::info!("stopped cleanly");
    Ok(())
}
