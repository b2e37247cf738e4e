//! The database: connection pools for SQLite and PostgreSQL, migrations, and
//! the generated SeaORM entities.
//!
//! SQLite gets one writer connection (WAL, `synchronous=FULL`, foreign keys
//! on) and a small pool of readers, so writers never fight over the lock.
//! PostgreSQL gets one pool used for both.

mod behaviour;
pub mod entities;
pub mod group;
pub mod stored;

use std::time::Duration;

use self::group::Writes;
use migration::MigratorTrait;
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

/// Connections to the database: reads may run in parallel, writes go through
/// [`Db::write`].
#[derive(Clone, Debug)]
pub struct Db {
    pub read: DatabaseConnection,
    pub write: DatabaseConnection,
    /// Short write transactions of concurrent requests, committed in
    /// groups on SQLite ([`group`]).
    pub writes: Writes,
}

impl Db {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://…`) and
    /// applies every pending migration.
    pub async fn connect(url: &str, max_readers: u32) -> Result<Db, DbErr> {
        let db = if url.starts_with("sqlite:") {
            let writer = Database::connect(sqlite_options(url, 1)).await?;
            // The writer creates the file and switches it to WAL before readers open it.
            writer.execute_unprepared("SELECT 1").await?;
            let reader = Database::connect(sqlite_options(url, max_readers.max(1))).await?;
            Db {
                read: reader,
                writes: Writes::grouped(writer.clone()),
                write: writer,
            }
        } else {
            let mut opts = ConnectOptions::new(url);
            opts.max_connections(max_readers.max(2))
                .min_connections(1)
                .acquire_timeout(Duration::from_secs(5))
                .sqlx_logging(false);
            let pool = Database::connect(opts).await?;
            Db {
                read: pool.clone(),
                writes: Writes::alone(pool.clone()),
                write: pool,
            }
        };
        migration::Migrator::up(&db.write, None).await?;
        Ok(db)
    }

    pub fn backend(&self) -> DbBackend {
        self.write.get_database_backend()
    }

    /// A cheap round trip, for the health check.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.read.execute_unprepared("SELECT 1").await.map(|_| ())
    }

    pub async fn close(self) {
        let _ = self.read.close().await;
        let _ = self.write.close().await;
    }
}

fn sqlite_options(url: &str, max: u32) -> ConnectOptions {
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(max)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    opts
}
