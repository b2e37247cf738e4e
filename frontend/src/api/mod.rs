//! The typed client of the portal's API, and the session.
//!
//! The access token is kept in memory (a signal) and nowhere else; on start
//! and when it expires, `/api/auth/refresh` trades the `HttpOnly` refresh
//! cookie for a new one.

use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::account::AccountKind;
use shared::account::{ChangePasswordRequest, LoginRequest, RegisterRequest, SessionDto, UserDto};
use shared::catalog::{CatalogFacets, CatalogQuery, ServiceDetail};
use shared::desk::{DeskRow, DeskStart, PaperDocuments, RegistryRecord};
use shared::eds::{
    Challenge, ChallengePurpose, ChallengeRequest, EdsLoginRequest, EdsRegisterRequest,
};
use shared::request::{
    Application, ClinicsDto, CreateDraft, LicenseDto, NotificationsDto, PaymentRedirect,
    RequestDto, RequestQuery, RequestSummary, SaveDraft, StartPayment, SubmitSigned, SurveyBody,
    UnreadDto,
};

pub mod upload;

use shared::review::{
    AssignTo, DecisionDraft, DecisionDto, QueueQuery, QueueRow, RegistryChange, RegistryEntry,
    ReviewDto, SignDecision, VerifyDocument, VerifyOutcome,
};
use shared::{ApiErrorBody, ErrorCode, FieldErrors};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The server answered with an error body.
    Api { status: u16, body: ApiErrorBody },
    /// No answer (offline, server down) or an answer we could not read.
    Network,
}

impl ApiFailure {
    pub fn code(&self) -> Option<&ErrorCode> {
        match self {
            ApiFailure::Api { body, .. } => Some(&body.error),
            ApiFailure::Network => None,
        }
    }

    pub fn fields(&self) -> FieldErrors {
        match self {
            ApiFailure::Api { body, .. } => body.fields.clone(),
            ApiFailure::Network => FieldErrors::new(),
        }
    }

    pub fn request_id(&self) -> Option<String> {
        match self {
            ApiFailure::Api { body, .. } => body.request_id.clone(),
            ApiFailure::Network => None,
        }
    }
}

/// The signed-in user, if any. `ready` turns true once the start-up refresh
/// has answered, so pages can tell "logged out" from "not known yet".
#[derive(Clone, Copy, Debug)]
pub struct Session {
    token: RwSignal<Option<String>>,
    pub user: RwSignal<Option<UserDto>>,
    pub ready: RwSignal<bool>,
}

impl Session {
    pub fn new() -> Session {
        let session = Session {
            token: RwSignal::new(None),
            user: RwSignal::new(None),
            ready: RwSignal::new(false),
        };
        leptos::task::spawn_local(async move {
            let _ = session.refresh().await;
            session.ready.set(true);
        });
        session
    }

    /// Waits for the start-up refresh, so a page opened by its address
    /// (a reload, the payment gateway's return link) calls the API signed in.
    pub async fn wait_ready(&self) {
        while !self.ready.get_untracked() {
            sleep_ms(25).await;
        }
    }

    pub fn start(&self, dto: SessionDto) {
        self.token.set(Some(dto.access_token));
        self.user.set(Some(dto.user));
    }

    pub fn clear(&self) {
        self.token.set(None);
        self.user.set(None);
    }

    /// Trades the refresh cookie for a new access token.
    pub async fn refresh(&self) -> Result<(), ApiFailure> {
        match send::<SessionDto>(Request::post("/api/auth/refresh"), None).await {
            Ok(dto) => {
                self.start(dto);
                Ok(())
            }
            Err(e) => {
                self.clear();
                Err(e)
            }
        }
    }

    pub async fn logout(&self) {
        let _ = send_empty(Request::post("/api/auth/logout"), None).await;
        self.clear();
    }
}

/// Resolves after `ms` milliseconds.
async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

fn with_headers(builder: RequestBuilder, token: Option<&str>) -> RequestBuilder {
    let builder = builder
        .header("X-Requested-With", "portal-app")
        .header("Accept", "application/json");
    match token {
        Some(t) => builder.header("Authorization", &format!("Bearer {t}")),
        None => builder,
    }
}

async fn fetch(
    builder: RequestBuilder,
    token: Option<&str>,
    body: Option<&str>,
) -> Result<Response, ApiFailure> {
    let builder = with_headers(builder, token);
    let request = match body {
        Some(json) => builder
            .header("Content-Type", "application/json")
            .body(json.to_owned()),
        None => builder.build(),
    }
    .map_err(|_| ApiFailure::Network)?;
    request.send().await.map_err(|_| ApiFailure::Network)
}

async fn failure(response: Response) -> ApiFailure {
    let status = response.status();
    match response.json::<ApiErrorBody>().await {
        Ok(body) => ApiFailure::Api { status, body },
        Err(_) => ApiFailure::Network,
    }
}

