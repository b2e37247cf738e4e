//! The HTTP surface: `/api/*` routes, the single-page app for every other
//! path, and the layers every response passes through (request id, logs,
//! security headers, body limit, panic guard).

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::handler::HandlerWithoutStateExt as _;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use shared::ApiErrorBody;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use utoipa::OpenApi as _;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::controllers::{
    admin, auth, catalog, clinics, desk, health, licenses, me, notifications, payments, registry,
    requests, review, stats, users, validation,
};
use crate::error::AppError;
use crate::openapi::ApiDoc;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
/// JSON bodies of the API are small; uploads get their own limit later.
const API_BODY_LIMIT: usize = 64 * 1024;

/// The `/api` routes, with the OpenAPI description at `/openapi.json`.
pub fn api() -> Router<AppState> {
    let (router, doc) = api_parts();
    let doc = std::sync::Arc::new(doc);
    // Built on the first call, from the catalog the portal serves.
    let served = std::sync::Arc::new(std::sync::OnceLock::<bytes::Bytes>::new());
    router.route(
        "/openapi.json",
        get(move |State(app): State<AppState>| {
            let (doc, served) = (doc.clone(), served.clone());
            async move {
                let json = served.get_or_init(|| {
                    let codes: Vec<&str> = app.catalog.codes().collect();
                    bytes::Bytes::from(crate::openapi::document(&doc, &codes).to_string())
                });
                ([(header::CONTENT_TYPE, "application/json")], json.clone())
            }
        })
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        )),
    )
}

/// The routes and their description, from one list.
fn api_parts() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::show))
        .routes(routes!(health::ready))
        .routes(routes!(catalog::facets::show))
        .routes(routes!(catalog::list::list))
        .routes(routes!(catalog::show::show))
        .routes(routes!(auth::register::register))
        .routes(routes!(auth::login::login))
        .routes(routes!(auth::refresh::refresh))
        .routes(routes!(auth::logout::logout))
        .routes(routes!(auth::eds::challenge))
        .routes(routes!(auth::eds::login))
        .routes(routes!(auth::eds::register))
        .routes(routes!(auth::recover::recover))
        .routes(routes!(auth::recover::reset))
        .routes(routes!(auth::recover::eds))
        .routes(routes!(me::show::show))
        .routes(routes!(me::password::change))
        .routes(routes!(requests::list::list, requests::create::create))
        .routes(routes!(
            requests::show::show,
            requests::save::save,
            requests::discard::discard
        ))
        .routes(routes!(requests::files::download, requests::files::remove))
        .routes(routes!(requests::payment::start))
        .routes(routes!(requests::submit::application))
        .routes(routes!(requests::submit::submit))
        .routes(routes!(requests::survey::answer))
        .routes(routes!(requests::answer::answer))
        .routes(routes!(requests::result::pdf))
        .routes(routes!(requests::result::signature))
        .routes(routes!(review::queue::list))
        .routes(routes!(review::assign::next))
        .routes(routes!(review::show::show))
        .routes(routes!(review::assign::take))
        .routes(routes!(review::assign::assign))
        .routes(routes!(review::assign::release))
        .routes(routes!(review::decision::draft))
        .routes(routes!(review::decision::pdf))
        .routes(routes!(review::decision::sign))
        .routes(routes!(review::inquire::inquire))
        .routes(routes!(desk::lookup::lookup))
        .routes(routes!(desk::list::list, desk::create::create))
        .routes(routes!(desk::paper::set))
        .routes(routes!(desk::register::register))
        .routes(routes!(desk::hand_over::hand_over))
        .routes(routes!(desk::remind::remind))
        .routes(routes!(desk::uncollected::list))
        .routes(routes!(desk::status::status))
        .routes(routes!(stats::show))
        .routes(routes!(registry::search::search))
        .routes(routes!(registry::search::show))
        .routes(routes!(registry::change::change))
        .routes(routes!(registry::objects::add))
        .routes(routes!(registry::objects::change))
        .routes(routes!(registry::objects::close))
        .routes(routes!(payments::notice::notice))
        .routes(routes!(licenses::list::list))
        .routes(routes!(clinics::show::show))
        .routes(routes!(notifications::list::list))
        .routes(routes!(notifications::read::read_all))
        .routes(routes!(notifications::unread::unread))
        .routes(routes!(users::show::show))
        .routes(routes!(admin::users::list))
        .routes(routes!(admin::users::disable))
        .routes(routes!(admin::users::enable))
        .fallback(|| async { AppError::not_found() })
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(RequestBodyLimitLayer::new(API_BODY_LIMIT))
        // Uploads read their body themselves, up to the file limit
        // (`shared::files::MAX_FILE_BYTES`), and say so in the API's terms.
        .merge(
            OpenApiRouter::new()
                .routes(routes!(requests::files::upload))
                .merge(
                    // A result PDF and its signature, base64: two files' worth.
                    // And a signature to validate, with its document.
                    OpenApiRouter::new()
                        .routes(routes!(registry::verify::verify))
                        .routes(routes!(validation::create::create))
                        .routes(routes!(validation::pdf::pdf))
                        // The cap below is the one; axum's own (2 MB) is off.
                        .layer(axum::extract::DefaultBodyLimit::disable())
                        .layer(RequestBodyLimitLayer::new(
                            usize::try_from(shared::files::MAX_FILE_BYTES).unwrap_or(usize::MAX)
                                / 3
                                * 8,
                        )),
                )
                .layer(SetResponseHeaderLayer::overriding(
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("no-store"),
                )),
        )
        .split_for_parts()
}

