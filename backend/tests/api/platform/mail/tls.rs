//! STARTTLS and TLS from the first byte carry the password and the letter
//! only inside; a certificate that neither the web PKI nor the configured
//! private CA vouches for gets nothing.

use std::sync::Arc;

use backend::adapters::mail::{message, transport};
use backend::config::SmtpTls;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use lettre::AsyncTransport;
use lettre::transport::smtp::extension::ClientId;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{self, ServerConfig};

use crate::platform::mail::stand_in::{Behaviour, FakeSmtp};

/// A certificate for `localhost` and its PEM (the "private CA").
fn localhost_tls() -> (TlsAcceptor, Vec<u8>) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).expect("cert");
    let cert = CertificateDer::from(made.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.key_pair.serialize_der()));
    let server = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(vec![cert], key)
        .expect("server config");
    (TlsAcceptor::from(Arc::new(server)), pem(made.cert.der()))
}

/// A certificate in PEM, as a private CA's file holds it.
pub fn pem(der: &[u8]) -> Vec<u8> {
    pem_of("CERTIFICATE", der)
}

/// `der` in PEM under `label`.
pub fn pem_of(label: &str, der: &[u8]) -> Vec<u8> {
    let b64 = BASE64.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|l| std::str::from_utf8(l).expect("base64 is ASCII"))
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
    .into_bytes()
}

#[tokio::test]
async fn starttls_and_implicit_tls_carry_the_password_and_the_letter() {
    let (acceptor, ca_pem) = localhost_tls();
    let from = "noreply@egov.test".parse().expect("sender");
    let letter = message::build(
        &from,
        "applicant@example.kz",
        "Сұрау № 7",
        "Сәлеметсіз бе!",
        "<outbox-7.1@egov.test>".to_owned(),
    )
    .expect("a message");
    let helo = || ClientId::Ipv4([127, 0, 0, 1].into());
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
        config.ca_pem = Some(ca_pem.clone());
        let trusting = transport::build(&config, helo()).expect("a transport");
        trusting.send(letter.clone()).await.expect("sent");
        let received = server.next().await;
        assert!(received.secured, "{mode:?}");
        assert_eq!(
            BASE64
                .decode(received.auth.as_deref().expect("AUTH PLAIN"))
                .expect("base64"),
            b"\0portal\0smtp-password"
        );
        assert_eq!(received.subject(), "Сұрау № 7");
        assert_eq!(received.body(), "Сәлеметсіз бе!");

        // The web PKI alone does not trust this certificate: nothing is
        // sent, and it is worth another try.
        config.ca_pem = None;
        let web_pki = transport::build(&config, helo()).expect("a transport");
        let refused = web_pki
            .send(letter.clone())
            .await
            .expect_err("an unknown issuer");
        assert!(!transport::is_permanent(&refused), "{refused}");
        assert!(server.received.try_recv().is_err());
    }
}
