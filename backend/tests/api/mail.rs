//! E-mail to the applicant on each status change, through a stand-in SMTP
//! server on a loopback port that records what it is sent: the letter's
//! recipient, subject and body in both languages; retries after a
//! transient failure, none after a refusal; STARTTLS and TLS from the
//! first byte, with the password sent only inside; and a mail server that
//! never answers delays no request.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use backend::adapters::smtp;
use backend::adapters::smtp::encode_header;
use backend::config::{Secret, SmtpConfig, SmtpTls};
use backend::db::entities::{requests, users};
use backend::pki::cert::KeyPurpose;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use shared::request::{Application, RequestDto, RequestStatus};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore, ServerConfig};

use crate::helpers::{DEMO_APPLICANT, TestApp, demo_keystore, sign_bytes};
use crate::journey::{complete_med_license, pay_directly, start_payment};

/// How the stand-in server behaves.
#[derive(Clone, Default)]
struct Behaviour {
    /// Answer `RCPT` with 451 on this many first connections.
    busy_first: usize,
    /// Answer `RCPT` with 550 always.
    refuse: bool,
    /// Accept connections and never say a word.
    silent: bool,
    /// Offer STARTTLS with this certificate…
    tls: Option<TlsAcceptor>,
    /// …or speak TLS from the first byte.
    implicit_tls: bool,
}

/// One message as the server took it.
#[derive(Debug)]
struct Received {
    /// Over TLS.
    secured: bool,
    auth: Option<String>,
    from: String,
    to: Vec<String>,
    data: String,
}

impl Received {
    fn header(&self, name: &str) -> String {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        // Unfold continuation lines first.
        let head = head.replace("\r\n ", " ");
        head.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
            .unwrap_or_default()
            .to_owned()
    }

    /// Whether the subject is `expected`, encoded as the mailer encodes it
    /// (the encoding itself is checked by `services::smtp`'s tests).
    fn has_subject(&self, expected: &str) -> bool {
        self.header("Subject") == encode_header(expected).replace("\r\n ", " ")
    }

    fn body(&self) -> String {
        assert_eq!(self.header("Content-Transfer-Encoding"), "base64");
        let body = self.data.split_once("\r\n\r\n").expect("a body").1;
        let bytes = BASE64.decode(body.replace("\r\n", "")).expect("base64");
        String::from_utf8(bytes).expect("utf-8")
    }
}

struct FakeSmtp {
    port: u16,
    connections: Arc<AtomicUsize>,
    received: mpsc::UnboundedReceiver<Received>,
}

impl FakeSmtp {
    async fn start(behaviour: Behaviour) -> FakeSmtp {
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

    fn config(&self, retries: Vec<Duration>) -> SmtpConfig {
        SmtpConfig {
            host: "127.0.0.1".into(),
            port: self.port,
            from: "noreply@egov.test".into(),
            tls: SmtpTls::None,
            user: Some("portal".into()),
            password: Some(Secret::new("smtp-password")),
            retries,
        }
    }

    async fn next(&mut self) -> Received {
        tokio::time::timeout(Duration::from_secs(10), self.received.recv())
            .await
            .expect("a letter within 10 s")
            .expect("the server runs")
    }
}

trait Stream: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Stream for T {}

/// Speaks enough SMTP to take one message per connection.
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
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"500 5.5.2 what?\r\n",
        };
        lines.get_mut().write_all(reply).await?;
    }
}

async fn applicant_email(app: &TestApp) -> String {
    users::Entity::find()
        .filter(users::Column::IdNumber.eq(DEMO_APPLICANT.0))
        .one(&app.state.db.read)
        .await
        .expect("query")
        .expect("the demo applicant")
        .email
}

