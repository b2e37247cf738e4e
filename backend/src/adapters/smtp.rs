//! A small SMTP client (RFC 5321) for the mailer: one message to one
//! recipient per connection. EHLO; STARTTLS or TLS from the first byte
//! (rustls, the web PKI's roots) or, for a relay nearby, plain; AUTH PLAIN
//! when credentials are configured; MAIL FROM, RCPT TO, DATA, QUIT. And the
//! message itself (RFC 5322): UTF-8 subject as RFC 2047 encoded words,
//! UTF-8 text body in base64.

use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::ClientConfig;
use tokio_rustls::rustls::pki_types::ServerName;

use crate::config::{SmtpConfig, SmtpTls};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(15);
/// The longest wait for one reply (RFC 5321 §4.5.3.2 allows more; a
/// retry later is cheaper than a stuck delivery).
const REPLY_TIMEOUT: Duration = Duration::from_secs(60);
/// The longest reply line read.
const MAX_LINE: u64 = 2048;

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SmtpError {
    /// Worth another try later: the network, a timeout, a 4xx reply.
    #[error("{0}")]
    Transient(String),
    /// The same message would fail again: a 5xx reply, a bad address, a
    /// server without the TLS the configuration demands.
    #[error("{0}")]
    Permanent(String),
}

impl SmtpError {
    pub fn is_permanent(&self) -> bool {
        matches!(self, SmtpError::Permanent(_))
    }
}

fn transient(what: &str, e: impl std::fmt::Display) -> SmtpError {
    SmtpError::Transient(format!("{what}: {e}"))
}

/// A reply: its code and its lines' text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub code: u16,
    pub lines: Vec<String>,
}

impl Reply {
    fn error(&self, command: &str) -> SmtpError {
        let text = format!("{command}: {} {}", self.code, self.lines.join(" / "));
        if (500..600).contains(&self.code) {
            SmtpError::Permanent(text)
        } else {
            SmtpError::Transient(text)
        }
    }

    /// Whether an EHLO reply offers `extension` (`STARTTLS`, `AUTH`…).
    fn offers(&self, extension: &str) -> bool {
        self.lines.iter().skip(1).any(|l| {
            l.split_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case(extension))
        })
    }
}

/// Reads one line of a reply: `Some(true)` when more lines follow.
fn parse_line(line: &str, reply: &mut Reply) -> Result<bool, SmtpError> {
    let line = line.trim_end_matches(['\r', '\n']);
    let bad = || SmtpError::Transient(format!("not an SMTP reply: {line:.80}"));
    let code: u16 = line.get(..3).and_then(|c| c.parse().ok()).ok_or_else(bad)?;
    if !(200..600).contains(&code) || (!reply.lines.is_empty() && code != reply.code) {
        return Err(bad());
    }
    reply.code = code;
    let more = match line.as_bytes().get(3) {
        None | Some(b' ') => false,
        Some(b'-') => true,
        Some(_) => return Err(bad()),
    };
    reply
        .lines
        .push(line.get(4..).unwrap_or_default().to_owned());
    Ok(more)
}

trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

struct Session {
    io: BufReader<Box<dyn Stream>>,
}

impl Session {
    fn new(stream: Box<dyn Stream>) -> Session {
        Session {
            io: BufReader::new(stream),
        }
    }

    async fn reply(&mut self) -> Result<Reply, SmtpError> {
        let mut reply = Reply {
            code: 0,
            lines: Vec::new(),
        };
        loop {
            let mut line = String::new();
            let read = tokio::time::timeout(
                REPLY_TIMEOUT,
                (&mut self.io).take(MAX_LINE).read_line(&mut line),
            )
            .await
            .map_err(|_| SmtpError::Transient("no reply in time".into()))?
            .map_err(|e| transient("read", e))?;
            if read == 0 {
                return Err(SmtpError::Transient("connection closed".into()));
            }
            if !parse_line(&line, &mut reply)? {
                return Ok(reply);
            }
        }
    }

    async fn write(&mut self, bytes: &[u8]) -> Result<(), SmtpError> {
        let io = self.io.get_mut();
        tokio::time::timeout(REPLY_TIMEOUT, async {
            io.write_all(bytes).await?;
            io.flush().await
        })
        .await
        .map_err(|_| SmtpError::Transient("write timed out".into()))?
        .map_err(|e| transient("write", e))
    }

    /// Sends `line` (the name shown in errors is its first word, so no
    /// argument — a password — ever reaches a log) and expects `expect`.
    async fn command(&mut self, line: &str, expect: u16) -> Result<Reply, SmtpError> {
        self.write(format!("{line}\r\n").as_bytes()).await?;
        let reply = self.reply().await?;
        if reply.code == expect || (expect == 250 && reply.code == 251) {
            Ok(reply)
        } else {
            Err(reply.error(line.split(' ').next().unwrap_or_default()))
        }
    }
}