async fn send<T: DeserializeOwned>(
    builder: RequestBuilder,
    body: Option<&str>,
) -> Result<T, ApiFailure> {
    let response = fetch(builder, None, body).await?;
    if !response.ok() {
        return Err(failure(response).await);
    }
    response.json::<T>().await.map_err(|_| ApiFailure::Network)
}

async fn send_empty(builder: RequestBuilder, body: Option<&str>) -> Result<(), ApiFailure> {
    let response = fetch(builder, None, body).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(failure(response).await)
    }
}

#[derive(Clone, Copy)]
enum Method {
    Get,
    Post,
    Put,
    Delete,
}

fn builder(method: Method, path: &str) -> RequestBuilder {
    match method {
        Method::Get => Request::get(path),
        Method::Post => Request::post(path),
        Method::Put => Request::put(path),
        Method::Delete => Request::delete(path),
    }
}

/// What to do after a failed call as the signed-in user: retry once after
/// refreshing an expired token; forget a session the server ended.
async fn after_failure(session: Session, failed: &ApiFailure, attempt: u32) -> bool {
    if attempt == 0
        && failed.code() == Some(&ErrorCode::TokenExpired)
        && session.refresh().await.is_ok()
    {
        return true;
    }
    if matches!(
        failed.code(),
        Some(ErrorCode::SessionEnded | ErrorCode::Unauthenticated)
    ) {
        session.clear();
    }
    false
}

/// A call as the signed-in user; an expired access token is refreshed once.
async fn authed_response(
    session: Session,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<Response, ApiFailure> {
    session.wait_ready().await;
    for attempt in 0..2 {
        let token = session.token.get_untracked();
        let response = fetch(builder(method, path), token.as_deref(), body.as_deref()).await?;
        if response.ok() {
            return Ok(response);
        }
        let failed = failure(response).await;
        if after_failure(session, &failed, attempt).await {
            continue;
        }
        return Err(failed);
    }
    Err(ApiFailure::Network)
}

async fn authed<T: DeserializeOwned>(
    session: Session,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<T, ApiFailure> {
    let response = authed_response(session, method, path, body).await?;
    response.json::<T>().await.map_err(|_| ApiFailure::Network)
}

async fn authed_unit(
    session: Session,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<(), ApiFailure> {
    authed_response(session, method, path, body)
        .await
        .map(|_| ())
}

fn json<B: Serialize>(body: &B) -> Result<String, ApiFailure> {
    serde_json::to_string(body).map_err(|_| ApiFailure::Network)
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

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

pub async fn register(session: Session, req: &RegisterRequest) -> Result<(), ApiFailure> {
    let dto: SessionDto = send(Request::post("/api/auth/register"), Some(&json(req)?)).await?;
    session.start(dto);
    Ok(())
}

pub async fn login(session: Session, req: &LoginRequest) -> Result<(), ApiFailure> {
    let dto: SessionDto = send(Request::post("/api/auth/login"), Some(&json(req)?)).await?;
    session.start(dto);
    Ok(())
}

/// A fresh challenge to sign with the authentication key.
pub async fn eds_challenge(purpose: ChallengePurpose) -> Result<Challenge, ApiFailure> {
    send(
        Request::post("/api/auth/eds/challenge"),
        Some(&json(&ChallengeRequest { purpose })?),
    )
    .await
}

pub async fn eds_login(session: Session, req: &EdsLoginRequest) -> Result<(), ApiFailure> {
    let dto: SessionDto = send(Request::post("/api/auth/eds/login"), Some(&json(req)?)).await?;
    session.start(dto);
    Ok(())
}

pub async fn eds_register(session: Session, req: &EdsRegisterRequest) -> Result<(), ApiFailure> {
    let dto: SessionDto = send(Request::post("/api/auth/eds/register"), Some(&json(req)?)).await?;
    session.start(dto);
    Ok(())
}

pub async fn me(session: Session) -> Result<UserDto, ApiFailure> {
    authed(session, Method::Get, "/api/me", None).await
}

/// Starts a draft of a service.
pub async fn create_draft(session: Session, req: &CreateDraft) -> Result<RequestDto, ApiFailure> {
    authed(session, Method::Post, "/api/requests", Some(json(req)?)).await
}

pub async fn request(session: Session, id: i64) -> Result<RequestDto, ApiFailure> {
    authed(session, Method::Get, &format!("/api/requests/{id}"), None).await
}

/// Saves a draft as the user has it.
pub async fn save_draft(
    session: Session,
    id: i64,
    req: &SaveDraft,
) -> Result<RequestDto, ApiFailure> {
    authed(
        session,
        Method::Put,
        &format!("/api/requests/{id}"),
        Some(json(req)?),
    )
    .await
}

/// «История получения услуг».
pub async fn requests(
    session: Session,
    q: &RequestQuery,
) -> Result<Vec<RequestSummary>, ApiFailure> {
    let mut params = Vec::new();
    if let Some(s) = q.status {
        params.push(format!("status={}", s.code()));
    }
    if let Some(s) = q.service.as_deref().filter(|s| !s.is_empty()) {
        params.push(format!("service={}", encode(s)));
    }
    let path = if params.is_empty() {
        "/api/requests".to_owned()
    } else {
        format!("/api/requests?{}", params.join("&"))
    };
    authed(session, Method::Get, &path, None).await
}

/// Removes an attached file from a draft.
pub async fn delete_file(session: Session, id: i64, file: i64) -> Result<(), ApiFailure> {
    authed_unit(
        session,
        Method::Delete,
        &format!("/api/requests/{id}/files/{file}"),
        None,
    )
    .await
}

/// An attached file's bytes.
pub async fn file_bytes(session: Session, id: i64, file: i64) -> Result<Vec<u8>, ApiFailure> {
    let response = authed_response(
        session,
        Method::Get,
        &format!("/api/requests/{id}/files/{file}"),
        None,
    )
    .await?;
    response.binary().await.map_err(|_| ApiFailure::Network)
}

/// The payment gateway address to pay the request's fee at.
pub async fn start_payment(
    session: Session,
    id: i64,
    lang: shared::Lang,
) -> Result<PaymentRedirect, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/requests/{id}/payment"),
        Some(json(&StartPayment { lang })?),
    )
    .await
}

/// What «Подписать» signs.
pub async fn application(session: Session, id: i64) -> Result<Application, ApiFailure> {
    authed(
        session,
        Method::Get,
        &format!("/api/requests/{id}/application"),
        None,
    )
    .await
}

/// Sends the signature; the request is registered.
pub async fn submit(session: Session, id: i64, cms: String) -> Result<RequestDto, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/requests/{id}/submit"),
        Some(json(&SubmitSigned { cms })?),
    )
    .await
}

