//! The mailer: e-mail to users through a durable outbox ([`outbox`]). A
//! letter is a row written in the transaction of the change it tells of;
//! every portal process runs a sender that claims due letters, finds each
//! user's address, builds the message ([`message`], `lettre`'s builder),
//! hands it to `lettre`'s pooled SMTP transport ([`transport`]) and settles
//! the row: sent, given up (a refusal, or every attempt failed), or due
//! again after the next pause of [`SmtpConfig::retries`]. A request never
//! waits for (or fails because of) the mail server, and a letter survives
//! the process that queued it. Delivery is at least once: a process killed
//! between the server's acceptance and the row's settling leaves the letter
//! to be sent again when its lease ends, with the same `Message-ID`.

pub mod message;
pub mod outbox;
pub mod transport;

use std::sync::Arc;
use std::time::Duration;

use lettre::AsyncTransport;
use lettre::message::Mailbox;
use lettre::transport::smtp::extension::ClientId;
use sea_orm::{ConnectionTrait, EntityTrait};
use tokio::sync::{Notify, Semaphore, watch};

pub use self::outbox::Letter;
use self::outbox::Settled;
use crate::config::SmtpConfig;
use crate::db::Db;
use crate::db::entities::{mail_outbox, users};
use crate::error::AppResult;

/// Letters being delivered at once by one process.
const IN_FLIGHT: usize = 64;
/// The transport's longest wait for one reply, unless configured.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a claimed letter is this process's alone, in replies'
/// timeouts: well beyond one attempt, so that a slow attempt is never made
/// twice at once.
const LEASE_TIMEOUTS: u32 = 3;
/// How often the outbox is looked at without being woken: the longest a
/// letter queued by another process, or left by a dead one once its lease
/// ended, waits.
const POLL: Duration = Duration::from_secs(5);

/// How long a settled letter (sent, given up) is kept as a record.
pub const KEPT: Duration = Duration::from_secs(90 * 24 * 60 * 60);
/// How often a sender removes the letters kept longer.
const SWEEP_EVERY: Duration = Duration::from_secs(60 * 60);

/// The pauses before each new attempt: about an hour and a half in all.
pub const DEFAULT_RETRIES: [Duration; 5] = [
    Duration::from_secs(10),
    Duration::from_secs(60),
    Duration::from_secs(5 * 60),
    Duration::from_secs(15 * 60),
    Duration::from_secs(60 * 60),
];

/// The outbox's writer and this process's sender; without an SMTP server
/// nothing is queued.
#[derive(Debug)]
pub struct Mailer {
    sender: Option<Sender>,
}

#[derive(Debug)]
struct Sender {
    wake: Arc<Notify>,
    stop: watch::Sender<bool>,
    in_flight: Arc<Semaphore>,
}

struct Delivery {
    from: Mailbox,
    domain: String,
    retries: Vec<Duration>,
    lease: Duration,
    transport: transport::Transport,
    db: Db,
    wake: Arc<Notify>,
}

impl Mailer {
    /// A mailer that sends nothing.
    pub fn disabled() -> Mailer {
        Mailer { sender: None }
    }

    /// Starts this process's sender for `config`; `public_url` gives the
    /// name used in `EHLO`.
    pub fn start(config: SmtpConfig, db: Db, public_url: &str) -> Result<Mailer, String> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| format!("SMTP sender {}: {e}", config.from))?;
        let wake = Arc::new(Notify::new());
        let delivery = Arc::new(Delivery {
            domain: from.email.domain().to_owned(),
            from,
            transport: transport::build(&config, helo_name(public_url))?,
            retries: config.retries,
            lease: config.timeout.saturating_mul(LEASE_TIMEOUTS),
            db,
            wake: wake.clone(),
        });
        let (stop, stopped) = watch::channel(false);
        let in_flight = Arc::new(Semaphore::new(IN_FLIGHT));
        tokio::spawn(delivery.run(stopped, in_flight.clone()));
        Ok(Mailer {
            sender: Some(Sender {
                wake,
                stop,
                in_flight,
            }),
        })
    }

    pub fn is_enabled(&self) -> bool {
        self.sender.is_some()
    }

    /// Queues `letter` inside `db`, the transaction of the change it tells
    /// of (nothing without an SMTP server); [`wake`](Self::wake) once it
    /// has committed.
    pub async fn queue(&self, db: &impl ConnectionTrait, letter: &Letter) -> AppResult<()> {
        if self.is_enabled() {
            outbox::queue(db, letter).await?;
        }
        Ok(())
    }

    /// Tells the sender that letters were committed.
    pub fn wake(&self) {
        if let Some(sender) = &self.sender {
            sender.wake.notify_one();
        }
    }

    /// Stops claiming letters (the others' processes send the rest) and
    /// waits, up to `grace`, for the attempts under way.
    pub async fn drain(&self, grace: Duration) {
        let Some(sender) = &self.sender else {
            return;
        };
        sender.stop.send_replace(true);
        let all = u32::try_from(IN_FLIGHT).unwrap_or(u32::MAX);
        if tokio::time::timeout(grace, sender.in_flight.acquire_many(all))
            .await
            .is_err()
        {
            tracing::warn!(
                "mail: attempts still under way at shutdown; their letters go out again after the lease"
            );
        }
    }
}

impl Drop for Mailer {
    fn drop(&mut self) {
        if let Some(sender) = &self.sender {
            sender.stop.send_replace(true);
        }
    }
}