/// An address fit for the envelope: no spaces, angle brackets or control
/// characters, one `@` with something on each side.
pub fn valid_address(address: &str) -> bool {
    let Some((local, domain)) = address.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.is_empty()
        && address.len() <= 254
        && !address
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '<' | '>' | '"'))
}

/// Sends `message` (a whole RFC 5322 message, CRLF line ends) from
/// `config.from` to `to`. `helo` names this host.
pub async fn send(
    config: &SmtpConfig,
    tls: &Arc<ClientConfig>,
    helo: &str,
    to: &str,
    message: &str,
) -> Result<(), SmtpError> {
    for address in [config.from.as_str(), to] {
        if !valid_address(address) {
            return Err(SmtpError::Permanent(format!(
                "not an address: {address:.80}"
            )));
        }
    }
    let server_name = || {
        ServerName::try_from(config.host.clone())
            .map_err(|e| SmtpError::Permanent(format!("SMTP host {}: {e}", config.host)))
    };
    let tcp = tokio::time::timeout(
        CONNECT_TIMEOUT,
        TcpStream::connect((config.host.as_str(), config.port)),
    )
    .await
    .map_err(|_| SmtpError::Transient("connect timed out".into()))?
    .map_err(|e| transient("connect", e))?;
    let connector = TlsConnector::from(tls.clone());
    let mut session = if config.tls == SmtpTls::Tls {
        let stream = connector
            .connect(server_name()?, tcp)
            .await
            .map_err(|e| transient("TLS", e))?;
        Session::new(Box::new(stream))
    } else {
        Session::new(Box::new(tcp))
    };
    let greeting = session.reply().await?;
    if greeting.code != 220 {
        return Err(greeting.error("greeting"));
    }
    let mut ehlo = session.command(&format!("EHLO {helo}"), 250).await?;
    if config.tls == SmtpTls::StartTls {
        if !ehlo.offers("STARTTLS") {
            return Err(SmtpError::Permanent("the server offers no STARTTLS".into()));
        }
        session.command("STARTTLS", 220).await?;
        if !session.io.buffer().is_empty() {
            return Err(SmtpError::Transient("data before the TLS handshake".into()));
        }
        let plain = session.io.into_inner();
        let stream = connector
            .connect(server_name()?, plain)
            .await
            .map_err(|e| transient("TLS", e))?;
        session = Session::new(Box::new(stream));
        ehlo = session.command(&format!("EHLO {helo}"), 250).await?;
    }
    if let (Some(user), Some(password)) = (&config.user, &config.password) {
        if !ehlo.offers("AUTH") {
            return Err(SmtpError::Permanent(
                "credentials are configured but the server offers no AUTH".into(),
            ));
        }
        let token = BASE64.encode(format!("\0{user}\0{}", password.expose()));
        session.command(&format!("AUTH PLAIN {token}"), 235).await?;
    }
    session
        .command(&format!("MAIL FROM:<{}>", config.from), 250)
        .await?;
    session.command(&format!("RCPT TO:<{to}>"), 250).await?;
    session.command("DATA", 354).await?;
    session.write(&dot_stuffed(message)).await?;
    let reply = session.reply().await?;
    if reply.code != 250 {
        return Err(reply.error("DATA"));
    }
    // The message is taken; a failed goodbye changes nothing.
    let _ = session.command("QUIT", 221).await;
    Ok(())
}

/// The message as DATA carries it: CRLF line ends, a line starting with a
/// dot doubled, and the closing `.` line.
pub fn dot_stuffed(message: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + 16);
    for line in message.lines() {
        if line.starts_with('.') {
            out.push(b'.');
        }
        out.extend_from_slice(line.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b".\r\n");
    out
}

/// A header value as RFC 2047 encoded words when it is not plain ASCII:
/// `=?UTF-8?B?…?=` of at most 75 characters each, split between
/// characters, folded onto continuation lines.
pub fn encode_header(value: &str) -> String {
    if value.bytes().all(|b| (0x20..0x7f).contains(&b)) && value.len() <= 900 {
        return value.to_owned();
    }
    // 45 bytes make 60 base64 characters: 72 with `=?UTF-8?B?` and `?=`.
    const CHUNK: usize = 45;
    let mut words = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (i, c) in value.char_indices() {
        let next = i + c.len_utf8();
        if next - start > CHUNK {
            words.push(&value[start..end]);
            start = end;
        }
        end = next;
    }
    words.push(&value[start..end]);
    words
        .iter()
        .map(|w| format!("=?UTF-8?B?{}?=", BASE64.encode(w)))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

/// A text message in UTF-8: the headers and the base64 body.
#[derive(Debug, Clone)]
pub struct Message<'a> {
    pub from: &'a str,
    pub to: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub date: DateTime<Utc>,
    /// The part after `@` of the `Message-ID`.
    pub id_domain: &'a str,
}

