//! Group commit: on SQLite, short write transactions from concurrent
//! requests are run one after another inside one transaction, each in its
//! own savepoint, and committed together, so one `fsync` and one
//! `BEGIN`/`COMMIT` serve the whole group. A job's caller gets its answer
//! only after the group's commit; a job that fails is rolled back to its
//! savepoint and leaves the others alone; a failed commit fails them all.
//! On PostgreSQL, whose writes run in parallel, a job is its own
//! transaction.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr, TransactionTrait};
use tokio::sync::{mpsc, oneshot};

use crate::error::{AppError, AppResult};

/// At most this many jobs share a transaction.
const GROUP_SIZE: usize = 32;
/// Jobs waiting for the writer; a caller past it waits to hand its job in.
const QUEUE: usize = 1024;

/// A future borrowing the transaction, as `work` gives.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// Delivers a job's answer once the group's commit is known: the commit's
/// error, if it failed.
type Finish = Box<dyn FnOnce(Option<&DbErr>) + Send>;
/// A job: its work inside the group's transaction, giving its delivery.
type Job = Box<dyn for<'t> FnOnce(&'t DatabaseTransaction) -> BoxFuture<'t, Finish> + Send>;

/// Where write transactions go (see the module's text).
#[derive(Clone, Debug)]
pub struct Writes {
    inner: Route,
}

#[derive(Clone, Debug)]
enum Route {
    /// Into the group of the writer task.
    Grouped {
        jobs: mpsc::Sender<Job>,
        commits: Arc<AtomicU64>,
    },
    /// Each job its own transaction on this pool.
    Alone(DatabaseConnection),
}

impl Writes {
    /// Groups the jobs on `writer` (SQLite's one writer connection), from a
    /// task that ends when the last `Writes` is dropped.
    pub fn grouped(writer: DatabaseConnection) -> Writes {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let commits = Arc::new(AtomicU64::new(0));
        tokio::spawn(write_groups(writer, queue, Arc::clone(&commits)));
        Writes {
            inner: Route::Grouped { jobs, commits },
        }
    }

    /// Each job in its own transaction on `pool`.
    pub fn alone(pool: DatabaseConnection) -> Writes {
        Writes {
            inner: Route::Alone(pool),
        }
    }

    /// Runs `work` in a transaction (a savepoint of the group's, when
    /// grouped) and answers once it is committed.
    pub async fn run<T, F>(&self, work: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: for<'t> FnOnce(&'t DatabaseTransaction) -> BoxFuture<'t, AppResult<T>> + Send + 'static,
    {
        let jobs = match &self.inner {
            Route::Alone(pool) => {
                let txn = pool.begin().await?;
                let value = work(&txn).await?;
                txn.commit().await?;
                return Ok(value);
            }
            Route::Grouped { jobs, .. } => jobs,
        };
        let (reply, answer) = oneshot::channel::<AppResult<T>>();
        let job: Job = Box::new(move |txn| {
            Box::pin(async move {
                let outcome = in_savepoint(txn, work).await;
                let finish: Finish = Box::new(move |failed| {
                    let answer = match failed {
                        None => outcome,
                        Some(e) => Err(AppError::internal(format!("a group commit failed: {e}"))),
                    };
                    // The caller may have gone (a dropped request): nothing to tell.
                    let _ = reply.send(answer);
                });
                finish
            })
        });
        jobs.send(job)
            .await
            .map_err(|_| AppError::internal("the writer task has stopped"))?;
        answer
            .await
            .map_err(|_| AppError::internal("the writer task dropped a job"))?
    }

    /// Transactions committed by the writer task (tests).
    pub fn commits(&self) -> Option<u64> {
        match &self.inner {
            Route::Grouped { commits, .. } => Some(commits.load(Ordering::Relaxed)),
            Route::Alone(_) => None,
        }
    }
}

async fn in_savepoint<T, F>(txn: &DatabaseTransaction, work: F) -> AppResult<T>
where
    F: for<'t> FnOnce(&'t DatabaseTransaction) -> BoxFuture<'t, AppResult<T>>,
{
    let savepoint = txn.begin().await?;
    match work(&savepoint).await {
        Ok(value) => {
            savepoint.commit().await?;
            Ok(value)
        }
        Err(e) => {
            savepoint.rollback().await?;
            Err(e)
        }
    }
}

/// The writer task: takes the jobs waiting (up to [`GROUP_SIZE`]) and
/// writes them as a group. Each group runs in a task of its own, so a
/// panic inside a job costs that group (its callers are answered with an
/// internal error), not the writer.
async fn write_groups(
    writer: DatabaseConnection,
    mut queue: mpsc::Receiver<Job>,
    commits: Arc<AtomicU64>,
) {
    let mut group = Vec::with_capacity(GROUP_SIZE);
    while queue.recv_many(&mut group, GROUP_SIZE).await > 0 {
        let jobs = std::mem::replace(&mut group, Vec::with_capacity(GROUP_SIZE));
        let written = tokio::spawn(write_group(writer.clone(), jobs, Arc::clone(&commits)));
        if let Err(e) = written.await {
            tracing::error!(error = %e, "a write group failed");
        }
    }
}

