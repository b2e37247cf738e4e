//! The outbox: letters as rows of `mail_outbox`, written in the transaction
//! of the change they tell of, so that a letter is queued exactly when its
//! change commits and outlives the process that queued it. A process claims
//! a letter for a lease by a conditional update (on PostgreSQL after
//! `FOR UPDATE SKIP LOCKED`, so claimers pass each other by), makes one
//! attempt, and settles it: sent, given up, or due again after a pause.
//! A process that dies holding a claim leaves it to the others once the
//! lease ends.

use std::time::Duration;

use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};

use crate::db::entities::mail_outbox;
use crate::db::stored;
use crate::error::AppResult;

/// One e-mail to one user: its text (the HTML part is made from it).
#[derive(Debug, Clone)]
pub struct Letter {
    pub user_id: i32,
    /// For the log: the request the letter is about, if any.
    pub request_id: Option<i32>,
    pub subject: String,
    pub body: String,
}

/// Where a letter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterState {
    /// Waiting for its first or next attempt.
    Pending,
    /// Accepted by the mail server.
    Sent,
    /// Refused for good, or every attempt failed.
    GivenUp,
    /// The account has no address (made at a desk, not yet registered).
    NoAddress,
}

const STATES: [LetterState; 4] = [
    LetterState::Pending,
    LetterState::Sent,
    LetterState::GivenUp,
    LetterState::NoAddress,
];

impl LetterState {
    pub fn code(self) -> &'static str {
        match self {
            LetterState::Pending => "pending",
            LetterState::Sent => "sent",
            LetterState::GivenUp => "given_up",
            LetterState::NoAddress => "no_address",
        }
    }

    pub fn parse(code: &str) -> Option<LetterState> {
        STATES.into_iter().find(|s| s.code() == code)
    }

    /// The stored state of `row`; a row that does not decode is an error.
    pub fn of(row: &mail_outbox::Model) -> AppResult<LetterState> {
        stored::state("mail_outbox.state", &row.state, LetterState::parse)
    }
}

/// Milliseconds since the Unix epoch, as the outbox keeps time.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

/// Queues `letter` inside `db` (the transaction of the change it tells of).
pub async fn queue(db: &impl ConnectionTrait, letter: &Letter) -> AppResult<()> {
    let now = now_ms();
    mail_outbox::ActiveModel {
        user_id: Set(letter.user_id),
        request_id: Set(letter.request_id),
        subject: Set(letter.subject.clone()),
        body: Set(letter.body.clone()),
        state: Set(LetterState::Pending.code().to_owned()),
        attempts: Set(0),
        due_ms: Set(now),
        claimed_until_ms: Set(None),
        created_ms: Set(now),
        done_ms: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A pending letter that is due and that nobody holds at `now`.
fn claimable(now: i64) -> Condition {
    Condition::all()
        .add(mail_outbox::Column::State.eq(LetterState::Pending.code()))
        .add(mail_outbox::Column::DueMs.lte(now))
        .add(
            Condition::any()
                .add(mail_outbox::Column::ClaimedUntilMs.is_null())
                .add(mail_outbox::Column::ClaimedUntilMs.lt(now)),
        )
}

/// Claims up to `limit` due letters for `lease`, oldest first; each claim
/// counts as an attempt. A letter is claimed by one process only: the
/// update holds only while the letter is still claimable.
pub async fn claim<C>(db: &C, limit: u64, lease: Duration) -> AppResult<Vec<mail_outbox::Model>>
where
    C: ConnectionTrait + TransactionTrait,
{
    let now = now_ms();
    let txn = db.begin().await?;
    let mut candidates = mail_outbox::Entity::find()
        .filter(claimable(now))
        .order_by_asc(mail_outbox::Column::Id)
        .limit(limit);
    if txn.get_database_backend() == DbBackend::Postgres {
        candidates = candidates.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
    }
    let mut claimed = Vec::new();
    for mut row in candidates.all(&txn).await? {
        let until = now.saturating_add(ms(lease));
        let taken = mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::ClaimedUntilMs, Expr::value(until))
            .col_expr(
                mail_outbox::Column::Attempts,
                Expr::col(mail_outbox::Column::Attempts).add(1),
            )
            .filter(mail_outbox::Column::Id.eq(row.id))
            .filter(claimable(now))
            .exec(&txn)
            .await?;
        if taken.rows_affected == 1 {
            row.attempts += 1;
            row.claimed_until_ms = Some(until);
            claimed.push(row);
        }
    }
    txn.commit().await?;
    Ok(claimed)
}

/// How an attempt ended.
#[derive(Debug)]
pub enum Settled {
    Sent,
    NoAddress,
    GivenUp(String),
    /// Try again after the pause.
    Later(Duration, String),
}

/// Records how the attempt on `row` ended and lets the claim go. A letter
/// no longer pending is left as it is. The body of a letter that is done
/// is not kept: it may carry a one-time link.
pub async fn settle(
    db: &impl ConnectionTrait,
    row: &mail_outbox::Model,
    how: Settled,
) -> AppResult<()> {
    let now = now_ms();
    let (state, due, error) = match how {
        Settled::Sent => (LetterState::Sent, row.due_ms, None),
        Settled::NoAddress => (LetterState::NoAddress, row.due_ms, None),
        Settled::GivenUp(e) => (LetterState::GivenUp, row.due_ms, Some(e)),
        Settled::Later(pause, e) => (LetterState::Pending, now.saturating_add(ms(pause)), Some(e)),
    };
    let done = state != LetterState::Pending;
    let mut update = mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::State, Expr::value(state.code()))
        .col_expr(mail_outbox::Column::DueMs, Expr::value(due))
        .col_expr(
            mail_outbox::Column::ClaimedUntilMs,
            Expr::value(None::<i64>),
        )
        .col_expr(mail_outbox::Column::LastError, Expr::value(error));
    if done {
        update = update
            .col_expr(mail_outbox::Column::DoneMs, Expr::value(now))
            .col_expr(mail_outbox::Column::Body, Expr::value(""));
    }
    update
        .filter(mail_outbox::Column::Id.eq(row.id))
        .filter(mail_outbox::Column::State.eq(LetterState::Pending.code()))
        .exec(db)
        .await?;
    Ok(())
}

/// When the next pending letter that nobody holds falls due, if any. (A
/// held letter is woken about by its holder; one a dead process held is
/// found by the poll once its lease ends.)
pub async fn next_due(db: &impl ConnectionTrait) -> AppResult<Option<i64>> {
    Ok(mail_outbox::Entity::find()
        .filter(mail_outbox::Column::State.eq(LetterState::Pending.code()))
        .filter(mail_outbox::Column::ClaimedUntilMs.is_null())
        .order_by_asc(mail_outbox::Column::DueMs)
        .one(db)
        .await?
        .map(|row| row.due_ms))
}

/// Removes the letters settled before `before` (ms): what was sent or given
/// up is kept for a while as a record, not for ever. Pending letters stay
/// whatever their age. How many went.
pub async fn sweep(db: &impl ConnectionTrait, before: i64) -> AppResult<u64> {
    Ok(mail_outbox::Entity::delete_many()
        .filter(mail_outbox::Column::State.ne(LetterState::Pending.code()))
        .filter(mail_outbox::Column::DoneMs.lt(before))
        .exec(db)
        .await?
        .rows_affected)
}