/// Checks one status letter about request `id`.
fn check_letter(letter: &Received, to: &str, id: i64, number: &str, kk: &str, ru: &str) {
    assert_eq!(letter.to, vec![format!("<{to}>")]);
    assert_eq!(letter.from, "<noreply@egov.test>");
    assert_eq!(letter.header("To"), format!("<{to}>"));
    let subject = format!("Өтініш № {number}: {kk} / Запрос № {number}: {ru}");
    assert!(letter.has_subject(&subject), "{}", letter.header("Subject"));
    let body = letter.body();
    for expected in [
        format!("№ {number} өтінішіңіздің мәртебесі өзгерді."),
        format!("Жаңа мәртебе: {kk}"),
        format!("Статус вашего запроса № {number} изменился."),
        format!("Новый статус: {ru}"),
        "(med-license)".to_owned(),
        format!("http://127.0.0.1/requests/{id}\r\n"),
    ] {
        assert!(body.contains(&expected), "{expected:?} in {body}");
    }
}

#[tokio::test]
async fn each_status_change_is_mailed_to_the_applicant_in_kazakh_and_russian() {
    let mut smtp = FakeSmtp::start(Behaviour::default()).await;
    let app = TestApp::builder()
        .smtp(smtp.config(vec![Duration::from_millis(50)]))
        .build()
        .await;
    let to = applicant_email(&app).await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = complete_med_license(&app, &token).await;
    // Drafts are not news.
    assert_eq!(smtp.connections.load(Ordering::SeqCst), 0);

    let (_, order) = start_payment(&app, &token, d.id).await;
    let letter = smtp.next().await;
    let id = d.id.to_string();
    check_letter(&letter, &to, d.id, &id, "Төлемді күтуде", "Ожидает оплаты");
    let credentials = BASE64
        .decode(letter.auth.as_deref().expect("AUTH PLAIN"))
        .expect("base64");
    assert_eq!(credentials, b"\0portal\0smtp-password");

    pay_directly(&app, &order).await;
    check_letter(
        &smtp.next().await,
        &to,
        d.id,
        &id,
        "Қол қоюды күтуде",
        "Ожидает подписания",
    );

    let application: Application = app
        .get(&format!("/api/requests/{}/application", d.id))
        .token(&token)
        .send()
        .await
        .json();
    let cms = sign_bytes(
        &demo_keystore(&app, DEMO_APPLICANT.0, KeyPurpose::Signing),
        &application.to_signed_bytes(),
    );
    let res = app
        .post(&format!("/api/requests/{}/submit", d.id))
        .token(&token)
        .json(json!({ "cms": cms }))
        .send()
        .await;
    assert_eq!(res.status, StatusCode::OK, "{:?}", res.value());
    let done: RequestDto = res.json();
    let number = done.number.expect("a number");
    check_letter(
        &smtp.next().await,
        &to,
        d.id,
        number.as_str(),
        "Тіркелді",
        "Зарегистрирован",
    );
    // One letter per change, each on its own connection.
    assert_eq!(smtp.connections.load(Ordering::SeqCst), 3);
}

/// A letter about a draft of the demo applicant as if it had been sent.
async fn queue_letter(app: &TestApp) {
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = app.draft(&token, "med-license", "issuance").await;
    let mut model = requests::Entity::find_by_id(i32::try_from(d.id).expect("id"))
        .one(&app.state.db.read)
        .await
        .expect("query")
        .expect("the draft");
    model.status = RequestStatus::Submitted.code().to_owned();
    backend::services::core::notifications::email(&app.state, &model);
}

