//! The public catalog: its facets, its services, one service.

use gloo_net::http::Request;
use serde::de::DeserializeOwned;
use shared::catalog::{CatalogFacets, CatalogQuery, ServiceDetail};

use super::failure::ApiFailure;
use super::http::{encode, send};

/// The query string of a catalog search, empty parts left out.
pub fn catalog_query_string(q: &CatalogQuery) -> String {
    [
        ("q", &q.q),
        ("category", &q.category),
        ("provider", &q.provider),
        ("region", &q.region),
    ]
    .iter()
    .filter_map(|(k, v)| {
        v.as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(|v| format!("{k}={}", encode(v)))
    })
    .collect::<Vec<_>>()
    .join("&")
}

pub async fn facets() -> Result<CatalogFacets, ApiFailure> {
    send(Request::get("/api/catalog/facets"), None).await
}

/// The catalog's services matching `q`, read as `T`: the whole
/// [`shared::catalog::ServiceSummary`], or the [`shared::catalog::ServiceCard`] the catalog shows.
pub async fn services<T: DeserializeOwned>(q: CatalogQuery) -> Result<Vec<T>, ApiFailure> {
    send(
        Request::get(&format!(
            "/api/catalog/services?{}",
            catalog_query_string(&q)
        )),
        None,
    )
    .await
}

pub async fn service(code: String) -> Result<ServiceDetail, ApiFailure> {
    send(
        Request::get(&format!("/api/catalog/services/{}", encode(&code))),
        None,
    )
    .await
}
