//! The API described as OpenAPI 3.1, served at `/api/openapi.json`. Each
//! handler carries its `#[utoipa::path]`; `router::api` registers handlers
//! through `utoipa_axum::routes!`, so the description and the routes come
//! from one list and cannot drift apart. The schemas are derived from the
//! `shared` types (its `openapi` feature).

use std::collections::BTreeMap;

use shared::ApiErrorBody;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, KnownFormat, OpenApi, Ref, RefOr};
use utoipa::{IntoResponses, Modify, PartialSchema, ToSchema};

/// Raw bytes: an uploaded or downloaded file, a PDF, a CMS signature.
pub struct Binary;

impl PartialSchema for Binary {
    fn schema() -> RefOr<Schema> {
        RefOr::T(Schema::Object(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
                .build(),
        ))
    }
}

impl ToSchema for Binary {}

/// The error answers any operation may give, each with an [`ApiErrorBody`]:
/// the HTTP edge (`crate::error::AppError`) is the same for all of them.
pub struct Problems;

const PROBLEMS: &[(u16, &str)] = &[
    (400, "The body or the query could not be read"),
    (401, "No valid access token"),
    (402, "The fee is not paid yet"),
    (403, "This role or this owner may not do it"),
    (404, "No such thing, or not yours to see"),
    (
        409,
        "Not in this state (already signed, taken, handed over…)",
    ),
    (413, "The body is too large"),
    (415, "The body is not sent as JSON"),
    (
        422,
        "Fields are wrong (`fields` maps each to its codes), or the JSON has the wrong shape",
    ),
    (429, "Too many attempts; see `retry_after_secs`"),
    (
        503,
        "The portal is at its limit or a dependency is down; retry after Retry-After",
    ),
];

impl IntoResponses for Problems {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        PROBLEMS
            .iter()
            .map(|(status, description)| {
                let response = ResponseBuilder::new()
                    .description(*description)
                    .content(
                        "application/json",
                        Content::new(Some(Ref::from_schema_name(ApiErrorBody::name()))),
                    )
                    .build();
                (status.to_string(), RefOr::T(response))
            })
            .collect()
    }
}

/// The description's frame: title, the `/api` base, the bearer scheme.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "E-government services portal",
        description = "Licenses and health-care services online: the catalog, accounts, \
            requests and their history, the provider's review, the public service center's \
            desk, the license registry.",
        license(name = "MIT OR Apache-2.0")
    ),
    servers((url = "/api")),
    components(schemas(ApiErrorBody, shared::review::DueFilter)),
    modifiers(&Bearer)
)]
pub struct ApiDoc;

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

/// What a response hands on to later calls, as OpenAPI links: the `id` of
/// a request just made, or the first of a list, fills the `{id}` of the
/// operations on it; a file just uploaded, the `{file}` of its download.
/// (Schemathesis' stateful phase follows them to reach real requests.)
const LINKS: &[(&str, &str, &str, &[&str])] = &[
    // (method, path, status, prefixes of the operations it feeds)
    ("post", "/requests", "201", &["/requests/{id}"]),
    ("get", "/requests", "200", &["/requests/{id}"]),
    (
        "post",
        "/desk/requests",
        "201",
        &["/desk/requests/{id}", "/requests/{id}"],
    ),
    ("get", "/desk/requests", "200", &["/desk/requests/{id}"]),
    ("get", "/review/requests", "200", &["/review/requests/{id}"]),
];

/// The description as served: the derived one, with the catalog's service
/// codes as the choices of a new request's `service` and the links
/// ([`LINKS`]) between operations.
pub fn document(base: &OpenApi, services: &[&str]) -> serde_json::Value {
    use serde_json::{Value, json};
    let mut doc = serde_json::to_value(base).unwrap_or_else(|e| {
        tracing::error!(error = %e, "the OpenAPI description does not serialize");
        Value::Null
    });
    for schema in ["CreateDraft", "DeskStart"] {
        if let Some(service) =
            doc.pointer_mut(&format!("/components/schemas/{schema}/properties/service"))
        {
            service["enum"] = json!(services);
        }
    }
    let targets: Vec<(String, String, Vec<String>)> = doc["paths"]
        .as_object()
        .into_iter()
        .flatten()
        .flat_map(|(path, item)| {
            item.as_object()
                .into_iter()
                .flatten()
                .filter_map(move |(_, op)| {
                    let id = op["operationId"].as_str()?.to_owned();
                    let params = op["parameters"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter(|p| p["in"] == "path")
                        .filter_map(|p| p["name"].as_str().map(str::to_owned))
                        .collect();
                    Some((path.clone(), id, params))
                })
        })
        .collect();
    for (method, path, status, prefixes) in LINKS {
        let list = *status == "200";
        let source = if list { "/0/id" } else { "/id" };
        let mut links = serde_json::Map::new();
        for (target, op, params) in &targets {
            if !prefixes.iter().any(|p| target.starts_with(p)) || params != &["id"] {
                continue;
            }
            links.insert(
                op.clone(),
                json!({
                    "operationId": op,
                    "parameters": { "id": format!("$response.body#{source}") },
                }),
            );
        }
        if let Some(response) = doc.pointer_mut(&format!(
            "/paths/{}/{method}/responses/{status}",
            path.replace('/', "~1")
        )) {
            response["links"] = Value::Object(links);
        }
    }
    // A file just uploaded: its download and its removal.
    if let Some(response) = doc.pointer_mut("/paths/~1requests~1{id}~1files/post/responses/201") {
        let link = |op: &str| {
            json!({
                "operationId": op,
                "parameters": { "id": "$request.path.id", "file": "$response.body#/id" },
            })
        };
        response["links"] = json!({
            "requests_download": link("requests_download"),
            "requests_remove": link("requests_remove"),
        });
    }
    doc
}
