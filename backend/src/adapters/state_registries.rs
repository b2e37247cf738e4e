//! The state registries (SPEC §5, process 5): ГБД ФЛ, the state database of
//! individuals (by ИИН), and ГБД ЮЛ, the state database of legal entities
//! (by БИН). They are outside systems reached through the e-government
//! gateway (ШЭП); each sits behind its own interface ([`PersonRegistry`],
//! [`OrganizationRegistry`]) with two adapters:
//!
//! - [`Embedded`]: the demo registry shipped in `backend/data/registry/`
//!   (a few hundred people and organizations), the embedded default;
//! - [`Gateway`]: a registry service over HTTP — `GET {base}/{number}`
//!   answers the record as JSON (the `shared::desk` record types), `404`
//!   when the number is unknown.
//!
//! [`StateRegistries::lookup`] bounds every call by the configured time, so
//! a registry that does not answer in time is told apart from one that
//! does not know the number.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use shared::desk::{OrganizationRecord, PersonRecord, RegistryRecord};
use shared::{Bin, Iin, TaxId};

use crate::config::{RegistryConfig, RegistrySource};

type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// The most a registry's answer may weigh.
const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// Why a lookup gave no record.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// The registry answered that it has no such number.
    #[error("the number is not in the registry")]
    NotFound,
    /// No answer within the configured time.
    #[error("the registry did not answer in time")]
    Timeout,
    /// The registry could not be reached, or answered something unusable.
    #[error("the registry failed: {0}")]
    Failed(String),
}

/// ГБД ФЛ: people by ИИН.
pub trait PersonRegistry: Send + Sync + std::fmt::Debug {
    fn person<'a>(&'a self, iin: &'a Iin) -> BoxFuture<'a, Result<PersonRecord, RegistryError>>;
}

/// ГБД ЮЛ: legal entities by БИН.
pub trait OrganizationRegistry: Send + Sync + std::fmt::Debug {
    fn organization<'a>(
        &'a self,
        bin: &'a Bin,
    ) -> BoxFuture<'a, Result<OrganizationRecord, RegistryError>>;
}

/// Both registries, each through its adapter, with the time a lookup may take.
#[derive(Debug)]
pub struct StateRegistries {
    persons: Box<dyn PersonRegistry>,
    organizations: Box<dyn OrganizationRegistry>,
    timeout: Duration,
}

impl StateRegistries {
    /// The adapters the configuration names; the embedded data is read now.
    pub fn from_config(config: &RegistryConfig) -> Result<StateRegistries, String> {
        let mut embedded = None;
        let mut embedded_data = |dir: &Path| -> Result<std::sync::Arc<Embedded>, String> {
            if let Some(e) = &embedded {
                return Ok(std::sync::Arc::clone(e));
            }
            let e = std::sync::Arc::new(Embedded::load(dir)?);
            embedded = Some(std::sync::Arc::clone(&e));
            Ok(e)
        };
        let persons: Box<dyn PersonRegistry> = match &config.persons {
            RegistrySource::Embedded(dir) => Box::new(Shared(embedded_data(dir)?)),
            RegistrySource::Gateway(url) => Box::new(Gateway::new(url)?),
        };
        let organizations: Box<dyn OrganizationRegistry> = match &config.organizations {
            RegistrySource::Embedded(dir) => Box::new(Shared(embedded_data(dir)?)),
            RegistrySource::Gateway(url) => Box::new(Gateway::new(url)?),
        };
        Ok(StateRegistries {
            persons,
            organizations,
            timeout: config.timeout,
        })
    }

    /// Asks the registry of `id`'s kind, within the configured time.
    pub async fn lookup(&self, id: &TaxId) -> Result<RegistryRecord, RegistryError> {
        let asked = async {
            match id {
                TaxId::Iin(iin) => self.persons.person(iin).await.map(RegistryRecord::Person),
                TaxId::Bin(bin) => self
                    .organizations
                    .organization(bin)
                    .await
                    .map(RegistryRecord::Organization),
            }
        };
        let record = tokio::time::timeout(self.timeout, asked)
            .await
            .map_err(|_| RegistryError::Timeout)??;
        if record.tax_id() == id.as_string() {
            Ok(record)
        } else {
            Err(RegistryError::Failed(
                "the registry answered about another number".into(),
            ))
        }
    }
}

/// The demo registry: people and organizations read from
/// `persons.json` and `organizations.json`.
#[derive(Debug, Default)]
pub struct Embedded {
    persons: HashMap<String, PersonRecord>,
    organizations: HashMap<String, OrganizationRecord>,
}

impl Embedded {
    /// Reads the folder; a record with an invalid ИИН/БИН, or whose number
    /// disagrees with its birth or registration date, stops the start.
    pub fn load(dir: &Path) -> Result<Embedded, String> {
        let persons: Vec<PersonRecord> = read_json(&dir.join("persons.json"))?;
        let organizations: Vec<OrganizationRecord> = read_json(&dir.join("organizations.json"))?;
        let mut e = Embedded::default();
        for p in persons {
            let iin = Iin::parse(&p.iin).map_err(|c| format!("ИИН {}: {c:?}", p.iin))?;
            let (y, m, d) = iin.birth_date();
            if p.birth_date.ymd() != (i32::try_from(y).unwrap_or(0), m, d) || p.sex != iin.sex() {
                return Err(format!("ИИН {}: birth date or sex disagree", p.iin));
            }
            e.persons.insert(iin.as_string(), p);
        }
        for o in organizations {
            let bin = Bin::parse(&o.bin).map_err(|c| format!("БИН {}: {c:?}", o.bin))?;
            Iin::parse(&o.head.iin).map_err(|c| format!("head of {}: {c:?}", o.bin))?;
            e.organizations.insert(bin.as_string(), o);
        }
        Ok(e)
    }

