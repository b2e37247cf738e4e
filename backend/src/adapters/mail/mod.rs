//! The mailer: e-mail to users, sent in the background so that a request
//! never waits for (or fails because of) the mail server. Letters go into a
//! bounded queue; a task takes each one, finds the user's address, builds
//! the message ([`message`], `lettre`'s builder) and hands it to `lettre`'s
//! pooled SMTP transport ([`transport`]), trying again after each pause of
//! [`SmtpConfig::retries`] while the failure is transient. The queue is in
//! memory: letters not yet delivered when the portal stops are lost (the
//! in-app notification stays).

pub mod message;
pub mod transport;

use std::sync::Arc;
use std::time::Duration;

use lettre::AsyncTransport;
use lettre::message::Mailbox;
use lettre::transport::smtp::extension::ClientId;
use sea_orm::EntityTrait;
use tokio::sync::{Semaphore, mpsc};

use crate::config::SmtpConfig;
use crate::db::Db;
use crate::db::entities::users;

/// Letters waiting beyond this are dropped (and logged), never waited for.
const QUEUE: usize = 1024;
/// Letters being delivered (or waiting to be tried again) at once; more
/// wait in the queue.
const IN_FLIGHT: usize = 256;

/// The pauses before each new attempt: about an hour and a half in all.
pub const DEFAULT_RETRIES: [Duration; 5] = [
    Duration::from_secs(10),
    Duration::from_secs(60),
    Duration::from_secs(5 * 60),
    Duration::from_secs(15 * 60),
    Duration::from_secs(60 * 60),
];

/// One e-mail to one user: its text (the HTML part is made from it).
#[derive(Debug, Clone)]
pub struct Letter {
    pub user_id: i32,
    /// For the log: the request the letter is about, if any.
    pub request_id: Option<i32>,
    pub subject: String,
    pub body: String,
}

/// The sending side of the queue; `None` when no SMTP server is configured.
#[derive(Debug)]
pub struct Mailer {
    queue: Option<mpsc::Sender<Letter>>,
}

struct Delivery {
    from: Mailbox,
    retries: Vec<Duration>,
    transport: transport::Transport,
    db: Db,
}

impl Mailer {
    /// A mailer that sends nothing.
    pub fn disabled() -> Mailer {
        Mailer { queue: None }
    }

    /// Starts the background task for `config`; `public_url` gives the name
    /// used in `EHLO`.
    pub fn start(config: SmtpConfig, db: Db, public_url: &str) -> Result<Mailer, String> {
        let from: Mailbox = config
            .from
            .parse()
            .map_err(|e| format!("SMTP sender {}: {e}", config.from))?;
        let delivery = Arc::new(Delivery {
            from,
            transport: transport::build(&config, helo_name(public_url))?,
            retries: config.retries,
            db,
        });
        let (tx, mut rx) = mpsc::channel::<Letter>(QUEUE);
        let in_flight = Arc::new(Semaphore::new(IN_FLIGHT));
        tokio::spawn(async move {
            // Ends when the `App` (the last sender) is gone.
            while let Some(letter) = rx.recv().await {
                let Ok(slot) = in_flight.clone().acquire_owned().await else {
                    return;
                };
                let delivery = delivery.clone();
                tokio::spawn(async move {
                    delivery.deliver(letter).await;
                    drop(slot);
                });
            }
        });
        Ok(Mailer { queue: Some(tx) })
    }

    pub fn is_enabled(&self) -> bool {
        self.queue.is_some()
    }

    /// Queues `letter`; never waits. A full queue drops it, logged.
    pub fn send(&self, letter: Letter) {
        let Some(queue) = &self.queue else {
            return;
        };
        let (user_id, request_id) = (letter.user_id, letter.request_id);
        if let Err(e) = queue.try_send(letter) {
            tracing::error!(user_id, request_id = ?request_id, error = %e, "e-mail dropped: the mail queue is full");
        }
    }
}

impl Delivery {
    async fn deliver(&self, letter: Letter) {
        let (user_id, request_id) = (letter.user_id, letter.request_id);
        let to = match users::Entity::find_by_id(letter.user_id)
            .one(&self.db.read)
            .await
        {
            // An account made at a desk has no address until its owner registers.
            Ok(Some(user)) if user.email.is_empty() => {
                tracing::info!(
                    user_id,
                    request_id = ?request_id,
                    "e-mail not sent: the account has no address"
                );
                return;
            }
            Ok(Some(user)) => user.email,
            Ok(None) => {
                tracing::warn!(user_id, request_id = ?request_id, "e-mail not sent: no such user");
                return;
            }
            Err(e) => {
                tracing::error!(user_id, request_id = ?request_id, error = %e, "e-mail not sent: the user could not be read");
                return;
            }
        };
        let message = match message::build(&self.from, &to, &letter.subject, &letter.body) {
            Ok(message) => message,
            Err(e) => {
                tracing::error!(user_id, request_id = ?request_id, error = %e, "e-mail not sent");
                return;
            }
        };
        let pauses = std::iter::once(Duration::ZERO).chain(self.retries.iter().copied());
        for (attempt, pause) in (1u32..).zip(pauses) {
            tokio::time::sleep(pause).await;
            match self.transport.send(message.clone()).await {
                Ok(_) => {
                    tracing::info!(user_id, request_id = ?request_id, attempt, "e-mail sent");
                    return;
                }
                Err(e) if transport::is_permanent(&e) => {
                    tracing::error!(user_id, request_id = ?request_id, attempt, error = %e, "e-mail refused; not trying again");
                    return;
                }
                Err(e) => {
                    tracing::warn!(user_id, request_id = ?request_id, attempt, error = %e, "e-mail not sent yet");
                }
            }
        }
        tracing::error!(user_id, request_id = ?request_id, "e-mail given up after every retry");
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
