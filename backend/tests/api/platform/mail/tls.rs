//! STARTTLS and TLS from the first byte carry the password and the letter
//! only inside; a certificate the portal's roots do not trust gets nothing.

use std::sync::Arc;

use backend::adapters::smtp;
use backend::config::SmtpTls;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore, ServerConfig};

use crate::platform::mail::stand_in::{Behaviour, FakeSmtp};

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