    pub fn len(&self) -> (usize, usize) {
        (self.persons.len(), self.organizations.len())
    }
}

fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// One embedded registry serving both interfaces.
#[derive(Debug)]
struct Shared(std::sync::Arc<Embedded>);

impl PersonRegistry for Shared {
    fn person<'a>(&'a self, iin: &'a Iin) -> BoxFuture<'a, Result<PersonRecord, RegistryError>> {
        let found = self.0.persons.get(&iin.as_string()).cloned();
        Box::pin(async move { found.ok_or(RegistryError::NotFound) })
    }
}

impl OrganizationRegistry for Shared {
    fn organization<'a>(
        &'a self,
        bin: &'a Bin,
    ) -> BoxFuture<'a, Result<OrganizationRecord, RegistryError>> {
        let found = self.0.organizations.get(&bin.as_string()).cloned();
        Box::pin(async move { found.ok_or(RegistryError::NotFound) })
    }
}

/// A registry reached over HTTP: `GET {base}/{number}` → the record as
/// JSON, `404` for an unknown number.
#[derive(Debug)]
pub struct Gateway {
    base: String,
    client: hyper_util::client::legacy::Client<
        hyper_util::client::legacy::connect::HttpConnector,
        http_body_util::Empty<bytes::Bytes>,
    >,
}

impl Gateway {
    pub fn new(base: &str) -> Result<Gateway, String> {
        let base = base.trim_end_matches('/').to_owned();
        let uri: axum::http::Uri = format!("{base}/0")
            .parse()
            .map_err(|e| format!("registry address {base}: {e}"))?;
        if uri.scheme_str() != Some("http") {
            // The gateway (ШЭП) is reached inside the government network.
            return Err(format!(
                "registry address {base}: only http:// is supported"
            ));
        }
        let client =
            hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
                .build_http();
        Ok(Gateway { base, client })
    }

    async fn get<T: DeserializeOwned>(&self, number: &str) -> Result<T, RegistryError> {
        let uri: axum::http::Uri = format!("{}/{number}", self.base)
            .parse()
            .map_err(|e| RegistryError::Failed(format!("{e}")))?;
        let response = self
            .client
            .get(uri)
            .await
            .map_err(|e| RegistryError::Failed(e.to_string()))?;
        match response.status() {
            axum::http::StatusCode::NOT_FOUND => return Err(RegistryError::NotFound),
            s if !s.is_success() => return Err(RegistryError::Failed(format!("HTTP {s}"))),
            _ => {}
        }
        let body = http_body_util::Limited::new(response.into_body(), MAX_ANSWER_BYTES)
            .collect()
            .await
            .map_err(|e| RegistryError::Failed(e.to_string()))?
            .to_bytes();
        serde_json::from_slice(&body).map_err(|e| RegistryError::Failed(e.to_string()))
    }
}

impl PersonRegistry for Gateway {
    fn person<'a>(&'a self, iin: &'a Iin) -> BoxFuture<'a, Result<PersonRecord, RegistryError>> {
        Box::pin(async move { self.get(&iin.as_string()).await })
    }
}

impl OrganizationRegistry for Gateway {
    fn organization<'a>(
        &'a self,
        bin: &'a Bin,
    ) -> BoxFuture<'a, Result<OrganizationRecord, RegistryError>> {
        Box::pin(async move { self.get(&bin.as_string()).await })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/registry")
    }

    #[test]
    fn the_demo_registry_loads_and_is_consistent() {
        let e = Embedded::load(&data_dir()).expect("loads");
        let (people, organizations) = e.len();
        assert!(people >= 300, "{people} people");
        assert!(organizations >= 100, "{organizations} organizations");
        // Every organization's head is a person the registry knows.
        for o in e.organizations.values() {
            assert!(e.persons.contains_key(&o.head.iin), "head of {}", o.bin);
        }
        // The demo accounts are in it.
        for n in [
            "900101300007",
            "850615400006",
            "920310300007",
            "770707300002",
        ] {
            assert!(e.persons.contains_key(n), "{n}");
        }
        assert!(e.organizations.contains_key("050440000002"));
    }

    #[tokio::test]
    async fn an_unknown_number_is_not_found_and_a_known_one_is() {
        let registries = StateRegistries::from_config(&RegistryConfig {
            persons: RegistrySource::Embedded(data_dir()),
            organizations: RegistrySource::Embedded(data_dir()),
            timeout: Duration::from_secs(5),
        })
        .expect("builds");
        let known = TaxId::Iin(Iin::parse("900101300007").expect("iin"));
        let record = registries.lookup(&known).await.expect("found");
        assert_eq!(record.tax_id(), "900101300007");
        let unknown = TaxId::Iin(Iin::parse("010101500003").expect("iin"));
        assert!(matches!(
            registries.lookup(&unknown).await,
            Err(RegistryError::NotFound)
        ));
    }
}