/// Runs `jobs` in one transaction, commits, answers them.
async fn write_group(writer: DatabaseConnection, jobs: Vec<Job>, commits: Arc<AtomicU64>) {
    let txn = match writer.begin().await {
        Ok(txn) => txn,
        Err(e) => {
            // Dropped unrun, each job's caller is answered with an internal
            // error.
            tracing::error!(error = %e, "a write group could not begin");
            return;
        }
    };
    let mut finishes = Vec::with_capacity(jobs.len());
    for job in jobs {
        finishes.push(job(&txn).await);
    }
    let committed = txn.commit().await;
    if committed.is_ok() {
        commits.fetch_add(1, Ordering::Relaxed);
    }
    for finish in finishes {
        finish(committed.as_ref().err());
    }
}

#[cfg(test)]
mod tests {
    use sea_orm::{ConnectionTrait, Database, Statement};

    use super::*;

    async fn table() -> DatabaseConnection {
        let mut opts = sea_orm::ConnectOptions::new("sqlite::memory:");
        // One connection: each in-memory connection is a database of its own.
        opts.max_connections(1).min_connections(1);
        let db = Database::connect(opts).await.expect("SQLite");
        db.execute_unprepared("CREATE TABLE t (n INTEGER PRIMARY KEY)")
            .await
            .expect("a table");
        db
    }

    fn insert(
        n: i64,
    ) -> impl for<'t> FnOnce(&'t DatabaseTransaction) -> BoxFuture<'t, AppResult<i64>> + Send + 'static
    {
        move |txn| {
            Box::pin(async move {
                txn.execute(Statement::from_string(
                    txn.get_database_backend(),
                    format!("INSERT INTO t (n) VALUES ({n})"),
                ))
                .await?;
                if n % 5 == 0 {
                    return Err(AppError::internal("refused after writing"));
                }
                Ok(n)
            })
        }
    }

    #[tokio::test]
    async fn concurrent_jobs_share_commits_and_a_failed_one_leaves_no_trace() {
        let db = table().await;
        let writes = Writes::grouped(db.clone());
        let handles: Vec<_> = (1..=20)
            .map(|n| {
                let writes = writes.clone();
                tokio::spawn(async move { writes.run(insert(n)).await })
            })
            .collect();
        for (n, handle) in (1..=20).zip(handles) {
            let answer = handle.await.expect("the job ran");
            if n % 5 == 0 {
                assert!(answer.is_err(), "job {n} fails");
            } else {
                assert_eq!(answer.expect("committed"), n);
            }
        }
        let rows = db
            .query_all(Statement::from_string(
                db.get_database_backend(),
                "SELECT n FROM t ORDER BY n",
            ))
            .await
            .expect("rows");
        let kept: Vec<i64> = rows
            .iter()
            .map(|r| r.try_get::<i64>("", "n").expect("n"))
            .collect();
        let expected: Vec<i64> = (1..=20).filter(|n| n % 5 != 0).collect();
        assert_eq!(kept, expected);
        let commits = writes.commits().expect("grouped");
        assert!((1..20).contains(&commits), "{commits} commits for 20 jobs");
    }

    #[tokio::test]
    async fn a_failed_commit_fails_every_job_of_its_group() {
        let db = table().await;
        // A deferred foreign key is checked at the commit, failing it.
        db.execute_unprepared("PRAGMA foreign_keys = ON")
            .await
            .expect("pragma");
        db.execute_unprepared(
            "CREATE TABLE child (p INTEGER REFERENCES t (n) DEFERRABLE INITIALLY DEFERRED)",
        )
        .await
        .expect("a table");
        let writes = Writes::grouped(db.clone());
        let orphan = writes.run(|txn| {
            Box::pin(async move {
                txn.execute_unprepared("INSERT INTO child (p) VALUES (999)")
                    .await?;
                Ok(())
            })
        });
        let plain = writes.run(insert(1));
        let (orphan, plain) = tokio::join!(orphan, plain);
        assert!(orphan.is_err());
        assert!(plain.is_err(), "it shared the failed commit");
        let count = db
            .query_one(Statement::from_string(
                db.get_database_backend(),
                "SELECT COUNT(*) AS c FROM t",
            ))
            .await
            .expect("a row")
            .expect("a count")
            .try_get::<i64>("", "c")
            .expect("c");
        assert_eq!(count, 0);
    }

    #[tokio::test]
    async fn a_job_that_panics_costs_its_group_not_the_writer() {
        let db = table().await;
        let writes = Writes::grouped(db.clone());
        let panicked = writes
            .run(|_txn| -> BoxFuture<'_, AppResult<()>> {
                Box::pin(async move { panic!("a bug in a job") })
            })
            .await;
        assert!(panicked.is_err());
        assert_eq!(writes.run(insert(1)).await.expect("still writing"), 1);
    }

    #[tokio::test]
    async fn alone_commits_each_job_by_itself() {
        let db = table().await;
        let writes = Writes::alone(db.clone());
        assert_eq!(writes.run(insert(3)).await.expect("committed"), 3);
        assert!(writes.run(insert(5)).await.is_err());
        assert_eq!(writes.commits(), None);
    }
}
