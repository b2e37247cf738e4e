//! The SMTP transport, `lettre`'s, from [`SmtpConfig`]: plain, `STARTTLS`
//! (required) or TLS from the first byte through rustls (its ring provider;
//! the Mozilla roots, and the private CA's certificates when configured),
//! `AUTH PLAIN` or `LOGIN` with the configured credentials, and a pool of
//! connections kept open between letters.

use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, CertificateStore, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::{Error, PoolConfig};
use lettre::{AsyncSmtpTransport, Tokio1Executor};

use crate::config::{SmtpConfig, SmtpTls};

pub type Transport = AsyncSmtpTransport<Tokio1Executor>;

/// Connections to the mail server at once.
const CONNECTIONS: u32 = 2;
/// An open connection unused this long is closed.
const IDLE: Duration = Duration::from_secs(60);

/// The transport for `config`; `helo` is how the portal names itself.
pub fn build(config: &SmtpConfig, helo: ClientId) -> Result<Transport, String> {
    let tls = || -> Result<TlsParameters, String> {
        let mut params = TlsParameters::builder(config.host.clone())
            .certificate_store(CertificateStore::WebpkiRoots);
        if let Some(pem) = &config.ca_pem {
            let ca = Certificate::from_pem(pem).map_err(|e| format!("SMTP CA: {e}"))?;
            params = params.add_root_certificate(ca);
        }
        params.build_rustls().map_err(|e| format!("SMTP TLS: {e}"))
    };
    let tls = match config.tls {
        SmtpTls::None => Tls::None,
        SmtpTls::StartTls => Tls::Required(tls()?),
        SmtpTls::Tls => Tls::Wrapper(tls()?),
    };
    let mut builder = Transport::builder_dangerous(config.host.clone())
        .port(config.port)
        .tls(tls)
        .hello_name(helo)
        .timeout(Some(config.timeout))
        .pool_config(PoolConfig::new().max_size(CONNECTIONS).idle_timeout(IDLE));
    if let (Some(user), Some(password)) = (&config.user, &config.password) {
        builder = builder
            .credentials(Credentials::new(user.clone(), password.expose().to_owned()))
            .authentication(vec![Mechanism::Plain, Mechanism::Login]);
    }
    Ok(builder.build())
}

/// Whether the same letter would fail again: a 5xx reply, or what the
/// client itself refused (a server without the `STARTTLS` or the `AUTH`
/// the configuration demands, an address it cannot send to). The network,
/// a timeout, TLS and a 4xx reply are worth another try.
pub fn is_permanent(e: &Error) -> bool {
    e.is_permanent() || e.is_client()
}