/// The whole application.
pub fn build(state: AppState) -> Router {
    let dist = state.config.dist_dir.clone();
    let headers = crate::headers::Security::new(dist.as_deref(), state.config.hsts);
    // The demo certification center's certificates and CRL, at the CRL
    // distribution point its certificates name, its OCSP responder and TSA.
    let pki = ServeDir::new(state.config.data_dir.join("pki").join("public"));
    let mut router = Router::new()
        .nest(
            "/api",
            api()
                .layer(middleware::from_fn_with_state(
                    crate::backpressure::Gate::new(state.config.limits),
                    crate::backpressure::limit,
                ))
                .with_state(state.clone()),
        )
        .nest(
            "/pki",
            Router::new()
                .route("/ocsp", post(crate::controllers::pki::ocsp::answer))
                .route(
                    "/ocsp/{*request}",
                    get(crate::controllers::pki::ocsp::answer_get),
                )
                .route("/tsp", post(crate::controllers::pki::tsp::answer))
                .fallback_service(pki)
                .with_state(state.clone()),
        )
        .nest("/gateway", crate::gateway::routes().with_state(state));
    if let Some(dist) = dist {
        // `/` too is an app path, not the folder's `index.html` as it is.
        let files = ServeDir::new(&dist)
            .precompressed_gzip()
            .append_index_html_on_directories(false);
        // An app path gets `index.html` with its page's files named in it.
        router = match crate::spa::Index::load(&dist) {
            Ok(index) => {
                let page = move |uri: axum::http::Uri, headers: axum::http::HeaderMap| {
                    let index = index.clone();
                    async move { index.serve(&uri, &headers) }
                };
                router.fallback_service(files.fallback(page.into_service()))
            }
            Err(e) => {
                tracing::error!(error = %e, "the app's page");
                router.fallback_service(files.fallback(ServeFile::new(dist.join("index.html"))))
            }
        }
        .layer(middleware::from_fn(crate::headers::static_cache));
    }
    router
        .layer(middleware::from_fn(error_request_id))
        .layer(CatchPanicLayer::custom(|_| AppError::internal("handler panicked").into_response()))
        .layer(middleware::from_fn_with_state(headers, crate::headers::security))
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                    // The path only: query strings may carry search words, never tokens.
                    tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
                })
                .on_response(tower_http::trace::DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
}

/// Puts the request id into error bodies, so a user can quote it.
async fn error_request_id(req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let mut response = next.run(req).await;
    let Some(mut body) = response.extensions_mut().remove::<ApiErrorBody>() else {
        return response;
    };
    body.request_id = id;
    let Ok(bytes) = serde_json::to_vec(&body) else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(bytes))
}

/// Waits for Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
    tokio::time::sleep(Duration::from_millis(10)).await;
}