impl Message<'_> {
    /// The message as RFC 5322 text with CRLF line ends.
    pub fn render(&self) -> String {
        let body = BASE64.encode(self.body.replace('\n', "\r\n").replace("\r\r\n", "\r\n"));
        let mut out = format!(
            "Date: {}\r\nFrom: <{}>\r\nTo: <{}>\r\nSubject: {}\r\nMessage-ID: <{}@{}>\r\n\
             MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
             Content-Transfer-Encoding: base64\r\nAuto-Submitted: auto-generated\r\n\r\n",
            self.date.to_rfc2822(),
            self.from,
            self.to,
            encode_header(self.subject),
            uuid::Uuid::new_v4().simple(),
            self.id_domain,
        );
        for line in body.as_bytes().chunks(76) {
            out.push_str(&String::from_utf8_lossy(line));
            out.push_str("\r\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_words(header: &str) -> String {
        header
            .split("\r\n ")
            .map(|w| {
                let b64 = w
                    .strip_prefix("=?UTF-8?B?")
                    .and_then(|w| w.strip_suffix("?="))
                    .expect("an encoded word");
                String::from_utf8(BASE64.decode(b64).expect("base64")).expect("utf-8")
            })
            .collect()
    }

    #[test]
    fn subjects_become_encoded_words_of_at_most_75_characters() {
        assert_eq!(encode_header("Request 12"), "Request 12");
        let subject =
            "Өтініш № KZ-2025-00000012: Тіркелді / Запрос № KZ-2025-00000012: Зарегистрирован";
        let encoded = encode_header(subject);
        assert!(encoded.is_ascii());
        for word in encoded.split("\r\n ") {
            assert!(word.len() <= 75, "{word}");
        }
        assert!(encoded.split("\r\n ").count() > 1);
        assert_eq!(decode_words(&encoded), subject);
        // A line break in a value cannot smuggle a header in.
        assert!(!encode_header("a\r\nBcc: x@y").contains("\r\nBcc"));
    }

    #[test]
    fn data_is_dot_stuffed_and_closed() {
        assert_eq!(
            dot_stuffed("A: b\r\n\r\n.hidden\r\nend\r\n"),
            b"A: b\r\n\r\n..hidden\r\nend\r\n.\r\n"
        );
        assert_eq!(dot_stuffed("x\n.\ny"), b"x\r\n..\r\ny\r\n.\r\n");
    }

    #[test]
    fn replies_are_read_line_by_line() {
        let mut reply = Reply {
            code: 0,
            lines: Vec::new(),
        };
        assert_eq!(parse_line("250-mail.example.kz\r\n", &mut reply), Ok(true));
        assert_eq!(parse_line("250-STARTTLS\r\n", &mut reply), Ok(true));
        assert_eq!(
            parse_line("250 AUTH PLAIN LOGIN\r\n", &mut reply),
            Ok(false)
        );
        assert_eq!(reply.code, 250);
        assert!(reply.offers("starttls"));
        assert!(reply.offers("AUTH"));
        assert!(!reply.offers("mail.example.kz"));
        assert!(parse_line("hello\r\n", &mut reply).is_err());
        assert!(parse_line("354-x", &mut reply).is_err(), "a changed code");
        let mut reply = Reply {
            code: 0,
            lines: Vec::new(),
        };
        assert_eq!(parse_line("221\r\n", &mut reply), Ok(false));
        let refused = Reply {
            code: 550,
            lines: vec!["no such user".into()],
        };
        assert!(refused.error("RCPT").is_permanent());
        let busy = Reply {
            code: 451,
            lines: vec!["try later".into()],
        };
        assert!(!busy.error("RCPT").is_permanent());
    }

    #[test]
    fn addresses_that_could_inject_commands_are_refused() {
        assert!(valid_address("applicant@example.kz"));
        for bad in [
            "",
            "no-at",
            "@example.kz",
            "a@",
            "a@b>\r\nRCPT TO:<c@d",
            "a b@c",
            "<a@b>",
        ] {
            assert!(!valid_address(bad), "{bad:?}");
        }
    }

    #[test]
    fn messages_carry_utf8_in_base64() {
        let text = Message {
            from: "noreply@egov.example.kz",
            to: "applicant@example.kz",
            subject: "Өтініш № 5",
            body: "Сәлеметсіз бе!\n.\nЗдравствуйте!",
            date: DateTime::from_timestamp(1_700_000_000, 0).expect("time"),
            id_domain: "egov.example.kz",
        }
        .render();
        let (head, body) = text.split_once("\r\n\r\n").expect("head and body");
        assert!(head.contains("\r\nTo: <applicant@example.kz>\r\n"));
        assert!(head.contains("Date: Tue, 14 Nov 2023 22:13:20 +0000"));
        assert!(head.contains("@egov.example.kz>"));
        let subject = head
            .lines()
            .find_map(|l| l.strip_prefix("Subject: "))
            .expect("subject");
        assert_eq!(decode_words(subject), "Өтініш № 5");
        assert!(body.lines().all(|l| l.len() <= 76));
        let decoded = BASE64.decode(body.replace("\r\n", "")).expect("base64");
        assert_eq!(
            String::from_utf8(decoded).expect("utf-8"),
            "Сәлеметсіз бе!\r\n.\r\nЗдравствуйте!"
        );
    }
}