impl Delivery {
    /// Claims and sends due letters until told to stop.
    async fn run(self: Arc<Self>, mut stopped: watch::Receiver<bool>, in_flight: Arc<Semaphore>) {
        let mut swept_at: Option<std::time::Instant> = None;
        while !*stopped.borrow() {
            if swept_at.is_none_or(|at| at.elapsed() >= SWEEP_EVERY) {
                swept_at = Some(std::time::Instant::now());
                self.sweep().await;
            }
            let free = in_flight.available_permits();
            let batch = if free == 0 {
                Vec::new()
            } else {
                let limit = u64::try_from(free).unwrap_or(1);
                outbox::claim(&self.db.write, limit, self.lease)
                    .await
                    .unwrap_or_else(|e| {
                        tracing::error!(error = ?e, "mail: the outbox could not be read");
                        Vec::new()
                    })
            };
            let full = batch.len() == free && free > 0;
            for row in batch {
                let Ok(slot) = in_flight.clone().acquire_owned().await else {
                    return;
                };
                let delivery = self.clone();
                tokio::spawn(async move {
                    delivery.attempt(row).await;
                    drop(slot);
                });
            }
            if full {
                continue;
            }
            let pause = match outbox::next_due(&self.db.read).await {
                Ok(Some(due)) => {
                    let wait = due.saturating_sub(outbox::now_ms()).max(0);
                    POLL.min(Duration::from_millis(u64::try_from(wait).unwrap_or(0)))
                }
                _ => POLL,
            };
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(pause) => {}
                _ = stopped.changed() => {}
            }
        }
    }

    /// Removes the letters settled more than [`KEPT`] ago.
    async fn sweep(&self) {
        let kept = i64::try_from(KEPT.as_millis()).unwrap_or(i64::MAX);
        match outbox::sweep(&self.db.write, outbox::now_ms().saturating_sub(kept)).await {
            Ok(0) => {}
            Ok(swept) => tracing::info!(swept, "mail: settled letters past their time removed"),
            Err(e) => tracing::error!(error = ?e, "mail: the outbox could not be swept"),
        }
    }

    /// One attempt at `row`, settled.
    async fn attempt(&self, row: mail_outbox::Model) {
        let (id, user_id, request_id) = (row.id, row.user_id, row.request_id);
        let how = self.send(&row).await;
        match &how {
            Settled::Sent => {
                tracing::info!(id, user_id, request_id = ?request_id, attempt = row.attempts, "e-mail sent");
            }
            Settled::NoAddress => {
                tracing::info!(id, user_id, request_id = ?request_id, "e-mail not sent: the account has no address");
            }
            Settled::GivenUp(e) => {
                tracing::error!(id, user_id, request_id = ?request_id, attempt = row.attempts, error = %e, "e-mail given up");
            }
            Settled::Later(_, e) => {
                tracing::warn!(id, user_id, request_id = ?request_id, attempt = row.attempts, error = %e, "e-mail not sent yet");
            }
        }
        if let Err(e) = outbox::settle(&self.db.write, &row, how).await {
            tracing::error!(id, error = ?e, "mail: the letter's outcome could not be recorded; it goes out again after the lease");
        }
        // A slot is free, and a letter may be due again.
        self.wake.notify_one();
    }

    async fn send(&self, row: &mail_outbox::Model) -> Settled {
        let to = match users::Entity::find_by_id(row.user_id)
            .one(&self.db.read)
            .await
        {
            // An account made at a desk has no address until its owner registers.
            Ok(Some(user)) if user.email.is_empty() => return Settled::NoAddress,
            Ok(Some(user)) => user.email,
            Ok(None) => return Settled::GivenUp("no such user".to_owned()),
            Err(e) => return self.later(row, format!("the user could not be read: {e}")),
        };
        let message_id = format!("<outbox-{}.{}@{}>", row.id, row.created_ms, self.domain);
        let message = match message::build(&self.from, &to, &row.subject, &row.body, message_id) {
            Ok(message) => message,
            Err(e) => return Settled::GivenUp(e),
        };
        match self.transport.send(message).await {
            Ok(_) => Settled::Sent,
            Err(e) if transport::is_permanent(&e) => {
                Settled::GivenUp(format!("refused; not trying again: {e}"))
            }
            Err(e) => self.later(row, e.to_string()),
        }
    }

    /// A failed attempt: due again after the next pause, or given up after
    /// the last.
    fn later(&self, row: &mail_outbox::Model, error: String) -> Settled {
        let done = usize::try_from(row.attempts).unwrap_or(usize::MAX);
        match done.checked_sub(1).and_then(|i| self.retries.get(i)) {
            Some(pause) => Settled::Later(*pause, error),
            None => Settled::GivenUp(format!("every attempt failed; the last: {error}")),
        }
    }
}

/// The `EHLO` argument: the public address's host name, or an address
/// literal for an IP address.
fn helo_name(public_url: &str) -> ClientId {
    let host = public_url
        .split_once("://")
        .map_or(public_url, |(_, rest)| rest)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or_default();
    if let Some(v6) = host.strip_prefix('[')
        && let Ok(ip) = v6.split(']').next().unwrap_or_default().parse()
    {
        return ClientId::Ipv6(ip);
    }
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    match host.parse() {
        Ok(ip) => ClientId::Ipv4(ip),
        Err(_) if host.is_empty() => ClientId::Domain("localhost".to_owned()),
        Err(_) => ClientId::Domain(host.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_portal_names_itself_by_its_public_address() {
        let name = |url: &str| helo_name(url).to_string();
        assert_eq!(name("https://egov.example.kz"), "egov.example.kz");
        assert_eq!(name("https://egov.example.kz:8443/x"), "egov.example.kz");
        assert_eq!(name("http://127.0.0.1:8080"), "[127.0.0.1]");
        assert_eq!(name("http://[::1]:8080"), "[IPv6:::1]");
        assert_eq!(name(""), "localhost");
    }
}