pub async fn answer_survey(session: Session, id: i64, body: &SurveyBody) -> Result<(), ApiFailure> {
    authed_unit(
        session,
        Method::Post,
        &format!("/api/requests/{id}/survey"),
        Some(json(body)?),
    )
    .await
}

/// The applicant's licenses; `request`: of the applicant of a request
/// entered at this desk.
pub async fn licenses(
    session: Session,
    request: Option<i64>,
) -> Result<Vec<LicenseDto>, ApiFailure> {
    authed(
        session,
        Method::Get,
        &for_request("/api/licenses", request),
        None,
    )
    .await
}

/// The PHC places and the applicant's current attachment; `request`: of the
/// applicant of a request entered at this desk.
pub async fn clinics(session: Session, request: Option<i64>) -> Result<ClinicsDto, ApiFailure> {
    authed(
        session,
        Method::Get,
        &for_request("/api/clinics", request),
        None,
    )
    .await
}

fn for_request(path: &str, request: Option<i64>) -> String {
    match request {
        Some(id) => format!("{path}?request={id}"),
        None => path.to_owned(),
    }
}

/// The visitor as ГБД ФЛ / ГБД ЮЛ knows them.
pub async fn registry_lookup(
    session: Session,
    kind: AccountKind,
    id_number: &str,
) -> Result<RegistryRecord, ApiFailure> {
    let path = format!(
        "/api/desk/registry?kind={}&id_number={}",
        kind.code(),
        encode(id_number)
    );
    authed(session, Method::Get, &path, None).await
}

/// A request for the visitor, entered at this desk.
pub async fn desk_start(session: Session, req: &DeskStart) -> Result<RequestDto, ApiFailure> {
    authed(
        session,
        Method::Post,
        "/api/desk/requests",
        Some(json(req)?),
    )
    .await
}

/// The requests entered at this desk.
pub async fn desk_requests(
    session: Session,
    status: Option<shared::request::RequestStatus>,
) -> Result<Vec<DeskRow>, ApiFailure> {
    let path = match status {
        Some(s) => format!("/api/desk/requests?status={}", s.code()),
        None => "/api/desk/requests".to_owned(),
    };
    authed(session, Method::Get, &path, None).await
}

/// The documents presented on paper.
pub async fn desk_paper(
    session: Session,
    id: i64,
    documents: Vec<String>,
) -> Result<RequestDto, ApiFailure> {
    authed(
        session,
        Method::Put,
        &format!("/api/desk/requests/{id}/paper"),
        Some(json(&PaperDocuments { documents })?),
    )
    .await
}

/// `register` (provider staff) or `hand-over`.
pub async fn desk_action(
    session: Session,
    id: i64,
    action: &str,
) -> Result<RequestDto, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/desk/requests/{id}/{action}"),
        None,
    )
    .await
}