#[tokio::test]
async fn a_busy_server_is_tried_again_and_a_refusal_is_not() {
    let mut busy = FakeSmtp::start(Behaviour {
        busy_first: 2,
        ..Behaviour::default()
    })
    .await;
    let app = TestApp::builder()
        .smtp(busy.config(vec![Duration::from_millis(50); 3]))
        .build()
        .await;
    queue_letter(&app).await;
    let letter = busy.next().await;
    assert!(letter.body().contains("Новый статус: Зарегистрирован"));
    assert_eq!(busy.connections.load(Ordering::SeqCst), 3);

    let refusing = FakeSmtp::start(Behaviour {
        refuse: true,
        ..Behaviour::default()
    })
    .await;
    let app = TestApp::builder()
        .smtp(refusing.config(vec![Duration::from_millis(50); 3]))
        .build()
        .await;
    queue_letter(&app).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(refusing.connections.load(Ordering::SeqCst), 1);

    // STARTTLS demanded of a server that does not offer it: no retry, and
    // the password never crosses in the clear.
    let mut plain = FakeSmtp::start(Behaviour::default()).await;
    let mut config = plain.config(vec![Duration::from_millis(50); 3]);
    config.tls = SmtpTls::StartTls;
    let app = TestApp::builder().smtp(config).build().await;
    queue_letter(&app).await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(plain.connections.load(Ordering::SeqCst), 1);
    assert!(plain.received.try_recv().is_err());
}

#[tokio::test]
async fn a_mail_server_that_never_answers_delays_no_request() {
    let silent = FakeSmtp::start(Behaviour {
        silent: true,
        ..Behaviour::default()
    })
    .await;
    let app = TestApp::builder()
        .smtp(silent.config(Vec::new()))
        .build()
        .await;
    let token = app.login_token(DEMO_APPLICANT.0, DEMO_APPLICANT.1).await;
    let d = complete_med_license(&app, &token).await;
    let started = Instant::now();
    start_payment(&app, &token, d.id).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    // The letter is on its way: the server was reached.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(silent.connections.load(Ordering::SeqCst), 1);
}

/// A certificate for `localhost`, and a client that trusts it alone.
fn localhost_tls() -> (TlsAcceptor, Arc<ClientConfig>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("cert");
    let cert = CertificateDer::from(made.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.key_pair.serialize_der()));
    let server = ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(vec![cert.clone()], key)
        .expect("server config");
    let mut roots = RootCertStore::empty();
    roots.add(cert).expect("root");
    let client = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_root_certificates(roots)
        .with_no_client_auth();
    (TlsAcceptor::from(Arc::new(server)), Arc::new(client))
}

#[tokio::test]
async fn starttls_and_implicit_tls_carry_the_password_and_the_letter() {
    let (acceptor, trusting) = localhost_tls();
    let message = backend::adapters::smtp::Message {
        from: "noreply@egov.test",
        to: "applicant@example.kz",
        subject: "Өтініш № 7",
        body: "Сәлеметсіз бе!",
        date: chrono::Utc::now(),
        id_domain: "egov.test",
    }
    .render();
    for (mode, implicit_tls) in [(SmtpTls::StartTls, false), (SmtpTls::Tls, true)] {
        let mut server = FakeSmtp::start(Behaviour {
            tls: Some(acceptor.clone()),
            implicit_tls,
            ..Behaviour::default()
        })
        .await;
        let mut config = server.config(Vec::new());
        config.host = "localhost".into();
        config.tls = mode;
        smtp::send(
            &config,
            &trusting,
            "[127.0.0.1]",
            "applicant@example.kz",
            &message,
        )
        .await
        .expect("sent");
        let letter = server.next().await;
        assert!(letter.secured, "{mode:?}");
        assert_eq!(
            BASE64
                .decode(letter.auth.as_deref().expect("AUTH PLAIN"))
                .expect("base64"),
            b"\0portal\0smtp-password"
        );
        assert!(letter.has_subject("Өтініш № 7"));
        assert_eq!(letter.body(), "Сәлеметсіз бе!");

        // The portal's own roots (the web PKI) do not trust this
        // certificate: nothing is sent, and it is worth another try.
        let web_pki = backend::adapters::tls::client_config().expect("client config");
        let refused = smtp::send(
            &config,
            &web_pki,
            "[127.0.0.1]",
            "applicant@example.kz",
            &message,
        )
        .await
        .expect_err("an unknown issuer");
        assert!(!refused.is_permanent(), "{refused}");
        assert!(server.received.try_recv().is_err());
    }
}
