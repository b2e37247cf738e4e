//! The letter through a real mail server, when `TEST_AIOSMTPD_PYTHON` names
//! a Python with aiosmtpd (`cargo xtask test` installs it from PyPI):
//! `backend/tests/mail_server/server.py` requires STARTTLS and AUTH, and
//! Python's own `email` package reads what it took — the subject, both
//! parts, the headers — so the encoding is checked by an implementation
//! neither we nor lettre wrote.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use backend::config::SmtpTls;
use serde_json::Value;

use crate::helpers::app::TestApp;
use crate::platform::mail::delivery::queue_letter;
use crate::platform::mail::stand_in::FakeSmtp;

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The first message the server wrote into `out`, within 20 s.
fn first_message(out: &std::path::Path) -> Value {
    let began = Instant::now();
    while began.elapsed() < Duration::from_secs(20) {
        let written = std::fs::read_dir(out)
            .expect("the server's folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "json"));
        if let Some(path) = written {
            return serde_json::from_slice(&std::fs::read(path).expect("the message"))
                .expect("json");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("no message reached the mail server within 20 s");
}

#[tokio::test]
async fn a_status_letter_reaches_a_real_mail_server_over_starttls_with_auth() {
    let Ok(python) = std::env::var("TEST_AIOSMTPD_PYTHON") else {
        eprintln!("skipped: TEST_AIOSMTPD_PYTHON names no Python with aiosmtpd");
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("cert");
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let pem = super::tls::pem(made.cert.der());
    std::fs::write(&cert, &pem).expect("cert file");
    let key_pem = super::tls::pem_of("PRIVATE KEY", &made.key_pair.serialize_der());
    std::fs::write(&key, key_pem).expect("key file");
    let out = dir.path().join("received");
    std::fs::create_dir(&out).expect("out");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/mail_server/server.py");
    let _server = Server(
        Command::new(python)
            .arg(script)
            .args(["--port", &port.to_string(), "--user", "portal"])
            .args(["--password", "smtp-password"])
            .arg("--out")
            .arg(&out)
            .arg("--cert")
            .arg(&cert)
            .arg("--key")
            .arg(&key)
            .stdout(Stdio::null())
            .spawn()
            .expect("the mail server starts"),
    );
    let began = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            began.elapsed() < Duration::from_secs(20),
            "aiosmtpd did not listen"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // The stand-in's settings (sender, user, password), this server's port.
    let mut config = FakeSmtp::start(Default::default()).await.config(Vec::new());
    config.host = "localhost".into();
    config.port = port;
    config.tls = SmtpTls::StartTls;
    config.ca_pem = Some(pem);
    let app = TestApp::builder().smtp(config).build().await;
    queue_letter(&app).await;
    let got = tokio::task::spawn_blocking(move || first_message(&out))
        .await
        .expect("read");

    assert_eq!(got["secured"], true, "{got}");
    assert_eq!(got["authenticated"], true, "{got}");
    assert_eq!(got["mail_from"], "noreply@egov.test");
    assert_eq!(got["defects"], serde_json::json!([]), "{got}");
    assert_eq!(got["content_type"], "multipart/alternative");
    assert_eq!(got["auto_submitted"], "auto-generated");
    assert!(
        got["message_id"]
            .as_str()
            .is_some_and(|m| m.ends_with("@egov.test>"))
    );
    let subject = got["subject"].as_str().expect("a subject");
    assert!(
        subject.starts_with("Сұрау № ")
            && subject.contains(": Тіркелді / Запрос № ")
            && subject.ends_with(": Зарегистрирован"),
        "{subject}"
    );
    let name = app
        .state
        .catalog
        .service_name("med-license")
        .expect("a name");
    let text = got["text"].as_str().expect("a text part");
    assert!(
        text.contains(&format!("Қызмет: {}", name.get(shared::Lang::Kk))),
        "{text}"
    );
    assert!(
        text.contains(&format!("Услуга: {}", name.get(shared::Lang::Ru))),
        "{text}"
    );
    assert!(text.contains("Новый статус: Зарегистрирован"), "{text}");
    assert!(!text.contains("med-license"), "{text}");
    let html = got["html"].as_str().expect("an HTML part");
    assert!(
        html.contains("<a href=\"http://127.0.0.1/requests/"),
        "{html}"
    );
}