pub async fn notifications(session: Session) -> Result<NotificationsDto, ApiFailure> {
    authed(session, Method::Get, "/api/notifications", None).await
}

/// The unread count alone: the header polls it on every page change.
pub async fn unread_notifications(session: Session) -> Result<UnreadDto, ApiFailure> {
    authed(session, Method::Get, "/api/notifications/unread", None).await
}

pub async fn read_notifications(session: Session) -> Result<(), ApiFailure> {
    authed_unit(session, Method::Post, "/api/notifications/read", None).await
}

pub async fn change_password(
    session: Session,
    req: &ChangePasswordRequest,
) -> Result<(), ApiFailure> {
    let dto: SessionDto =
        authed(session, Method::Post, "/api/me/password", Some(json(req)?)).await?;
    session.start(dto);
    Ok(())
}

/// The bytes of a signed-in GET (a PDF, a signature).
pub async fn bytes(session: Session, path: &str) -> Result<Vec<u8>, ApiFailure> {
    let response = authed_response(session, Method::Get, path, None).await?;
    response.binary().await.map_err(|_| ApiFailure::Network)
}

/// The reviewer's queue.
pub async fn queue(session: Session, q: &QueueQuery) -> Result<Vec<QueueRow>, ApiFailure> {
    let mut params = Vec::new();
    if let Some(s) = q.service.as_deref().filter(|s| !s.is_empty()) {
        params.push(format!("service={}", encode(s)));
    }
    if let Some(t) = q.request_type {
        params.push(format!("request_type={}", t.code()));
    }
    if let Some(s) = q.status {
        params.push(format!("status={}", s.code()));
    }
    if let Some(d) = q.due {
        params.push(format!(
            "due={}",
            match d {
                shared::review::DueFilter::Overdue => "overdue",
                shared::review::DueFilter::Soon => "soon",
            }
        ));
    }
    if let Some(l) = q.limit {
        params.push(format!("limit={l}"));
    }
    if let Some(o) = q.offset {
        params.push(format!("offset={o}"));
    }
    let path = format!("/api/review/requests?{}", params.join("&"));
    authed(session, Method::Get, &path, None).await
}

#[derive(serde::Deserialize)]
struct Taken {
    id: i64,
}

/// «Следующий запрос»: takes one and gives its id.
pub async fn next_request(session: Session) -> Result<i64, ApiFailure> {
    let t: Taken = authed(session, Method::Post, "/api/review/next", None).await?;
    Ok(t.id)
}

pub async fn review(session: Session, id: i64) -> Result<ReviewDto, ApiFailure> {
    authed(
        session,
        Method::Get,
        &format!("/api/review/requests/{id}"),
        None,
    )
    .await
}

/// `take`, `release`.
pub async fn review_action(session: Session, id: i64, action: &str) -> Result<(), ApiFailure> {
    authed_unit(
        session,
        Method::Post,
        &format!("/api/review/requests/{id}/{action}"),
        None,
    )
    .await
}

pub async fn assign(session: Session, id: i64, user: i64) -> Result<(), ApiFailure> {
    authed_unit(
        session,
        Method::Post,
        &format!("/api/review/requests/{id}/assign"),
        Some(json(&AssignTo { user })?),
    )
    .await
}

pub async fn draft_decision(
    session: Session,
    id: i64,
    draft: &DecisionDraft,
) -> Result<DecisionDto, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/review/requests/{id}/decision"),
        Some(json(draft)?),
    )
    .await
}

pub async fn sign_decision(
    session: Session,
    id: i64,
    cms: String,
) -> Result<DecisionDto, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/review/decisions/{id}/sign"),
        Some(json(&SignDecision { cms })?),
    )
    .await
}

pub async fn registry_entry(number: String) -> Result<RegistryEntry, ApiFailure> {
    send(
        Request::get(&format!("/api/registry/{}", encode(&number))),
        None,
    )
    .await
}

pub async fn registry_search(q: String) -> Result<Vec<RegistryEntry>, ApiFailure> {
    send(
        Request::get(&format!("/api/registry?q={}", encode(&q))),
        None,
    )
    .await
}

pub async fn registry_change(
    session: Session,
    number: &str,
    change: &RegistryChange,
) -> Result<RegistryEntry, ApiFailure> {
    authed(
        session,
        Method::Post,
        &format!("/api/registry/{}/status", encode(number)),
        Some(json(change)?),
    )
    .await
}

pub async fn verify_document(req: &VerifyDocument) -> Result<VerifyOutcome, ApiFailure> {
    send(Request::post("/api/verify"), Some(&json(req)?)).await
}

/// The quality and timeliness indicators (public).
pub async fn stats() -> Result<shared::review::StatsDto, ApiFailure> {
    send(Request::get("/api/stats"), None).await
}
