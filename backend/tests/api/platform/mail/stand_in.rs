//! A stand-in SMTP server on a loopback port that records what it is sent,
//! busy, refusing, silent or speaking TLS as told.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use backend::config::{Secret, SmtpConfig, SmtpTls};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;

/// How the stand-in server behaves.
#[derive(Clone, Default)]
pub struct Behaviour {
    /// Answer `RCPT` with 451 on this many first connections.
    pub busy_first: usize,
    /// Answer `RCPT` with 550 always.
    pub refuse: bool,
    /// Accept connections and never say a word.
    pub silent: bool,
    /// Offer STARTTLS with this certificate…
    pub tls: Option<TlsAcceptor>,
    /// …or speak TLS from the first byte.
    pub implicit_tls: bool,
}

/// One message as the server took it.
#[derive(Debug)]
pub struct Received {
    /// Over TLS.
    pub secured: bool,
    pub auth: Option<String>,
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

impl Received {
    pub fn header(&self, name: &str) -> String {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        // Unfold continuation lines first.
        let head = head.replace("\r\n ", " ");
        head.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
            .unwrap_or_default()
            .to_owned()
    }

    /// The subject, its RFC 2047 encoded words decoded.
    pub fn subject(&self) -> String {
        super::decoding::decode_words(&self.header("Subject"))
    }

    /// The text part of the `multipart/alternative` body.
    pub fn body(&self) -> String {
        self.part("text/plain")
    }

    /// The part of type `kind`, decoded from its base64.
    pub fn part(&self, kind: &str) -> String {
        let content_type = self.header("Content-Type");
        assert!(
            content_type.starts_with("multipart/alternative"),
            "{content_type}"
        );
        let boundary = content_type
            .split("boundary=")
            .nth(1)
            .expect("a boundary")
            .trim_matches('"');
        let body = self.data.split_once("\r\n\r\n").expect("a body").1;
        let part = body
            .split(&format!("--{boundary}"))
            .find(|p| {
                p.trim_start().lines().any(|l| {
                    l.to_ascii_lowercase()
                        .starts_with(&format!("content-type: {kind}"))
                })
            })
            .unwrap_or_else(|| panic!("no {kind} part in {body}"));
        let (head, content) = part.trim_start().split_once("\r\n\r\n").expect("a part");
        assert!(head.contains("Content-Transfer-Encoding: base64"), "{head}");
        let bytes = BASE64
            .decode(content.trim().replace("\r\n", ""))
            .expect("base64");
        String::from_utf8(bytes).expect("utf-8")
    }
}

pub struct FakeSmtp {
    pub port: u16,
    pub connections: Arc<AtomicUsize>,
    pub received: mpsc::UnboundedReceiver<Received>,
}

impl FakeSmtp {
    pub async fn start(behaviour: Behaviour) -> FakeSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let connections = Arc::new(AtomicUsize::new(0));
        let (tx, received) = mpsc::unbounded_channel();
        let counter = connections.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let n = counter.fetch_add(1, Ordering::SeqCst);
                let tx = tx.clone();
                let behaviour = behaviour.clone();
                tokio::spawn(async move {
                    if behaviour.silent {
                        tokio::time::sleep(Duration::from_secs(120)).await;
                        drop(socket);
                    } else {
                        let _ = converse(socket, behaviour, n, tx).await;
                    }
                });
            }
        });
        FakeSmtp {
            port,
            connections,
            received,
        }
    }

    pub fn config(&self, retries: Vec<Duration>) -> SmtpConfig {
        SmtpConfig {
            host: "127.0.0.1".into(),
            port: self.port,
            from: "noreply@egov.test".into(),
            tls: SmtpTls::None,
            user: Some("portal".into()),
            password: Some(Secret::new("smtp-password")),
            ca_pem: None,
            retries,
            timeout: backend::adapters::mail::DEFAULT_TIMEOUT,
        }
    }

    /// Whether no letter comes within `d`.
    pub async fn nothing_within(&mut self, d: Duration) -> bool {
        tokio::time::timeout(d, self.received.recv()).await.is_err()
    }

    pub async fn next(&mut self) -> Received {
        tokio::time::timeout(Duration::from_secs(10), self.received.recv())
            .await
            .expect("a letter within 10 s")
            .expect("the server runs")
    }
}

trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

/// Speaks enough SMTP to take messages, one after another on a connection.
async fn converse(
    socket: tokio::net::TcpStream,
    behaviour: Behaviour,
    connection: usize,
    tx: mpsc::UnboundedSender<Received>,
) -> std::io::Result<()> {
    let mut secured = false;
    let mut lines: BufReader<Box<dyn Stream>> = match &behaviour.tls {
        Some(tls) if behaviour.implicit_tls => {
            secured = true;
            BufReader::new(Box::new(tls.accept(socket).await?))
        }
        _ => BufReader::new(Box::new(socket)),
    };
    lines
        .get_mut()
        .write_all(b"220 fake.test ESMTP\r\n")
        .await?;
    let mut auth = None;
    let mut from = String::new();
    let mut to = Vec::new();
    loop {
        let mut line = String::new();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let line = line.trim_end();
        let verb = line.split([' ', ':']).next().unwrap_or_default();
        let write = lines.get_mut();
        let reply: &[u8] = match verb.to_ascii_uppercase().as_str() {
            "EHLO" if behaviour.tls.is_some() && !secured => {
                b"250-fake.test\r\n250-STARTTLS\r\n250 8BITMIME\r\n"
            }
            "EHLO" => b"250-fake.test\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n",
            "STARTTLS" => match &behaviour.tls {
                Some(tls) if !secured => {
                    write.write_all(b"220 2.0.0 go ahead\r\n").await?;
                    let plain = lines.into_inner();
                    lines = BufReader::new(Box::new(tls.accept(plain).await?));
                    secured = true;
                    continue;
                }
                _ => b"503 5.5.1 no\r\n",
            },
            "AUTH" => {
                auth = line.strip_prefix("AUTH PLAIN ").map(str::to_owned);
                b"235 2.7.0 ok\r\n"
            }
            "MAIL" => {
                from = line.trim_start_matches("MAIL FROM:").to_owned();
                b"250 ok\r\n"
            }
            "RCPT" if behaviour.refuse => b"550 5.1.1 no such mailbox\r\n",
            "RCPT" if connection < behaviour.busy_first => b"451 4.3.0 try later\r\n",
            "RCPT" => {
                to.push(line.trim_start_matches("RCPT TO:").to_owned());
                b"250 ok\r\n"
            }
            "DATA" => {
                write.write_all(b"354 go on\r\n").await?;
                let mut data = String::new();
                loop {
                    let mut l = String::new();
                    if lines.read_line(&mut l).await? == 0 {
                        return Ok(());
                    }
                    if l == ".\r\n" {
                        break;
                    }
                    data.push_str(l.strip_prefix('.').unwrap_or(&l));
                }
                let _ = tx.send(Received {
                    secured,
                    auth: auth.take(),
                    from: std::mem::take(&mut from),
                    to: std::mem::take(&mut to),
                    data,
                });
                b"250 2.0.0 queued\r\n"
            }
            "NOOP" | "RSET" => b"250 ok\r\n",
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"500 5.5.2 what?\r\n",
        };
        lines.get_mut().write_all(reply).await?;
    }
}
